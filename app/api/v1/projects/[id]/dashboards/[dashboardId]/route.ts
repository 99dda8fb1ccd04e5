import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getDashboardView } from '@/lib/projects/queries';

/** GET /api/v1/projects/:id/dashboards/:dashboardId: a dashboard and its components, for the project's members; 404 for anyone else. */
export const GET = apiRoute<{ id: string; dashboardId: string }>('/api/v1/projects/[id]/dashboards/[dashboardId]', { access: 'viewer' }, async ({ viewer, params }) => {
  const dashboard = await getDashboardView(viewer.id, params.dashboardId.toLowerCase());
  if (!dashboard || dashboard.project.id !== params.id.toLowerCase()) throw new ApiError(404, 'This dashboard does not exist, or you are not a member of its project.');
  return { dashboard };
});
