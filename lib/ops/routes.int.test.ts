import { describe, expect, it } from 'vitest';
import { getStaticRoute as get } from '@/test/routes';
import { GET as prometheusRoute } from '@/app/api/metrics/route';
import { GET as cacheStatsRoute } from '@/app/api/v1/cache/stats/route';
import { GET as opsMetricsRoute } from '@/app/api/v1/ops/metrics/route';
import { getWishlistDashboard, publicListsRead } from '@/lib/wishlists/queries';
import { withRoute } from '@/lib/metrics/request';
import type { CacheStatsReport } from './queries';
import type { MetricsSnapshot } from '@/lib/metrics/store';
import { sessionCookie } from '@/test/sessions';

const ROUTES = [
  { path: '/api/v1/ops/metrics', handler: opsMetricsRoute },
  { path: '/api/v1/cache/stats', handler: cacheStatsRoute },
  { path: '/api/metrics', handler: prometheusRoute },
];

describe('the ops API (admins only)', () => {
  it('answers 401 to the signed-out, with no cookie or a forged one', async () => {
    for (const { path, handler } of ROUTES) {
      expect((await get(handler, path)).status, path).toBe(401);
      expect((await get(handler, path, { cookie: 'better-auth.session_token=forged.value' })).status, path).toBe(401);
      expect((await get(handler, path, { authorization: 'Bearer not-a-token' })).status, path).toBe(401);
    }
  });

  it('answers 404 to a signed-in user who is not an admin, and shows nothing', async () => {
    const cookie = await sessionCookie('ada@brisk.test');
    for (const { path, handler } of ROUTES) {
      const response = await get(handler, path, { cookie });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: 'Not found.' });
    }
  });

  it('gives admins the per-route metrics, the cache statistics and the Prometheus text', async () => {
    // Something to report: a measured API request that reads the data cache twice (a miss, then a
    // hit), with the public lists everybody shares already read.
    await publicListsRead.get();
    const measured = withRoute('/api/test/ops-routes', async () => {
      await getWishlistDashboard('usr_farah', 'created_asc');
      await getWishlistDashboard('usr_farah', 'created_asc');
      return Response.json({ ok: true });
    });
    await measured();
    const cookie = await sessionCookie('admin@brisk.test');

    const metricsResponse = await get(opsMetricsRoute, '/api/v1/ops/metrics', { cookie });
    expect(metricsResponse.status).toBe(200);
    expect(metricsResponse.headers.get('Cache-Control')).toBe('private, no-store');
    expect(metricsResponse.headers.get('Server-Timing')).toMatch(/statements/);
    const metrics = (await metricsResponse.json()) as MetricsSnapshot;
    expect(metrics.routes.find((r) => r.route === '/api/test/ops-routes')).toMatchObject({ count: 1, statementsPerRequest: 1 });
    expect(metrics.cache.find((c) => c.namespace === 'wishlists.dashboard')?.hits).toBeGreaterThanOrEqual(1);

    const statsResponse = await get(cacheStatsRoute, '/api/v1/cache/stats', { cookie });
    expect(statsResponse.status).toBe(200);
    const stats = (await statsResponse.json()) as CacheStatsReport;
    expect(stats.layers).toMatchObject({ l1: 'memory' });
    expect(stats.kinds.map((k) => k.namespace)).toContain('wishlists.dashboard');
    expect(stats.totals.hits + stats.totals.misses).toBeGreaterThanOrEqual(2);
    expect(stats.totals.hitRate).toBeGreaterThan(0);

    const textResponse = await get(prometheusRoute, '/api/metrics', { cookie });
    expect(textResponse.status).toBe(200);
    expect(textResponse.headers.get('Content-Type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await textResponse.text();
    expect(text).toContain('# TYPE brisk_requests_total counter');
    expect(text).toContain('brisk_requests_total{route="/api/test/ops-routes"} 1');
    expect(text).toMatch(/^brisk_request_duration_milliseconds\{route="\/api\/test\/ops-routes",quantile="0\.95"\} [\d.]+$/m);
    expect(text).toMatch(/^brisk_cache_reads_total\{kind="wishlists\.dashboard",outcome="hit"\} \d+$/m);
  });
});
