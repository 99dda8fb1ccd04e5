import { percentile, round } from './stats';

/*
 * The load test's report (npm run loadtest): figures per endpoint and overall, the plan's
 * targets (002: P95 < 500 ms, cache hits > 80 %, task success > 99 %), and recommendations
 * derived from what was measured: which route's statements, the cache hit rate or CPU is the
 * bottleneck. Pure functions of the measurements (unit-tested).
 */

export interface Latency {
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latencyOf(samples: readonly number[]): Latency {
  const mean = samples.length ? samples.reduce((s, v) => s + v, 0) / samples.length : Number.NaN;
  return { mean, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: percentile(samples, 100) };
}

export interface EndpointFigures {
  endpoint: string;
  kind: 'page' | 'api' | 'ingest' | 'auth';
  requests: number;
  errors: number;
  /** Status codes other than 2xx (and other than the expected ones), by code. */
  statuses: Record<string, number>;
  throughput: number;
  latency: Latency;
  /** From the server's own metrics (GET /api/v1/ops/metrics as an admin), when available. */
  server: { requests: number; statementsPerRequest: number; p95: number } | null;
}

export interface IngestionFigures {
  requests: number;
  accepted: number;
  snapshots: number;
  /** Accepted batches whose status was read after the run, and how many of them had been applied. */
  checked: number;
  processed: number;
  taskSuccessRate: number | null;
  /** Runs of the ingestion job the server measured (job:channels/ingest-metrics). */
  jobRuns: number | null;
  waitedSeconds: number;
}

export interface LoadtestReport {
  startedAt: string;
  durationSeconds: number;
  target: string;
  label: string;
  options: Record<string, unknown>;
  machine: { cpus: number; cpuModel: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  commit: string;
  users: { virtual: number; accounts: string[]; rampSeconds: number; thinkSeconds: number };
  overall: { requests: number; errors: number; errorRate: number; throughput: number; latency: Latency };
  endpoints: EndpointFigures[];
  ingestion: IngestionFigures | null;
  cache: { hits: number; misses: number; hitRate: number | null; byKind: { namespace: string; hits: number; misses: number; hitRate: number | null }[] } | null;
  cpu: { machineBusy: number | null; serverMsPerRequest: number | null; serverPid: number | null };
  targets: TargetCheck[];
  recommendations: string[];
}

export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  met: boolean | null;
  source: string;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? round(value, 1) : Math.round(value).toLocaleString('en')} ms` : '–');
const pct = (value: number | null) => (value === null || !Number.isFinite(value) ? '–' : `${round(value * 100, 1)} %`);
const rps = (value: number) => `${round(value, 1)} req/s`;

/** Plan 002's key performance indicators, checked against the run. */
export function checkTargets(report: Pick<LoadtestReport, 'endpoints' | 'overall' | 'cache' | 'ingestion'>): TargetCheck[] {
  const browsing = report.endpoints.filter((e) => e.kind === 'page' || e.kind === 'api');
  const worst = browsing.reduce<EndpointFigures | null>((w, e) => (!w || e.latency.p95 > w.latency.p95 ? e : w), null);
  const checks: TargetCheck[] = [
    {
      name: 'P95 response time, every browsed endpoint',
      target: '< 500 ms',
      value: worst ? `${ms(worst.latency.p95)} (worst: ${worst.endpoint})` : '–',
      met: worst ? worst.latency.p95 < 500 : null,
      source: '002 KPI',
    },
    {
      name: 'Data-cache hit rate',
      target: '> 80 %',
      value: pct(report.cache?.hitRate ?? null),
      met: report.cache?.hitRate === null || report.cache === null ? null : report.cache.hitRate > 0.8,
      source: '002 KPI',
    },
    { name: 'Error rate', target: '< 1 %', value: pct(report.overall.errorRate), met: report.overall.errorRate < 0.01, source: 'load test' },
  ];
  if (report.ingestion) {
    checks.push({
      name: 'Task success (ingestion batches applied)',
      target: '> 99 %',
      value: report.ingestion.taskSuccessRate === null ? '–' : `${pct(report.ingestion.taskSuccessRate)} (${report.ingestion.processed} of ${report.ingestion.checked})`,
      met: report.ingestion.taskSuccessRate === null ? null : report.ingestion.taskSuccessRate > 0.99,
      source: '002 KPI',
    });
  }
  return checks;
}

/**
 * What to do next, from the measurements: each line names the figure that leads to it. Slow
 * endpoints are explained by their statements, the cache or the CPU, in that order of evidence.
 */
export function recommend(report: Omit<LoadtestReport, 'recommendations' | 'targets'>): string[] {
  const lines: string[] = [];
  const busy = report.cpu.machineBusy;
  const cpuBound = busy !== null && busy >= 0.85;
  const hitRate = report.cache?.hitRate ?? null;
  const browsing = report.endpoints.filter((e) => e.kind === 'page' || e.kind === 'api');

  for (const endpoint of [...browsing].sort((a, b) => b.latency.p95 - a.latency.p95)) {
    if (!(endpoint.latency.p95 >= 500)) continue;
    const causes: string[] = [];
    if (endpoint.server && endpoint.server.statementsPerRequest > 4) causes.push(`it runs ${round(endpoint.server.statementsPerRequest, 1)} SQL statements per request (budget 4): cache or combine its reads`);
    if (hitRate !== null && hitRate < 0.8) causes.push(`the data cache answered only ${pct(hitRate)} of reads`);
    if (endpoint.server && endpoint.server.p95 < endpoint.latency.p95 / 2) {
      causes.push(`the server spent ${ms(endpoint.server.p95)} (p95) on it: the rest, ${ms(endpoint.latency.p95 - endpoint.server.p95)}, was waiting in line${cpuBound ? ` for a CPU (${pct(busy)} busy)` : ''}`);
    } else if (cpuBound) causes.push(`the machine's CPUs were ${pct(busy)} busy`);
    lines.push(`${endpoint.endpoint}: p95 ${ms(endpoint.latency.p95)} is over the 500 ms target${causes.length ? `; ${causes.join('; ')}` : ''}.`);
  }

  if (cpuBound) {
    const perRequest = report.cpu.serverMsPerRequest;
    lines.push(
      `CPU is the bottleneck: the machine was ${pct(busy)} busy${perRequest !== null ? ` and each request cost the app ${ms(perRequest)} of CPU, a ceiling of about ${Math.round((report.machine.cpus * 1000) / perRequest).toLocaleString('en')} req/s on ${report.machine.cpus} cores` : ''}. Run one instance per core behind a balancer (Redis shares caches and invalidations), or give the load generator a machine of its own.`,
    );
  }

  if (hitRate !== null && hitRate < 0.8) {
    const misses = [...(report.cache?.byKind ?? [])].sort((a, b) => b.misses - a.misses)[0];
    const ingestion = report.ingestion;
    if (ingestion && ingestion.accepted > 0) {
      lines.push(
        `The cache hit rate fell to ${pct(hitRate)} while ${ingestion.accepted.toLocaleString('en')} metric batches were applied${ingestion.jobRuns !== null ? ` in ${ingestion.jobRuns.toLocaleString('en')} job runs` : ''}: each run drops the cached dashboards of the channels it touched. With the Inngest backend, batching (50 events or 60 s) applies them at most once a minute; or send bigger, fewer batches.`,
      );
    } else {
      lines.push(`The cache hit rate is ${pct(hitRate)}${misses ? `, most misses in ${misses.namespace} (${misses.misses.toLocaleString('en')})` : ''}: warm those reads on sign-in or lengthen their lifetime.`);
    }
  }

  const heaviest = [...browsing].filter((e) => e.server).sort((a, b) => b.server!.statementsPerRequest - a.server!.statementsPerRequest)[0];
  if (heaviest?.server && heaviest.server.statementsPerRequest > 0) {
    lines.push(
      `Most SQL per request: ${heaviest.endpoint}, ${round(heaviest.server.statementsPerRequest, 2)} statements on average (${heaviest.server.requests.toLocaleString('en')} requests)${heaviest.server.statementsPerRequest <= 4 ? ', within the budget of 4: its reads mostly come from the cache' : ''}.`,
    );
  }

  if (report.overall.errorRate >= 0.01) {
    const codes = report.endpoints.flatMap((e) => Object.entries(e.statuses).map(([code, n]) => `${n} × ${code} on ${e.endpoint}`));
    lines.push(`${pct(report.overall.errorRate)} of requests failed (${codes.join(', ') || 'connection errors'}): read the server's log before trusting the latencies.`);
  }

  if (report.ingestion?.taskSuccessRate !== null && report.ingestion && report.ingestion.taskSuccessRate < 0.99) {
    lines.push(
      `Only ${report.ingestion.processed} of ${report.ingestion.checked} ingestion batches were applied ${report.ingestion.waitedSeconds} s after the run: the ingestion job falls behind at ${rps(report.ingestion.requests / report.durationSeconds)}; the maintenance job queues lost batches again every 10 minutes.`,
    );
  }

  if (lines.length === 0 || (!cpuBound && browsing.every((e) => e.latency.p95 < 500) && (hitRate === null || hitRate >= 0.8))) {
    const perRequest = report.cpu.serverMsPerRequest;
    lines.push(
      `No threshold was crossed: p95 under 500 ms everywhere, ${pct(hitRate)} cache hits${busy !== null ? `, CPUs ${pct(busy)} busy` : ''}${perRequest !== null ? `; the app spends ${ms(perRequest)} of CPU per request, so CPU is where the next limit is` : ''}. Raise --users to find the knee.`,
    );
  }
  return lines;
}

export function markdownReport(report: LoadtestReport): string {
  const header = ['endpoint', 'requests', 'throughput', 'errors', 'p50', 'p95', 'p99', 'max', 'server: statements / request', 'server p95'];
  const row = (e: EndpointFigures) => [
    `\`${e.endpoint}\``,
    e.requests.toLocaleString('en'),
    rps(e.throughput),
    e.errors ? `${e.errors} (${Object.entries(e.statuses).map(([c, n]) => `${n}×${c}`).join(', ')})` : '0',
    ms(e.latency.p50),
    ms(e.latency.p95),
    ms(e.latency.p99),
    ms(e.latency.max),
    e.server ? String(round(e.server.statementsPerRequest, 2)) : '–',
    e.server ? ms(e.server.p95) : '–',
  ];
  const i = report.ingestion;
  return [
    `## Load test ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC — ${report.label}`,
    '',
    `- **Target:** ${report.target}; commit ${report.commit}; ${report.machine.cpus} cores (${report.machine.cpuModel}), load average ${report.machine.loadAverageAtStart.join(' / ')} at start and ${report.machine.loadAverageAtEnd.join(' / ')} at the end (the load generator shares the machine).`,
    `- **Users:** ${report.users.virtual} virtual users (demo accounts ${report.users.accounts.join(', ')}), each signed in, then browsing the Channels pages and API in a loop with ${report.users.thinkSeconds} s between requests; ramp-up over ${report.users.rampSeconds} s; ${report.durationSeconds} s in all (autocannon, one connection per user).`,
    `- **Ingestion:** ${i ? `${i.requests.toLocaleString('en')} requests to POST /api/v1/channels/metrics (${i.snapshots.toLocaleString('en')} snapshots) while browsing` : 'off (--ingest to write while browsing)'}.`,
    '',
    `**Overall:** ${report.overall.requests.toLocaleString('en')} requests, ${rps(report.overall.throughput)}, p50 ${ms(report.overall.latency.p50)} · p95 ${ms(report.overall.latency.p95)} · p99 ${ms(report.overall.latency.p99)}, error rate ${pct(report.overall.errorRate)}; cache hit rate ${pct(report.cache?.hitRate ?? null)}; machine CPU ${pct(report.cpu.machineBusy)} busy; app CPU ${report.cpu.serverMsPerRequest === null ? '–' : ms(report.cpu.serverMsPerRequest)} per request.`,
    '',
    '| target | plan | measured | met |',
    '|---|---|---|---|',
    ...report.targets.map((t) => `| ${t.name} | ${t.target} (${t.source}) | ${t.value} | ${t.met === null ? '–' : t.met ? '✅' : '❌'} |`),
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...report.endpoints.map((e) => `| ${row(e).join(' | ')} |`),
    '',
    ...(i ? [`Ingestion: ${i.accepted.toLocaleString('en')} of ${i.requests.toLocaleString('en')} requests accepted; ${i.processed} of ${i.checked} batches checked were applied within ${i.waitedSeconds} s after the run${i.jobRuns !== null ? `; the server measured ${i.jobRuns.toLocaleString('en')} runs of the ingestion job` : ''}.`, ''] : []),
    ...(report.cache?.byKind.length
      ? ['Cache by kind: ' + report.cache.byKind.filter((k) => k.hits + k.misses > 0).map((k) => `${k.namespace} ${pct(k.hitRate)} (${k.hits.toLocaleString('en')} hits, ${k.misses.toLocaleString('en')} misses)`).join('; ') + '.', '']
      : []),
    '**Recommendations** (derived from the figures above):',
    '',
    ...report.recommendations.map((line) => `- ${line}`),
    '',
  ].join('\n');
}
