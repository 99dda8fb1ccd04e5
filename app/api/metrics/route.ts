import { apiRoute } from '@/lib/api/route';
import { cacheInfo } from '@/lib/cache/cache';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from '@/lib/ops/prometheus';
import { getOpsMetrics } from '@/lib/ops/queries';

/**
 * GET /api/metrics (admins, by session or API token; 404 to other users, 401 signed out): the
 * ops metrics in Prometheus text format, for a scraper that sends an admin's API token
 * (Authorization: Bearer brisk_…).
 */
export const GET = apiRoute(
  '/api/metrics',
  { access: 'admin' },
  async () => new Response(prometheusText(await getOpsMetrics(), cacheInfo()), { headers: { 'Content-Type': PROMETHEUS_CONTENT_TYPE } }),
);
