import type { MetricsSnapshot } from '@/lib/metrics/store';
import { sleep } from './proc';

/** Routes of the benchmark's own bookkeeping, never attributed to a measured request. */
const OWN_ROUTES = new Set(['/api/v1/ops/metrics']);

/** The app's per-route metrics (GET /api/v1/ops/metrics, as an admin). */
export async function opsMetrics(origin: string, adminCookie: string): Promise<MetricsSnapshot> {
  const response = await fetch(`${origin}/api/v1/ops/metrics`, { headers: { cookie: adminCookie } });
  if (!response.ok) throw new Error(`GET /api/v1/ops/metrics: HTTP ${response.status}`);
  return (await response.json()) as MetricsSnapshot;
}

export interface Delta {
  /** Routes that served requests in between, with their request and statement counts. */
  routes: { route: string; requests: number; statements: number }[];
  cache: { hits: number; misses: number; stale: number };
}

const totals = (snapshot: MetricsSnapshot) =>
  new Map(snapshot.routes.filter((r) => !OWN_ROUTES.has(r.route)).map((r) => [r.route, { count: r.count, statements: Math.round(r.count * r.statementsPerRequest) }]));

export function delta(before: MetricsSnapshot, after: MetricsSnapshot): Delta {
  const a = totals(before);
  const routes = [...totals(after)]
    .map(([route, t]) => ({ route, requests: t.count - (a.get(route)?.count ?? 0), statements: t.statements - (a.get(route)?.statements ?? 0) }))
    .filter((r) => r.requests > 0);
  const sum = (s: MetricsSnapshot, key: 'hits' | 'misses' | 'stale') => s.cache.reduce((n, c) => n + c[key], 0);
  return {
    routes,
    cache: { hits: sum(after, 'hits') - sum(before, 'hits'), misses: sum(after, 'misses') - sum(before, 'misses'), stale: sum(after, 'stale') - sum(before, 'stale') },
  };
}

/**
 * Waits until the metrics show `requests` more requests on some route than `before` (a page's
 * books close after its stream ends, and the Redis store is written asynchronously), then
 * returns the difference.
 */
export async function settledDelta(origin: string, adminCookie: string, before: MetricsSnapshot, requests: number, timeoutMs = 5_000): Promise<Delta> {
  const started = Date.now();
  for (;;) {
    const current = delta(before, await opsMetrics(origin, adminCookie));
    if (current.routes.some((r) => r.requests >= requests) || Date.now() - started > timeoutMs) {
      // One more look: a guard measured in the proxy may land a moment apart from its page.
      await sleep(150);
      return delta(before, await opsMetrics(origin, adminCookie));
    }
    await sleep(50);
  }
}

/** Statements per request of a measured set of requests: all routes they touched (a page and its proxy guard). */
export function statementsPerRequest(d: Delta, requests: number): number {
  return d.routes.reduce((sum, r) => sum + r.statements, 0) / Math.max(1, requests);
}

export function hitRate(d: Delta): number | null {
  const reads = d.cache.hits + d.cache.misses + d.cache.stale;
  return reads ? (d.cache.hits + d.cache.stale) / reads : null;
}

/** Waits until the server has finished every request (no route's count moves for half a second), then returns the difference. */
export async function quietDelta(origin: string, adminCookie: string, before: MetricsSnapshot, timeoutMs = 10_000): Promise<Delta> {
  const started = Date.now();
  let last = '';
  for (;;) {
    await sleep(500);
    const current = delta(before, await opsMetrics(origin, adminCookie));
    const signature = current.routes.map((r) => `${r.route}:${r.requests}`).join(',');
    if (signature === last || Date.now() - started > timeoutMs) return current;
    last = signature;
  }
}
