import { meets, type Figure, type PlanTarget } from '../targets';
import type { LoadResult } from './load';
import { median, round } from './stats';

export interface Figures {
  cold: { ttfbMs: number[]; totalMs: number[]; statements: number[] };
  warm: { ttfbMs: number; totalMs: number; statements: number; samples: number } | null;
  /** Under load in steady state (after a load of the same length warmed the process). */
  load: LoadFigures | null;
  /** Under load right after a restart, while the JIT settles. */
  loadAfterRestart?: LoadFigures | null;
  /** Pages: under load in steady state with the render cache bypassed (every request rendered). */
  loadRendering?: LoadFigures | null;
  bytes: { wire: number; decoded: number; contentType: string } | null;
  /** The warm response itself (for the floor server); not written to the report. */
  body?: Buffer;
}

export type LoadFigures = LoadResult & {
  cacheHitRate: number | null;
  statementsPerRequest: number;
  cpuMsPerRequest: CpuPerRequest;
  /** The app's resident memory before the load and at its peak, and the growth per request in flight (peak − before, ÷ connections). */
  memory?: { beforeMb: number; peakMb: number; perRequestMb: number };
  loadAverage: number;
}

/** CPU milliseconds per request of each server process (null when not ours to watch). */
export interface CpuPerRequest {
  app: number | null;
  postgres: number | null;
  redis: number | null;
}

export interface RouteReport {
  route: string;
  kind: 'page' | 'api';
  path: string;
  naivePath: string | null;
  brisk: Figures;
  naive: Figures | null;
  floor: (LoadResult & { cpuMsPerRequest: number | null }) | null;
  targets: Partial<Record<Figure, PlanTarget>>;
}

export interface BenchReport {
  startedAt: string;
  durationSeconds: number;
  scale: string;
  options: Record<string, unknown>;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; loadAverageAtStart: number[] };
  versions: Record<string, string>;
  setup: Record<string, unknown>;
  phases: Record<string, number>;
  routes: RouteReport[];
}

const ms = (value: number | undefined | null) => (value === undefined || value === null || !Number.isFinite(value) ? '–' : `${value < 10 ? round(value, 1) : Math.round(value)} ms`);
const count = (value: number | undefined | null) => (value === undefined || value === null || !Number.isFinite(value) ? '–' : String(round(value, 1)));
const percent = (value: number | null | undefined) => (value === undefined || value === null ? '–' : `${round(value * 100, 1)} %`);
const rps = (value: number | undefined) => (value === undefined ? '–' : `${Math.round(value)} req/s`);

const mem = (value: { perRequestMb: number; peakMb: number } | undefined) => (value && Number.isFinite(value.peakMb) ? `${round(value.perRequestMb, 1)} MB · ${Math.round(value.peakMb)} MB` : '–');

const suffix = (value: string, text: string) => (value === '–' ? value : `${value}${text}`);

function cpu(value: CpuPerRequest | undefined): string {
  if (!value) return '–';
  return [value.app, value.postgres, value.redis].map((v) => (v === null ? '–' : ms(v))).join(' / ');
}

/** How many times better the first is than the second ("lower is better" unless `higher`). */
function times(brisk: number | null | undefined, naive: number | null | undefined, higher = false): string {
  if (brisk === null || brisk === undefined || naive === null || naive === undefined || !Number.isFinite(brisk) || !Number.isFinite(naive)) return '–';
  if (higher ? naive === 0 : brisk === 0) return naive === brisk ? '1×' : '∞';
  const ratio = higher ? brisk / naive : naive / brisk;
  return `${ratio >= 10 ? Math.round(ratio) : round(ratio, 1)}×`;
}

function target(route: RouteReport, figure: Figure, value: number | null | undefined): string {
  const t = route.targets[figure];
  if (!t) return '–';
  const ok = meets(figure, t, value ?? null);
  const mark = ok === null ? '' : ok ? ' ✅' : ' ❌';
  return `${t.text}${mark} <sub>${t.source}${t.before ? `; before ${t.before}` : ''}</sub>`;
}

function coldMedian(f: Figures | null, key: 'ttfbMs' | 'totalMs' | 'statements'): number | null {
  if (!f || f.cold[key].length === 0) return null;
  return median(f.cold[key]);
}

function routeTable(route: RouteReport): string {
  const b = route.brisk;
  const n = route.naive;
  const floor = route.floor;
  const rows: string[][] = [
    ['cold: time to first byte (median)', ms(coldMedian(b, 'ttfbMs')), '–', ms(coldMedian(n, 'ttfbMs')), times(coldMedian(b, 'ttfbMs'), coldMedian(n, 'ttfbMs')), '–'],
    ['cold: full response (median)', ms(coldMedian(b, 'totalMs')), target(route, 'coldTotal', coldMedian(b, 'totalMs')), ms(coldMedian(n, 'totalMs')), times(coldMedian(b, 'totalMs'), coldMedian(n, 'totalMs')), '–'],
    ['warm: time to first byte (median)', ms(b.warm?.ttfbMs), '–', ms(n?.warm?.ttfbMs), times(b.warm?.ttfbMs, n?.warm?.ttfbMs), '–'],
    ['warm: full response (median)', ms(b.warm?.totalMs), target(route, 'warmTotal', b.warm?.totalMs), ms(n?.warm?.totalMs), times(b.warm?.totalMs, n?.warm?.totalMs), '–'],
    ['SQL statements per request, cold', count(coldMedian(b, 'statements')), target(route, 'statements', coldMedian(b, 'statements')), count(coldMedian(n, 'statements')), times(coldMedian(b, 'statements'), coldMedian(n, 'statements')), '–'],
    ['SQL statements per request, warm', count(b.warm?.statements), '–', count(n?.warm?.statements), times(b.warm?.statements, n?.warm?.statements), '–'],
    [`throughput under load (${b.load?.connections ?? '?'} connections)`, rps(b.load?.requestsPerSecond), '–', rps(n?.load?.requestsPerSecond), times(b.load?.requestsPerSecond, n?.load?.requestsPerSecond, true), rps(floor?.requestsPerSecond)],
    ['latency under load: mean', ms(b.load?.latencyMs.mean), target(route, 'loadMean', b.load?.latencyMs.mean), ms(n?.load?.latencyMs.mean), times(b.load?.latencyMs.mean, n?.load?.latencyMs.mean), ms(floor?.latencyMs.mean)],
    ['latency under load: p50 / p95 / p99', b.load ? `${ms(b.load.latencyMs.p50)} / ${ms(b.load.latencyMs.p95)} / ${ms(b.load.latencyMs.p99)}` : '–', target(route, 'loadP95', b.load?.latencyMs.p95), n?.load ? `${ms(n.load.latencyMs.p50)} / ${ms(n.load.latencyMs.p95)} / ${ms(n.load.latencyMs.p99)}` : '–', suffix(times(b.load?.latencyMs.p95, n?.load?.latencyMs.p95), ' (p95)'), floor ? `${ms(floor.latencyMs.p50)} / ${ms(floor.latencyMs.p95)} / ${ms(floor.latencyMs.p99)}` : '–'],
    ['server CPU per request right after a restart: app / PostgreSQL / Redis', cpu(b.loadAfterRestart?.cpuMsPerRequest), '–', '–', '–', '–'],
    [`throughput right after a restart (${b.loadAfterRestart?.connections ?? '?'} connections)`, rps(b.loadAfterRestart?.requestsPerSecond), '–', '–', '–', '–'],
    ['rendering every request (render cache bypassed): throughput · app CPU per request', b.loadRendering ? `${rps(b.loadRendering.requestsPerSecond)} · ${ms(b.loadRendering.cpuMsPerRequest.app)}` : '–', '–', '–', '–', '–'],
    ['server CPU per request under load, steady state: app / PostgreSQL / Redis', cpu(b.load?.cpuMsPerRequest), '–', cpu(n?.load?.cpuMsPerRequest), suffix(times(b.load?.cpuMsPerRequest.app, n?.load?.cpuMsPerRequest.app), ' (app)'), floor?.cpuMsPerRequest === null || floor?.cpuMsPerRequest === undefined ? '–' : ms(floor.cpuMsPerRequest)],
    ['app memory per request under load: (peak − idle RSS) ÷ connections · peak RSS', mem(b.load?.memory), '–', mem(n?.load?.memory), times(b.load?.memory?.perRequestMb, n?.load?.memory?.perRequestMb), '–'],
    ['SQL statements per request under load', count(b.load?.statementsPerRequest), '–', count(n?.load?.statementsPerRequest), times(b.load?.statementsPerRequest, n?.load?.statementsPerRequest), '–'],
    ['data-cache hit rate under load', percent(b.load?.cacheHitRate), target(route, 'hitRate', b.load?.cacheHitRate), percent(n?.load?.cacheHitRate), '–', '–'],
    ['response size (gzip / decoded)', b.bytes ? `${(b.bytes.wire / 1024).toFixed(1)} / ${(b.bytes.decoded / 1024).toFixed(1)} kB` : '–', '–', n?.bytes ? `${(n.bytes.wire / 1024).toFixed(1)} / ${(n.bytes.decoded / 1024).toFixed(1)} kB` : '–', '–', 'same bytes'],
  ];
  const errors = [b.load, n?.load].filter((l) => l && (l.non2xx || l.errors || l.timeouts));
  const header = ['figure', 'Brisk', 'plan target', 'naive baseline', 'Brisk is … better', 'floor (plain node:http)'];
  return [
    `### ${route.route}${route.kind === 'page' ? ' (page)' : ' (API)'}`,
    '',
    `\`GET ${route.path}\`${route.naivePath ? ` · naive: \`GET ${route.naivePath}\`` : ' · no naive baseline (one statement, nothing to un-optimise)'}`,
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    ...(errors.length ? ['', `⚠ errors under load: ${errors.map((l) => `${l!.non2xx} non-2xx, ${l!.errors} errors, ${l!.timeouts} timeouts`).join('; ')}`] : []),
    '',
  ].join('\n');
}

function summaryTable(report: BenchReport): string {
  const header = ['route', 'cold full', 'warm full', 'SQL cold / warm', 'req/s (after restart → steady)', 'p95 under load', 'app CPU / request (after restart → steady)', 'rendering: req/s · CPU / request', 'cache hits', 'memory / request · naive', 'naive: warm full · req/s', 'floor req/s'];
  const rows = report.routes.map((r) => [
    `\`${r.route}\``,
    ms(coldMedian(r.brisk, 'totalMs')),
    ms(r.brisk.warm?.totalMs),
    `${count(coldMedian(r.brisk, 'statements'))} / ${count(r.brisk.warm?.statements)}`,
    `${rps(r.brisk.loadAfterRestart?.requestsPerSecond).replace(' req/s', '')} → ${rps(r.brisk.load?.requestsPerSecond).replace(' req/s', '')}`,
    ms(r.brisk.load?.latencyMs.p95),
    `${ms(r.brisk.loadAfterRestart?.cpuMsPerRequest.app)} → ${ms(r.brisk.load?.cpuMsPerRequest.app)}`,
    r.brisk.loadRendering ? `${rps(r.brisk.loadRendering.requestsPerSecond).replace(' req/s', '')} · ${ms(r.brisk.loadRendering.cpuMsPerRequest.app)}` : '–',
    percent(r.brisk.load?.cacheHitRate),
    `${r.brisk.load?.memory ? `${round(r.brisk.load.memory.perRequestMb, 1)} MB` : '–'} · ${r.naive?.load?.memory ? `${round(r.naive.load.memory.perRequestMb, 1)} MB` : '–'}`,
    r.naive ? `${ms(r.naive.warm?.totalMs)} · ${rps(r.naive.load?.requestsPerSecond).replace(' req/s', '')}` : '–',
    rps(r.floor?.requestsPerSecond).replace(' req/s', ''),
  ]);
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function markdownReport(report: BenchReport): string {
  const m = report.machine;
  const v = report.versions;
  const s = report.setup;
  const o = report.options as { runs: number; warm: number; duration: number; pageConnections: number; apiConnections: number };
  return [
    `## Benchmark ${report.startedAt.slice(0, 16).replace('T', ' ')} UTC — scale \`${report.scale}\``,
    '',
    `- **Machine:** ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB memory, ${m.platform}; load average at start ${m.loadAverageAtStart.join(' / ')}. The load generator, the server, PostgreSQL and Redis share these cores.`,
    `- **Versions:** Node ${v.node}, Next.js ${v.next}, PostgreSQL ${v.postgres}, Redis ${v.redis}, autocannon ${v.autocannon}; commit ${v.commit}.`,
    `- **Setup:** ${s.postgres}; ${s.redis}; production build in \`${s.distDir}\`${s.built ? ' (built for this run)' : ''}; ${s.users} users${s.seeded ? '' : ' (seed kept from an earlier run)'}; viewer ${s.viewer}; list \`ada-birthday\`.`,
    `- **Method:** cold = median of ${o.runs} first requests after FLUSHALL of the bench's Redis and a server restart (the process is warmed first by another viewer's requests, so cold means an empty data cache, not a cold process; median restart ${s.restartSecondsMedian} s). Warm = median of ${o.warm} sequential requests. Pages are served from the render cache when warm; "rendering" bypasses it (bench mode only) to show what a render costs. Load = autocannon for ${o.duration} s, twice per route: right after a server restart, and in steady state after another ${o.duration} s of the same load; with ${o.pageConnections} connections on pages and ${o.apiConnections} on the API (the plans' \`ab -c\`), gzip accepted as a browser does. SQL statements come from \`Server-Timing\` (API) or the metrics store via \`/api/v1/ops/metrics\` (pages, including the proxy's access check). Naive = the plan's "before" (the module's naive.ts, rendered by the same components); its JSON equals the real API's: ${Object.entries(s.naiveMatchesReal as Record<string, boolean>).map(([r, ok]) => `${r} ${ok ? 'yes' : 'NO'}`).join(', ')}. Floor = the same bytes from a plain Node HTTP server under the same load.`,
    `- **Load on the machine:** 1-minute load average after each load test: ${report.routes.flatMap((r) => [r.brisk.load?.loadAverage, r.naive?.load?.loadAverage]).filter((v) => v !== undefined).join(', ')} (${m.cpus} cores). Latency and throughput suffer from anything else running; CPU per request much less.`,
    `- **Duration:** ${report.durationSeconds} s (${Object.entries(report.phases).map(([k, sec]) => `${k} ${sec} s`).join(', ')}).`,
    '',
    summaryTable(report),
    '',
    ...report.routes.map(routeTable),
  ].join('\n');
}
