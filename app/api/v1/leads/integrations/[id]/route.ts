import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getIntegrationDetail } from '@/lib/leads/queries';

/** GET /api/v1/leads/integrations/:id: one of the viewer's sources with its latest log lines; 404 for anyone else's. */
export const GET = apiRoute<{ id: string }>('/api/v1/leads/integrations/[id]', { access: 'viewer' }, async ({ viewer, params }) => {
  const detail = await getIntegrationDetail(viewer.id, params.id);
  if (!detail) throw new ApiError(404, 'Not found.');
  return detail;
});
