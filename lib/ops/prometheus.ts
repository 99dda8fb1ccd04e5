import type { CacheInfo } from '@/lib/cache/cache';
import type { MetricsSnapshot } from '@/lib/metrics/store';

/** The Prometheus text exposition format, version 0.0.4. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (pairs: Record<string, string>) => `{${Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
const number = (value: number) => (Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : 'NaN');

/**
 * The metrics of GET /api/metrics: per route, requests, latency percentiles (over each route's
 * last 1,000 requests) and statements per request; per cache kind, reads by outcome and hit
 * ratio; whether the Redis layer is up.
 */
export function prometheusText(metrics: MetricsSnapshot, cache: CacheInfo): string {
  const lines: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string, samples: [Record<string, string>, number][]) => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [pairs, value] of samples) lines.push(`${name}${Object.keys(pairs).length ? labels(pairs) : ''} ${number(value)}`);
  };
  family('brisk_requests_total', 'counter', 'Requests measured (pages, route handlers, server actions, jobs), by route.', metrics.routes.map((r) => [{ route: r.route }, r.count]));
  family(
    'brisk_request_duration_milliseconds',
    'gauge',
    "Request duration percentiles over each route's most recent requests.",
    metrics.routes.flatMap((r) => [
      [{ route: r.route, quantile: '0.5' }, r.p50],
      [{ route: r.route, quantile: '0.95' }, r.p95],
      [{ route: r.route, quantile: '0.99' }, r.p99],
    ]),
  );
  family('brisk_sql_statements_per_request', 'gauge', 'Average SQL statements per request, by route.', metrics.routes.map((r) => [{ route: r.route }, r.statementsPerRequest]));
  family('brisk_sql_statement_duration_milliseconds', 'gauge', 'Average SQL statement duration, by route.', metrics.routes.map((r) => [{ route: r.route }, r.avgStatementMs]));
  family(
    'brisk_cache_reads_total',
    'counter',
    'Data-cache reads by kind and outcome (stale: the last good value served while its source failed).',
    metrics.cache.flatMap((c) => [
      [{ kind: c.namespace, outcome: 'hit' }, c.hits],
      [{ kind: c.namespace, outcome: 'miss' }, c.misses],
      [{ kind: c.namespace, outcome: 'stale' }, c.stale],
    ]),
  );
  family(
    'brisk_cache_hit_ratio',
    'gauge',
    'Share of data-cache reads served from the cache (hits and stale), by kind.',
    metrics.cache.filter((c) => c.hitRate !== null).map((c) => [{ kind: c.namespace }, c.hitRate!]),
  );
  family('brisk_cache_redis_up', 'gauge', 'Whether the Redis layer (L2) of the data cache is connected (absent without REDIS_URL).', cache.l2 ? [[{}, cache.l2Ready ? 1 : 0]] : []);
  return `${lines.join('\n')}\n`;
}
