import { notFoundResponse } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import { isBenchMode } from '@/lib/bench-mode';
import { withRoute } from '@/lib/metrics/request';
import { loadNaiveWishlistDetail } from '@/lib/wishlists/naive';

/**
 * GET /api/v1/bench/naive/wishlists/:id: the benchmark's naive baseline of GET
 * /api/v1/wishlists/:id (the same JSON, from lib/wishlists/naive.ts). 404 unless the server runs
 * with BRISK_BENCH=1.
 */
export const GET = withRoute('/api/v1/bench/naive/wishlists/[id]', async (request: Request, context: RouteContext<'/api/v1/bench/naive/wishlists/[id]'>) => {
  if (!isBenchMode()) return notFoundResponse();
  const viewer = await viewerFromRequest(request);
  if (!viewer) return unauthorized(request);
  const detail = await loadNaiveWishlistDetail(viewer.id, (await context.params).id);
  if (!detail) return notFoundResponse();
  return Response.json(detail, { headers: { 'Cache-Control': 'private, no-store' } });
});
