import { cacheInfo, redisKeyspaceStats, type CacheInfo, type RedisKeyspaceStats } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { metricsSnapshot } from '@/lib/metrics/request';
import type { CacheStats, MetricsSnapshot } from '@/lib/metrics/store';

/*
 * Reads of the ops console. Admin-only: pages and routes check the role before calling these.
 */

export interface TableHealth {
  table: string;
  rows: number;
  totalBytes: number;
  indexBytes: number;
}

export interface IndexHealth {
  table: string;
  index: string;
  bytes: number;
  scans: number;
  unique: boolean;
  /** Never scanned since statistics were reset, and not enforcing uniqueness. */
  unused: boolean;
}

export interface DatabaseHealth {
  tables: TableHealth[];
  indexes: IndexHealth[];
  statsSince: string | null;
}

/** Table and index sizes, and index usage from pg_stat_user_indexes (two statements). */
export async function getDatabaseHealth(): Promise<DatabaseHealth> {
  const [tables, indexes] = await Promise.all([
    prisma.$queryRaw<{ table: string; rows: bigint; total_bytes: bigint; index_bytes: bigint }[]>`
      SELECT c.relname AS table, greatest(coalesce(s.n_live_tup, 0), c.reltuples, 0)::bigint AS rows,
             pg_total_relation_size(c.oid) AS total_bytes, pg_indexes_size(c.oid) AS index_bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND c.relname <> '_prisma_migrations'
      ORDER BY pg_total_relation_size(c.oid) DESC`,
    prisma.$queryRaw<{ table: string; index: string; bytes: bigint; scans: bigint; unique: boolean; stats_reset: Date | null }[]>`
      SELECT s.relname AS table, s.indexrelname AS index, pg_relation_size(s.indexrelid) AS bytes,
             s.idx_scan AS scans, i.indisunique AS unique,
             (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset
      FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
      WHERE s.schemaname = current_schema() AND s.relname <> '_prisma_migrations'
      ORDER BY s.idx_scan ASC, pg_relation_size(s.indexrelid) DESC`,
  ]);
  return {
    tables: tables.map((t) => ({ table: t.table, rows: Number(t.rows), totalBytes: Number(t.total_bytes), indexBytes: Number(t.index_bytes) })),
    indexes: indexes.map((i) => ({
      table: i.table,
      index: i.index,
      bytes: Number(i.bytes),
      scans: Number(i.scans),
      unique: i.unique,
      unused: Number(i.scans) === 0 && !i.unique,
    })),
    statsSince: indexes[0]?.stats_reset?.toISOString() ?? null,
  };
}

export interface JobStatusCount {
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  count: number;
}

export interface RecentJobError {
  id: string;
  jobName: string;
  backend: string;
  attempt: number;
  error: string;
  finishedAt: string | null;
}

export interface JobsOverview {
  byStatus: JobStatusCount[];
  lastErrors: RecentJobError[];
  /** Failed runs in the last 24 hours (the alert's measure). */
  failedLastDay: number;
}

export async function getJobsOverview(): Promise<JobsOverview> {
  const since = new Date(Date.now() - 86_400_000);
  const [byStatus, lastErrors] = await Promise.all([
    prisma.$queryRaw<{ status: JobStatusCount['status']; count: number; failed_last_day: number }[]>`
      SELECT status::text AS status, count(*)::int AS count,
             count(*) FILTER (WHERE status = 'failed' AND queued_at >= ${since})::int AS failed_last_day
      FROM job_runs GROUP BY status ORDER BY status`,
    prisma.jobRun.findMany({
      where: { status: 'failed' },
      orderBy: { queuedAt: 'desc' },
      take: 10,
      select: { id: true, jobName: true, backend: true, attempt: true, error: true, finishedAt: true },
    }),
  ]);
  return {
    byStatus: byStatus.map(({ status, count }) => ({ status, count })),
    lastErrors: lastErrors.map((run) => ({ ...run, error: run.error ?? 'no message', finishedAt: run.finishedAt?.toISOString() ?? null })),
    failedLastDay: byStatus.reduce((sum, row) => sum + row.failed_last_day, 0),
  };
}

/** The plans' alert thresholds (000 §4.2, 002, 004). */
export const ALERT_THRESHOLDS = { avgStatementMs: 100, cacheHitRate: 0.7, failedJobs: 10 } as const;

export interface Alert {
  key: 'slow-statements' | 'cache-hit-rate' | 'failed-jobs';
  message: string;
}

export function computeAlerts(metrics: MetricsSnapshot, jobs: Pick<JobsOverview, 'failedLastDay'>): Alert[] {
  const alerts: Alert[] = [];
  const statements = metrics.routes.reduce((sum, r) => sum + r.statementsPerRequest * r.count, 0);
  const statementMs = metrics.routes.reduce((sum, r) => sum + r.avgStatementMs * r.statementsPerRequest * r.count, 0);
  const avgStatementMs = statements ? statementMs / statements : 0;
  if (avgStatementMs > ALERT_THRESHOLDS.avgStatementMs) {
    alerts.push({ key: 'slow-statements', message: `SQL statements average ${avgStatementMs.toFixed(0)} ms (threshold ${ALERT_THRESHOLDS.avgStatementMs} ms).` });
  }
  const reads = metrics.cache.reduce((sum, c) => sum + c.hits + c.misses + c.stale, 0);
  const served = metrics.cache.reduce((sum, c) => sum + c.hits + c.stale, 0);
  if (reads > 0 && served / reads < ALERT_THRESHOLDS.cacheHitRate) {
    alerts.push({ key: 'cache-hit-rate', message: `Cache hit rate ${((served / reads) * 100).toFixed(1)} % (threshold ${ALERT_THRESHOLDS.cacheHitRate * 100} %).` });
  }
  if (jobs.failedLastDay > ALERT_THRESHOLDS.failedJobs) {
    alerts.push({ key: 'failed-jobs', message: `${jobs.failedLastDay} background jobs failed in the last 24 hours (threshold ${ALERT_THRESHOLDS.failedJobs}).` });
  }
  return alerts;
}

export async function getAlerts(): Promise<Alert[]> {
  const [metrics, jobs] = await Promise.all([metricsSnapshot(), getJobsOverview()]);
  return computeAlerts(metrics, jobs);
}

/** The per-route and per-kind metrics of the whole app (all instances with Redis): GET /api/v1/ops/metrics. */
export function getOpsMetrics(): Promise<MetricsSnapshot> {
  return metricsSnapshot();
}

export interface CacheStatsReport {
  layers: CacheInfo;
  /** Reads by cache kind since the metrics began (all instances with Redis, else this one). */
  kinds: CacheStats[];
  totals: { hits: number; misses: number; stale: number; hitRate: number | null };
  /** Redis's own keyspace counters (every key of that server), or null without Redis. */
  redisKeyspace: RedisKeyspaceStats | null;
  source: MetricsSnapshot['source'];
}

/** Data-cache layers and hit rates: GET /api/v1/cache/stats. */
export async function getCacheStats(): Promise<CacheStatsReport> {
  const [metrics, redisKeyspace] = await Promise.all([metricsSnapshot(), redisKeyspaceStats()]);
  const totals = metrics.cache.reduce((sum, kind) => ({ hits: sum.hits + kind.hits, misses: sum.misses + kind.misses, stale: sum.stale + kind.stale }), { hits: 0, misses: 0, stale: 0 });
  const reads = totals.hits + totals.misses + totals.stale;
  return {
    layers: cacheInfo(),
    kinds: metrics.cache,
    totals: { ...totals, hitRate: reads ? (totals.hits + totals.stale) / reads : null },
    redisKeyspace,
    source: metrics.source,
  };
}
