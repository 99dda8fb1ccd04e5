import { withRoute } from '@/lib/metrics/request';
import { adminFromRequest } from '@/lib/ops/api';
import { getOpsMetrics } from '@/lib/ops/queries';

/**
 * GET /api/v1/ops/metrics (admins; 404 to other users, 401 signed out): per-route request
 * counts, p50/p95/p99 and statements per request, the slowest recent requests, and data-cache
 * reads by kind; from Redis (all instances) when configured, else this instance.
 */
export const GET = withRoute('/api/v1/ops/metrics', async (request: Request) => {
  const access = await adminFromRequest(request);
  if ('response' in access) return access.response;
  return Response.json(await getOpsMetrics(), { headers: { 'Cache-Control': 'no-store' } });
});
