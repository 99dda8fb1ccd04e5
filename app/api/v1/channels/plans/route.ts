import { apiRoute } from '@/lib/api/route';
import { getPlans, getSubscription } from '@/lib/channels/queries';

/** GET /api/v1/channels/plans: the subscription plans and your subscription. */
export const GET = apiRoute('/api/v1/channels/plans', { access: 'viewer' }, async ({ viewer }) => {
  const [plans, subscription] = await Promise.all([getPlans(), getSubscription(viewer.id)]);
  return { plans, subscription };
});
