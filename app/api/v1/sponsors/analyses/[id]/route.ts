import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getAnalysisDetail } from '@/lib/sponsors/queries';

/** GET /api/v1/sponsors/analyses/:id: one analysis with its documents and conversation, to its farmer and its sponsor's members; 404 to anyone else. */
export const GET = apiRoute<{ id: string }>('/api/v1/sponsors/analyses/[id]', { access: 'viewer' }, async ({ viewer, params }) => {
  const detail = await getAnalysisDetail(viewer.id, params.id);
  if (!detail) throw new ApiError(404, 'Not found.');
  return detail;
});
