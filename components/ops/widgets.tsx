import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { requireAdmin } from '@/lib/auth/viewer';
import { cacheInfo, redisKeyspaceStats } from '@/lib/cache/cache';
import { metricsSnapshot } from '@/lib/metrics/request';
import { cacheStatsByModule, getAlerts, getDatabaseHealth, getJobsOverview } from '@/lib/ops/queries';

/*
 * The widgets of the ops console: content only. The page places each in a WidgetFrame, which
 * gives it its fixed size, its skeleton and its scrolling.
 */

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en')} ms`;
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const bytes = (value: number) => (value > 1_048_576 ? `${(value / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(value / 1024))} kB`);
const count = (value: number) => value.toLocaleString('en');

/**
 * Rows of each database table on the console: an overview. Every table and index is on the
 * Database page; listing all of them here (some 140 rows) made the console's hydration its
 * slowest part (desktop blocking time 180-390 ms).
 */
const DATABASE_ROWS = 15;
const largestFirst = <Row,>(rows: readonly Row[], size: (row: Row) => number) => [...rows].sort((a, b) => size(b) - size(a)).slice(0, DATABASE_ROWS);

export async function AlertsWidget() {
  await requireAdmin();
  const alerts = await getAlerts();
  return (
    <>
      <CardTitle>Alerts</CardTitle>
      {alerts.length === 0 ? (
        <p className="mt-2 text-sm text-emerald-800">All clear: statements, cache hit rate and failed jobs are within the plans’ thresholds.</p>
      ) : (
        <ul className="mt-2 flex flex-col gap-1 text-sm text-red-800" data-testid="alerts">
          {alerts.map((alert) => (
            <li key={alert.key}>⚠ {alert.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export async function RoutesWidget() {
  await requireAdmin();
  const metrics = await metricsSnapshot();
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>Routes</CardTitle>
        <span className="text-xs text-slate-600">{metrics.source === 'redis' ? 'all instances' : 'this instance'}</span>
      </div>
      <DataTable
        className="mt-2"
        label="Requests by route"
        empty="No requests measured yet."
        rows={metrics.routes}
        rowKey={(route) => route.route}
        columns={[
          { header: 'Route', mono: true, cell: (route) => route.route },
          { header: 'Requests', numeric: true, cell: (route) => count(route.count) },
          { header: 'p50', numeric: true, cell: (route) => ms(route.p50) },
          { header: 'p95', numeric: true, cell: (route) => ms(route.p95) },
          { header: 'p99', numeric: true, cell: (route) => ms(route.p99) },
          { header: 'Statements / request', numeric: true, className: 'w-24', cell: (route) => route.statementsPerRequest.toFixed(1) },
        ]}
      />
      <h3 className="mt-4 text-sm font-semibold">Slowest recent requests</h3>
      <DataTable
        className="mt-1"
        label="Slowest recent requests"
        empty="None yet."
        rows={metrics.slowest}
        rowKey={(sample) => `${sample.route}-${sample.at}`}
        columns={[
          { header: 'Route', mono: true, cell: (sample) => sample.route },
          { header: 'Duration', numeric: true, cell: (sample) => ms(sample.durationMs) },
          { header: 'Statements', numeric: true, cell: (sample) => count(sample.statements) },
        ]}
      />
    </>
  );
}

export async function CacheWidget() {
  await requireAdmin();
  const [metrics, keyspace] = await Promise.all([metricsSnapshot(), redisKeyspaceStats()]);
  const info = cacheInfo();
  return (
    <>
      <CardTitle>Data cache</CardTitle>
      <p className="mt-1 text-sm text-slate-600">
        L1 memory{info.l2 ? ` · L2 Redis (${info.l2Ready ? 'up' : 'down: serving from memory and the database'})` : ' only (no REDIS_URL)'}
        {keyspace && ` · Redis keyspace hit rate ${percent(keyspace.keyspaceHits / Math.max(1, keyspace.keyspaceHits + keyspace.keyspaceMisses))}`}
      </p>
      <DataTable
        className="mt-2"
        label="Cache reads by module"
        empty="No cache reads yet."
        rows={cacheStatsByModule(metrics.cache)}
        rowKey={(row) => row.module}
        columns={[
          { header: 'Module', mono: true, cell: (row) => row.module },
          { header: 'Hits', numeric: true, cell: (row) => count(row.hits) },
          { header: 'Stale', numeric: true, cell: (row) => count(row.stale) },
          { header: 'Misses', numeric: true, cell: (row) => count(row.misses) },
          { header: 'Hit rate', numeric: true, cell: (row) => percent(row.hitRate) },
        ]}
      />
      <DataTable
        className="mt-3"
        label="Cache reads by kind"
        empty="No cache reads yet."
        rows={metrics.cache}
        rowKey={(row) => row.namespace}
        columns={[
          { header: 'Kind', mono: true, cell: (row) => row.namespace },
          { header: 'Hits', numeric: true, cell: (row) => count(row.hits) },
          { header: 'Stale', numeric: true, cell: (row) => count(row.stale) },
          { header: 'Misses', numeric: true, cell: (row) => count(row.misses) },
          { header: 'Hit rate', numeric: true, cell: (row) => percent(row.hitRate) },
        ]}
      />
    </>
  );
}

const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export async function JobsWidget() {
  await requireAdmin();
  const jobs = await getJobsOverview();
  return (
    <>
      <CardTitle>Background jobs</CardTitle>
      <div className="mt-2 flex flex-wrap gap-2">
        {JOB_STATUSES.map((status) => (
          <Badge key={status} tone={status === 'failed' ? 'warning' : status === 'succeeded' ? 'success' : 'neutral'}>
            {status}: <span className="ml-1 tabular-nums">{count(jobs.byStatus.find((row) => row.status === status)?.count ?? 0)}</span>
          </Badge>
        ))}
      </div>
      <h3 className="mt-4 text-sm font-semibold">Last errors</h3>
      <DataTable
        className="mt-1 table-fixed"
        label="Last failed jobs"
        empty="No failed jobs."
        rows={jobs.lastErrors}
        rowKey={(run) => run.id}
        columns={[
          {
            header: 'Job',
            mono: true,
            className: 'w-1/3',
            cell: (run) => (
              <>
                {run.jobName}
                <span className="block font-sans text-slate-600">{run.backend}</span>
              </>
            ),
          },
          { header: 'Attempt', numeric: true, className: 'w-20', cell: (run) => run.attempt },
          { header: 'Error', className: 'text-red-800', cell: (run) => <span title={run.error} className="line-clamp-2 break-words">{run.error}</span> },
        ]}
      />
    </>
  );
}

export async function DatabaseWidget() {
  await requireAdmin();
  const health = await getDatabaseHealth();
  const tables = largestFirst(health.tables, (table) => table.totalBytes);
  const indexes = largestFirst(health.indexes, (index) => index.bytes);
  return (
    <>
      <div className="flex items-baseline justify-between gap-3">
        <CardTitle>Database</CardTitle>
        <Link href="/ops/database" className="text-sm font-medium text-brand-700 underline">
          Index advice, partitions and ANALYZE
        </Link>
      </div>
      <div className="mt-2 grid items-start gap-6 xl:grid-cols-2">
        <DataTable
          label="Tables"
          empty="No tables."
          rows={tables}
          rowKey={(table) => table.table}
          columns={[
            { header: 'Table', mono: true, cell: (table) => table.table },
            {
              header: 'Rows',
              numeric: true,
              cell: (table) =>
                table.rowsExact ? (
                  count(table.rows)
                ) : (
                  <span title="Estimated from the planner's statistics: this table is too large to count on every refresh">≈ {count(table.rows)}</span>
                ),
            },
            { header: 'Size', numeric: true, cell: (table) => bytes(table.totalBytes) },
            { header: 'Indexes', numeric: true, cell: (table) => bytes(table.indexBytes) },
          ]}
        />
        <DataTable
          label="Indexes"
          empty="No indexes."
          rows={indexes}
          rowKey={(index) => index.index}
          columns={[
            {
              header: 'Index',
              mono: true,
              cell: (index) => (
                <>
                  {index.index} {index.unused && <Badge tone="warning">unused</Badge>}
                </>
              ),
            },
            { header: 'Scans', numeric: true, cell: (index) => count(index.scans) },
            { header: 'Size', numeric: true, cell: (index) => bytes(index.bytes) },
          ]}
        />
      </div>
      <p className="mt-2 text-xs text-slate-600">
        The {tables.length} largest of {health.tables.length} tables and {indexes.length} largest of {health.indexes.length} indexes; the Database page lists them all.
        Rows are counted exactly below {count(health.exactCountLimit)} rows; ≈ marks the estimate of a larger table. Index scans count since{' '}
        {health.statsSince ? new Date(health.statsSince).toUTCString() : 'the server started'}; an unused index costs writes and space for nothing.
      </p>
    </>
  );
}
