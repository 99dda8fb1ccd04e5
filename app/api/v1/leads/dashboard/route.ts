import { apiRoute } from '@/lib/api/route';
import { getLeadsDashboard } from '@/lib/leads/queries';

/**
 * GET /api/v1/leads/dashboard: plan 001's dashboard JSON (DashboardService#call): recent leads,
 * keyword performance, integration status, analytics and conversion metrics, the viewer's own.
 */
export const GET = apiRoute('/api/v1/leads/dashboard', { access: 'viewer' }, async ({ viewer }) => getLeadsDashboard(viewer.id));
