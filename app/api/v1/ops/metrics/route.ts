import { apiRoute } from '@/lib/api/route';
import { getOpsMetrics } from '@/lib/ops/queries';

/**
 * GET /api/v1/ops/metrics (admins; 404 to other users, 401 signed out): per-route request
 * counts, p50/p95/p99 and statements per request, the slowest recent requests, and data-cache
 * reads by kind; from Redis (all instances) when configured, else this instance.
 */
export const GET = apiRoute('/api/v1/ops/metrics', { access: 'admin' }, () => getOpsMetrics());
