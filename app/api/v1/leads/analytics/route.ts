import { apiRoute } from '@/lib/api/route';
import { getLeadsAnalytics } from '@/lib/leads/queries';

/** GET /api/v1/leads/analytics: plan 001's analytics JSON (leads, conversions, keywords by conversion rate, integrations). */
export const GET = apiRoute('/api/v1/leads/analytics', { access: 'viewer' }, async ({ viewer }) => getLeadsAnalytics(viewer.id));
