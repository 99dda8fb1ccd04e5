import { namespaceModule } from '@/lib/cache/kinds';
import { cacheInfo, redisKeyspaceStats, type CacheInfo, type RedisKeyspaceStats } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { metricsSnapshot } from '@/lib/metrics/request';
import { installedModules } from '@/lib/modules/registry';
import type { CacheStats, MetricsSnapshot } from '@/lib/metrics/store';

/*
 * Reads of the ops console. Admin-only: pages and routes check the role before calling these.
 */

export interface TableHealth {
  table: string;
  /** Exact for small tables (`rowsExact`), else the planner's estimate. */
  rows: number;
  rowsExact: boolean;
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
  /** Tables estimated below this many rows are counted exactly. */
  exactCountLimit: number;
}

/**
 * Tables estimated below this many rows (and below EXACT_COUNT_MAX_BYTES on disk, in case their
 * statistics are missing) are counted with count(*): a few milliseconds each, while the
 * statistics of a small table can be far off (pg_stat_user_tables.n_live_tup counted about twice
 * the rows of the demo tables after a fresh seed). Larger tables show the planner's estimate.
 */
export const EXACT_COUNT_LIMIT = 100_000;
const EXACT_COUNT_MAX_BYTES = 128 * 1024 * 1024;

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Table and index sizes, row counts, and index usage from pg_stat_user_indexes: three
 * statements however many tables there are (the catalogue and the index usage side by side,
 * then one count(*) of every small table at once).
 */
export async function getDatabaseHealth({ exactCountLimit = EXACT_COUNT_LIMIT }: { exactCountLimit?: number } = {}): Promise<DatabaseHealth> {
  const [tables, indexes] = await Promise.all([
    // The estimate is the planner's: the density of the last ANALYZE times the pages now on disk
    // (pg_stat's n_live_tup when the table was never analysed).
    prisma.$queryRaw<{ schema: string; table: string; estimate: bigint; small: boolean; total_bytes: bigint; index_bytes: bigint }[]>`
      SELECT n.nspname AS schema, c.relname AS table, t.estimate, t.estimate < ${exactCountLimit} AND pg_relation_size(c.oid) < ${EXACT_COUNT_MAX_BYTES} AS small,
             pg_total_relation_size(c.oid) AS total_bytes, pg_indexes_size(c.oid) AS index_bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      CROSS JOIN LATERAL (
        SELECT (CASE
          WHEN c.reltuples >= 0 AND c.relpages > 0 THEN c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int)
          WHEN c.reltuples >= 0 THEN c.reltuples
          ELSE coalesce(s.n_live_tup, 0)
        END)::bigint AS estimate
      ) t
      WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND c.relname <> '_prisma_migrations'
      ORDER BY pg_total_relation_size(c.oid) DESC, c.relname`,
    prisma.$queryRaw<{ table: string; index: string; bytes: bigint; scans: bigint; unique: boolean; stats_reset: Date | null }[]>`
      SELECT s.relname AS table, s.indexrelname AS index, pg_relation_size(s.indexrelid) AS bytes,
             s.idx_scan AS scans, i.indisunique AS unique,
             (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset
      FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
      WHERE s.schemaname = current_schema() AND s.relname <> '_prisma_migrations'
      ORDER BY s.idx_scan ASC, pg_relation_size(s.indexrelid) DESC`,
  ]);
  const exact = await countRows(tables.filter((t) => t.small));
  return {
    tables: tables.map((t) => ({
      table: t.table,
      rows: exact.get(t.table) ?? Number(t.estimate),
      rowsExact: exact.has(t.table),
      totalBytes: Number(t.total_bytes),
      indexBytes: Number(t.index_bytes),
    })),
    indexes: indexes.map((i) => ({
      table: i.table,
      index: i.index,
      bytes: Number(i.bytes),
      scans: Number(i.scans),
      unique: i.unique,
      unused: Number(i.scans) === 0 && !i.unique,
    })),
    statsSince: indexes[0]?.stats_reset?.toISOString() ?? null,
    exactCountLimit,
  };
}

/** count(*) of each table, in one statement (UNION ALL); the names come from the catalogue and are quoted. */
async function countRows(tables: { schema: string; table: string }[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const counts = tables.map((t, i) => Prisma.sql`SELECT ${Prisma.raw(String(i))} AS i, count(*) AS rows FROM ${Prisma.raw(`${quoteIdent(t.schema)}.${quoteIdent(t.table)}`)}`);
  const rows = await prisma.$queryRaw<{ i: number; rows: bigint }[]>`${Prisma.join(counts, ' UNION ALL ')}`;
  return new Map(rows.map((row) => [tables[row.i]!.table, Number(row.rows)]));
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
  // The plans' thresholds, or a module's own alert (its manifest's opsAlerts).
  key: 'slow-statements' | 'cache-hit-rate' | 'failed-jobs' | (string & {});
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
  const [metrics, jobs, moduleAlerts] = await Promise.all([
    metricsSnapshot(),
    getJobsOverview(),
    // The modules' own health checks (their manifests' opsAlerts), beside the plans' thresholds.
    Promise.all(installedModules().map((manifest) => manifest.opsAlerts?.() ?? Promise.resolve([]))),
  ]);
  return [...computeAlerts(metrics, jobs), ...moduleAlerts.flat()];
}

/** The per-route and per-kind metrics of the whole app (all instances with Redis): GET /api/v1/ops/metrics. */
export function getOpsMetrics(): Promise<MetricsSnapshot> {
  return metricsSnapshot();
}

export interface ModuleCacheStats {
  /** The module (or platform part) a kind's namespace starts with: `wishlists.dashboard` → `wishlists`. */
  module: string;
  hits: number;
  misses: number;
  stale: number;
  hitRate: number | null;
}

/** Reads summed by module, so that each module's hit rate shows under its own name. */
export function cacheStatsByModule(kinds: readonly CacheStats[]): ModuleCacheStats[] {
  const byModule = new Map<string, ModuleCacheStats>();
  for (const kind of kinds) {
    const owner = namespaceModule(kind.namespace);
    const sum = byModule.get(owner) ?? { module: owner, hits: 0, misses: 0, stale: 0, hitRate: null };
    sum.hits += kind.hits;
    sum.misses += kind.misses;
    sum.stale += kind.stale;
    const reads = sum.hits + sum.misses + sum.stale;
    sum.hitRate = reads ? (sum.hits + sum.stale) / reads : null;
    byModule.set(owner, sum);
  }
  return [...byModule.values()].sort((a, b) => a.module.localeCompare(b.module));
}

export interface CacheStatsReport {
  layers: CacheInfo;
  /** Reads by cache kind since the metrics began (all instances with Redis, else this one). */
  kinds: CacheStats[];
  /** The same, summed by module. */
  modules: ModuleCacheStats[];
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
    modules: cacheStatsByModule(metrics.cache),
    totals: { ...totals, hitRate: reads ? (totals.hits + totals.stale) / reads : null },
    redisKeyspace,
    source: metrics.source,
  };
}
