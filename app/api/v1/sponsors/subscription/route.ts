import { apiRoute } from '@/lib/api/route';
import { getSubscription } from '@/lib/sponsors/queries';

/** GET /api/v1/sponsors/subscription: the viewer's running subscription, or null (plan 003's subscription check: one indexed lookup). */
export const GET = apiRoute('/api/v1/sponsors/subscription', { access: 'viewer' }, async ({ viewer }) => ({ subscription: await getSubscription(viewer.id) }));
