import { cache } from 'react';
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
    // A partitioned table is one row, with the sizes of all its partitions (it has no storage of its own).
    prisma.$queryRaw<{ schema: string; table: string; estimate: bigint; small: boolean; total_bytes: bigint; index_bytes: bigint }[]>`
      SELECT n.nspname AS schema, c.relname AS table, t.estimate, t.estimate < ${exactCountLimit} AND size.heap < ${EXACT_COUNT_MAX_BYTES} AS small,
             size.total AS total_bytes, size.indexes AS index_bytes
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      CROSS JOIN LATERAL (
        SELECT coalesce(sum(pg_relation_size(p.relid)), 0)::bigint AS heap, coalesce(sum(pg_total_relation_size(p.relid)), 0)::bigint AS total,
               coalesce(sum(pg_indexes_size(p.relid)), 0)::bigint AS indexes
        FROM pg_partition_tree(c.oid) p WHERE p.isleaf
      ) size
      CROSS JOIN LATERAL (
        SELECT (CASE
          WHEN c.reltuples >= 0 AND c.relpages > 0 THEN c.reltuples / c.relpages * (pg_relation_size(c.oid) / current_setting('block_size')::int)
          WHEN c.reltuples >= 0 THEN c.reltuples
          ELSE coalesce(s.n_live_tup, 0)
        END)::bigint AS estimate
      ) t
      WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname = current_schema() AND c.relname <> '_prisma_migrations'
      ORDER BY size.total DESC, c.relname`,
    prisma.$queryRaw<IndexUsageRow[]>(INDEX_USAGE),
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
    indexes: indexes
      .map((i) => ({
        table: i.table,
        index: i.index,
        bytes: Number(i.bytes),
        scans: Number(i.scans),
        unique: i.unique,
        unused: Number(i.scans) === 0 && !i.unique,
      }))
      .sort((a, b) => a.scans - b.scans || b.bytes - a.bytes),
    statsSince: indexes[0]?.stats_reset?.toISOString() ?? null,
    exactCountLimit,
  };
}

interface IndexUsageRow {
  table: string;
  index: string;
  bytes: bigint;
  scans: bigint;
  unique: boolean;
  primary: boolean;
  partitioned: boolean;
  partitions: number;
  keys: string;
  options: string;
  classes: string;
  key_columns: number;
  predicate: string | null;
  expression: boolean;
  constraint_name: string | null;
  definition: string;
  stats_reset: Date | null;
}

/**
 * Every index of the schema once, as its table sees it: an index of a partitioned table (which has
 * no storage or statistics of its own) with the scans and sizes of its partitions' indexes summed;
 * the partitions' own indexes are not listed again. One statement.
 */
const INDEX_USAGE = Prisma.sql`
  WITH idx AS (
    SELECT i.indexrelid, ic.relname AS index, t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary,
           ic.relkind = 'I' AS partitioned, i.indkey::text AS keys, i.indoption::text AS options, i.indclass::text AS classes,
           i.indnkeyatts::int AS key_columns, pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indexprs IS NOT NULL AS expression,
           con.conname AS constraint_name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_class t ON t.oid = i.indrelid
    LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x')
    WHERE ic.relnamespace = current_schema()::regnamespace AND NOT ic.relispartition AND t.relname <> '_prisma_migrations'
  )
  SELECT idx.table, idx.index, idx.unique, idx.primary, idx.partitioned, idx.keys, idx.options, idx.classes, idx.key_columns,
         idx.predicate, idx.expression, idx.constraint_name, idx.definition,
         usage.scans, usage.bytes, usage.partitions,
         (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset
  FROM idx
  CROSS JOIN LATERAL (
    SELECT coalesce(sum(s.idx_scan), 0)::bigint AS scans, coalesce(sum(pg_relation_size(p.relid)), 0)::bigint AS bytes,
           (count(*) FILTER (WHERE p.relid <> idx.indexrelid))::int AS partitions
    FROM pg_partition_tree(idx.indexrelid) p
    LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = p.relid
    WHERE p.isleaf
  ) usage`;

export interface IndexAdvice {
  table: string;
  index: string;
  definition: string;
  bytes: number;
  scans: number;
  /** Unique or primary: it enforces something, and is never advised away. */
  enforces: boolean;
  /** An index of a partitioned table (its partitions' indexes summed). */
  partitioned: boolean;
  partitions: number;
  /** Never scanned since statistics were reset. */
  unused: boolean;
  /** Another index of the table whose leading columns are this one's (same order, operator classes and predicate). */
  redundantWith: string | null;
  /** The statement that removes it, for unused and redundant indexes that enforce nothing. */
  drop: string | null;
}

export interface TableMaintenance {
  table: string;
  /** Partitions of a partitioned table, oldest first; empty for a plain table. */
  partitions: { name: string; bounds: string; bytes: number; rows: number; lastAnalyzed: string | null }[];
  partitioned: boolean;
  bytes: number;
  /** The planner's row estimate (pg_class.reltuples, summed over partitions). */
  rows: number;
  /** The last ANALYZE, by hand or by autovacuum (null: never). */
  lastAnalyzed: string | null;
  /** Rows changed since (pg_stat_user_tables), summed over partitions. */
  modifiedSinceAnalyze: number;
}

export interface DatabaseAdvice {
  indexes: IndexAdvice[];
  tables: TableMaintenance[];
  statsSince: string | null;
}

const quoted = (name: string) => quoteIdent(name);

/** A's key columns lead B's, with the same sort options and operator classes, the same predicate, and B covers A's included columns. */
function leadsWith(a: IndexUsageRow, b: IndexUsageRow): boolean {
  if (a.index === b.index || a.table !== b.table || a.expression || b.expression || (a.predicate ?? '') !== (b.predicate ?? '')) return false;
  const split = (text: string) => text.split(' ').filter(Boolean);
  const [aKeys, bKeys] = [split(a.keys), split(b.keys)];
  const aKey = aKeys.slice(0, a.key_columns);
  if (aKey.length > b.key_columns) return false;
  const prefix = (x: string[], y: string[]) => x.every((value, i) => y[i] === value);
  if (!prefix(aKey, bKeys) || !prefix(split(a.options).slice(0, aKey.length), split(b.options)) || !prefix(split(a.classes).slice(0, aKey.length), split(b.classes))) return false;
  return aKeys.slice(a.key_columns).every((column) => bKeys.includes(column));
}

/**
 * Plan 003's phase 2 (index cleanup), for an operator: every index with its size and scans since
 * the statistics were reset, those never scanned and those another index makes redundant, and
 * the DROP statements that remove them; every table with its partitions, sizes and last ANALYZE.
 * Two statements.
 */
export async function getDatabaseAdvice(): Promise<DatabaseAdvice> {
  const [indexes, tables] = await Promise.all([
    prisma.$queryRaw<IndexUsageRow[]>(INDEX_USAGE),
    prisma.$queryRaw<{ table: string; parent: string | null; partitioned: boolean; bounds: string | null; bytes: bigint; rows: number; last_analyzed: Date | null; modified: bigint | null }[]>`
      SELECT c.relname AS table, parent.relname AS parent, c.relkind = 'p' AS partitioned, pg_get_expr(c.relpartbound, c.oid) AS bounds,
             pg_total_relation_size(c.oid) AS bytes, greatest(c.reltuples, 0)::float8 AS rows,
             greatest(s.last_analyze, s.last_autoanalyze) AS last_analyzed, s.n_mod_since_analyze AS modified
      FROM pg_class c
      LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
      LEFT JOIN pg_class parent ON parent.oid = i.inhparent
      LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
      WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace AND c.relname <> '_prisma_migrations'
      ORDER BY c.relname`,
  ]);
  const advice = indexes.map((row): IndexAdvice => {
    const enforces = row.unique || row.primary || row.constraint_name !== null;
    const scans = Number(row.scans);
    const cover = enforces ? undefined : indexes.find((other) => leadsWith(row, other));
    const unused = scans === 0 && !enforces;
    // DROP INDEX CONCURRENTLY cannot drop an index of a partitioned table: that one locks the table and its partitions while it runs.
    const drop = (unused || cover) && !enforces ? `DROP INDEX ${row.partitioned ? '' : 'CONCURRENTLY '}IF EXISTS ${quoted(row.index)};` : null;
    return {
      table: row.table,
      index: row.index,
      definition: row.definition,
      bytes: Number(row.bytes),
      scans,
      enforces,
      partitioned: row.partitioned,
      partitions: row.partitions,
      unused,
      redundantWith: cover?.index ?? null,
      drop,
    };
  });
  const byParent = new Map<string, TableMaintenance['partitions']>();
  for (const row of tables.filter((t) => t.parent)) {
    byParent.set(row.parent!, [
      ...(byParent.get(row.parent!) ?? []),
      { name: row.table, bounds: row.bounds ?? '', bytes: Number(row.bytes), rows: Math.round(row.rows), lastAnalyzed: row.last_analyzed?.toISOString() ?? null },
    ]);
  }
  const maintenance = tables
    .filter((row) => !row.parent)
    .map((row): TableMaintenance => {
      const partitions = byParent.get(row.table) ?? [];
      const modified = tables.filter((t) => t.parent === row.table).reduce((sum, t) => sum + Number(t.modified ?? 0), 0);
      return {
        table: row.table,
        partitioned: row.partitioned,
        partitions,
        bytes: row.partitioned ? partitions.reduce((sum, p) => sum + p.bytes, 0) : Number(row.bytes),
        rows: row.partitioned ? partitions.reduce((sum, p) => sum + p.rows, 0) : Math.round(row.rows),
        lastAnalyzed: row.last_analyzed?.toISOString() ?? null,
        modifiedSinceAnalyze: row.partitioned ? modified : Number(row.modified ?? 0),
      };
    })
    .sort((a, b) => b.bytes - a.bytes || a.table.localeCompare(b.table));
  return {
    indexes: advice.sort((a, b) => Number(b.drop !== null) - Number(a.drop !== null) || b.bytes - a.bytes || a.index.localeCompare(b.index)),
    tables: maintenance,
    statsSince: indexes[0]?.stats_reset?.toISOString() ?? null,
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

/** Read once per render (React's cache): the console's alerts and its jobs widget share it. */
export const getJobsOverview = cache(async (): Promise<JobsOverview> => {
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
});

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
