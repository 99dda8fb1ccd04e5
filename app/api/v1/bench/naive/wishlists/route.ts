import { notFoundResponse } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import { isBenchMode } from '@/lib/bench-mode';
import { withRoute } from '@/lib/metrics/request';
import { loadNaiveDashboard } from '@/lib/wishlists/naive';
import { wishlistSortSchema } from '@/lib/wishlists/schemas';

/**
 * GET /api/v1/bench/naive/wishlists: the benchmark's naive baseline of GET /api/v1/wishlists
 * (the same JSON, from lib/wishlists/naive.ts). 404 unless the server runs with BRISK_BENCH=1.
 */
export const GET = withRoute('/api/v1/bench/naive/wishlists', async (request: Request) => {
  if (!isBenchMode()) return notFoundResponse();
  const viewer = await viewerFromRequest(request);
  if (!viewer) return unauthorized(request);
  const sort = wishlistSortSchema.parse(new URL(request.url).searchParams.get('sort') ?? undefined);
  return Response.json(await loadNaiveDashboard(viewer.id, sort), { headers: { 'Cache-Control': 'private, no-store' } });
});
