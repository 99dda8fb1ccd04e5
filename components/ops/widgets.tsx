import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireAdmin } from '@/lib/auth/viewer';
import { cacheInfo, redisKeyspaceStats } from '@/lib/cache/cache';
import { metricsSnapshot } from '@/lib/metrics/request';
import { getAlerts, getDatabaseHealth, getJobsOverview } from '@/lib/ops/queries';

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const bytes = (value: number) => (value > 1_048_576 ? `${(value / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(value / 1024))} kB`);

/**
 * Every widget has a fixed height (scrolling inside when its content is longer) and its skeleton
 * the same, so nothing on the console moves while the widgets stream in.
 */
export const WIDGET_SIZE = {
  alerts: 'h-28',
  routes: 'h-[36rem]',
  cache: 'h-[17.25rem]',
  jobs: 'h-[17.25rem]',
  database: 'h-[40rem]',
} as const;

type WidgetName = keyof typeof WIDGET_SIZE;

/** A widget's frame: fixed size, and focusable when it scrolls so keyboard users can scroll it. */
function Widget({ name, label, children }: { name: WidgetName; label: string; children: React.ReactNode }) {
  return (
    <Card className={`${WIDGET_SIZE[name]} overflow-y-auto`} tabIndex={0} aria-label={label}>
      {children}
    </Card>
  );
}

const TABLE = 'w-full text-left text-sm [&_td]:py-1.5 [&_td]:pr-3 [&_th]:pb-2 [&_th]:pr-3 [&_th]:font-medium [&_th]:text-slate-600';

export async function AlertsWidget() {
  await requireAdmin();
  const alerts = await getAlerts();
  return (
    <Widget name="alerts" label="Alerts">
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
    </Widget>
  );
}

export async function RoutesWidget() {
  await requireAdmin();
  const metrics = await metricsSnapshot();
  return (
    <Widget name="routes" label="Routes">
      <div className="flex items-baseline justify-between">
        <CardTitle>Routes</CardTitle>
        <span className="text-xs text-slate-600">{metrics.source === 'redis' ? 'all instances' : 'this instance'}</span>
      </div>
      {metrics.routes.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No requests measured yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className={TABLE}>
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col">Requests</th>
                <th scope="col">p50</th>
                <th scope="col">p95</th>
                <th scope="col">p99</th>
                <th scope="col">Statements / request</th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {metrics.routes.map((route) => (
                <tr key={route.route} className="border-t border-slate-100">
                  <td className="font-mono text-xs">{route.route}</td>
                  <td>{route.count}</td>
                  <td>{ms(route.p50)}</td>
                  <td>{ms(route.p95)}</td>
                  <td>{ms(route.p99)}</td>
                  <td>{route.statementsPerRequest.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 className="mt-4 text-sm font-semibold">Slowest recent requests</h3>
      {metrics.slowest.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">None yet.</p>
      ) : (
        <ol className="mt-1 text-sm tabular-nums">
          {metrics.slowest.map((sample) => (
            <li key={`${sample.route}-${sample.at}`} className="flex justify-between gap-3 border-t border-slate-100 py-1">
              <span className="truncate font-mono text-xs">{sample.route}</span>
              <span>
                {ms(sample.durationMs)} · {sample.statements} statements
              </span>
            </li>
          ))}
        </ol>
      )}
    </Widget>
  );
}

export async function CacheWidget() {
  await requireAdmin();
  const [metrics, keyspace] = await Promise.all([metricsSnapshot(), redisKeyspaceStats()]);
  const info = cacheInfo();
  return (
    <Widget name="cache" label="Data cache">
      <CardTitle>Data cache</CardTitle>
      <p className="mt-1 text-sm text-slate-600">
        L1 memory{info.l2 ? ` · L2 Redis (${info.l2Ready ? 'up' : 'down: serving from memory and the database'})` : ' only (no REDIS_URL)'}
        {keyspace && ` · Redis keyspace hit rate ${percent(keyspace.keyspaceHits / Math.max(1, keyspace.keyspaceHits + keyspace.keyspaceMisses))}`}
      </p>
      {metrics.cache.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No cache reads yet.</p>
      ) : (
        <table className={`${TABLE} mt-2`}>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Hits</th>
              <th scope="col">Stale</th>
              <th scope="col">Misses</th>
              <th scope="col">Hit rate</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {metrics.cache.map((row) => (
              <tr key={row.namespace} className="border-t border-slate-100">
                <td className="font-mono text-xs">{row.namespace}</td>
                <td>{row.hits}</td>
                <td>{row.stale}</td>
                <td>{row.misses}</td>
                <td>{percent(row.hitRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Widget>
  );
}

export async function JobsWidget() {
  await requireAdmin();
  const jobs = await getJobsOverview();
  return (
    <Widget name="jobs" label="Background jobs">
      <CardTitle>Background jobs</CardTitle>
      <div className="mt-2 flex flex-wrap gap-2">
        {(['queued', 'running', 'succeeded', 'failed'] as const).map((status) => (
          <Badge key={status} tone={status === 'failed' ? 'warning' : status === 'succeeded' ? 'success' : 'neutral'}>
            {status}: {jobs.byStatus.find((row) => row.status === status)?.count ?? 0}
          </Badge>
        ))}
      </div>
      <h3 className="mt-4 text-sm font-semibold">Last errors</h3>
      {jobs.lastErrors.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">No failed jobs.</p>
      ) : (
        <ul className="mt-1 flex flex-col text-sm">
          {jobs.lastErrors.map((run) => (
            <li key={run.id} className="border-t border-slate-100 py-1">
              <span className="font-mono text-xs">{run.jobName}</span> · attempt {run.attempt} · {run.backend}
              <p className="truncate text-red-800">{run.error}</p>
            </li>
          ))}
        </ul>
      )}
    </Widget>
  );
}

export async function DatabaseWidget() {
  await requireAdmin();
  const health = await getDatabaseHealth();
  return (
    <Widget name="database" label="Database">
      <CardTitle>Database</CardTitle>
      <div className="mt-2 grid items-start gap-6 xl:grid-cols-2">
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows (est.)</th>
              <th scope="col">Size</th>
              <th scope="col">Indexes</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {health.tables.map((table) => (
              <tr key={table.table} className="border-t border-slate-100">
                <td className="font-mono text-xs">{table.table}</td>
                <td>{table.rows.toLocaleString('en')}</td>
                <td>{bytes(table.totalBytes)}</td>
                <td>{bytes(table.indexBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className={TABLE}>
          <thead>
            <tr>
              <th scope="col">Index</th>
              <th scope="col">Scans</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {health.indexes.map((index) => (
              <tr key={index.index} className="border-t border-slate-100">
                <td className="font-mono text-xs">
                  {index.index} {index.unused && <Badge tone="warning">unused</Badge>}
                </td>
                <td>{index.scans.toLocaleString('en')}</td>
                <td>{bytes(index.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="mt-2 text-xs text-slate-600">Index scans count since {health.statsSince ? new Date(health.statsSince).toUTCString() : 'the server started'}; an unused index costs writes and space for nothing.</p>
    </Widget>
  );
}

export function WidgetSkeleton({ name, rows = 4 }: { name: WidgetName; rows?: number }) {
  return (
    <Card className={`${WIDGET_SIZE[name]} overflow-hidden`} aria-hidden="true">
      <Skeleton className="h-6 w-40" />
      <div className="mt-3 flex flex-col gap-2">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </Card>
  );
}
