import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getSearchProgress } from '@/lib/leads/queries';

/** GET /api/v1/leads/integrations/:id/progress: where a search of the source is (uncached: polled while it runs). */
export const GET = apiRoute<{ id: string }>('/api/v1/leads/integrations/[id]/progress', { access: 'viewer' }, async ({ viewer, params }) => {
  const source = await getSearchProgress(viewer.id, params.id);
  if (!source) throw new ApiError(404, 'Not found.');
  return { searchState: source.searchState, searchProgress: source.searchProgress, lastSearchedAt: source.lastSearchedAt, healthScore: source.healthScore, lastError: source.lastError };
});
