import { withRoute } from '@/lib/metrics/request';
import { adminFromRequest } from '@/lib/ops/api';
import { getCacheStats } from '@/lib/ops/queries';

/**
 * GET /api/v1/cache/stats (admins, by session or API token; 404 to other users, 401 signed
 * out): the data cache's layers (L1 memory, L2 Redis and whether it is up), reads and hit rate
 * by kind and in total, and Redis's own keyspace counters.
 */
export const GET = withRoute('/api/v1/cache/stats', async (request: Request) => {
  const access = await adminFromRequest(request);
  if ('response' in access) return access.response;
  return Response.json(await getCacheStats(), { headers: { 'Cache-Control': 'no-store' } });
});
