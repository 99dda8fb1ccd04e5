import { apiRoute } from '@/lib/api/route';
import { isBenchMode } from '@/lib/bench-mode';
import { loadNaiveDashboard } from '@/lib/wishlists/naive';
import { wishlistApiQuerySchema } from '@/lib/wishlists/schemas';

/**
 * GET /api/v1/bench/naive/wishlists: the benchmark's naive baseline of GET /api/v1/wishlists
 * (the same JSON, from lib/wishlists/naive.ts). 404 unless the server runs with BRISK_BENCH=1.
 */
export const GET = apiRoute('/api/v1/bench/naive/wishlists', { access: 'viewer', query: wishlistApiQuerySchema, available: isBenchMode }, async ({ viewer, query }) =>
  loadNaiveDashboard(viewer.id, query.sort),
);
