import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { isBenchMode } from '@/lib/bench-mode';
import { loadNaiveWishlistDetail } from '@/lib/wishlists/naive';

/**
 * GET /api/v1/bench/naive/wishlists/:id: the benchmark's naive baseline of GET
 * /api/v1/wishlists/:id (the same JSON, from lib/wishlists/naive.ts). 404 unless the server runs
 * with BRISK_BENCH=1.
 */
export const GET = apiRoute<{ id: string }>('/api/v1/bench/naive/wishlists/[id]', { access: 'viewer', available: isBenchMode }, async ({ viewer, params }) => {
  const detail = await loadNaiveWishlistDetail(viewer.id, params.id);
  if (!detail) throw new ApiError(404, 'Not found.');
  return detail;
});
