import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getProjectDetail } from '@/lib/projects/queries';

/** GET /api/v1/projects/:id: a project with its members and dashboards, for its members; 404 for anyone else. */
export const GET = apiRoute<{ id: string }>('/api/v1/projects/[id]', { access: 'viewer' }, async ({ viewer, params }) => {
  const project = await getProjectDetail(viewer.id, params.id.toLowerCase());
  if (!project) throw new ApiError(404, 'This project does not exist, or you are not one of its members.');
  return { project };
});
