// `npm run bench [-- --scale demo|large]`: the performance proof (issue 5). Prepares what it
// needs (PostgreSQL and Redis, the seed, a production build in .next-bench), starts the
// production server in bench mode, and measures every route with a budget, the naive baseline
// of plan 000's "before", and a floor reference; writes bench/results/<time>-<scale>.{json,md}.
// Options: --runs N (cold runs, 5), --warm N (warm requests, 20), --duration S (load seconds, 10),
// --page-connections N (10), --api-connections N (5), --reseed, --rebuild, --quick,
// --only /channels,/api/v1/channels (only the routes starting with one of these),
// --no-naive (Brisk's side only: at large scale the naive Sponsors analytics loads about 1 GB a
// request, far too slow for warm and load runs; `npm run bench:sponsors -- --naive-runs 1` measures it once).
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';
import { AppServer, BENCH_DIST_DIR, benchAuthSecret, buildIfStale, prepareDatabase } from './lib/app';
import { refreshSession, signIn, timedGet, parseServerTiming, type CookieJar, type Timed } from './lib/http';
import { startFloor } from './lib/floor';
import { pidFromFile, treeCpuMs, treeRssBytes } from './lib/cpu';
import { load } from './lib/load';
import { log, secondsSinceStart } from './lib/log';
import { hitRate, opsMetrics, quietDelta, settledDelta, statementsPerRequest } from './lib/metrics';
import { freePort } from './lib/proc';
import { markdownReport, type BenchReport, type Figures, type RouteReport } from './lib/report';
import { flushRedis, redisVersion, startServices, type Services } from './lib/services';
import { median } from './lib/stats';
import { BYPASS_RENDER_CACHE_HEADER } from '@/lib/bench-mode';
import type { BenchRoute } from '@/lib/modules/manifest';
import { modules } from '@/modules';

interface Options {
  scale: 'demo' | 'large';
  runs: number;
  warm: number;
  duration: number;
  pageConnections: number;
  apiConnections: number;
  reseed: boolean;
  rebuild: boolean;
  only: string[];
  naive: boolean;
}

function options(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    if (index >= 0) return argv[index + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  };
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, not "${raw}"`);
    return parsed;
  };
  const quick = argv.includes('--quick');
  const scale = value('scale') ?? 'demo';
  if (scale !== 'demo' && scale !== 'large') throw new Error(`--scale must be demo or large, not "${scale}"`);
  return {
    scale,
    runs: number('runs', quick ? 2 : 5),
    warm: number('warm', quick ? 5 : 20),
    duration: number('duration', quick ? 3 : 10),
    pageConnections: number('page-connections', 10),
    apiConnections: number('api-connections', 5),
    reseed: argv.includes('--reseed'),
    rebuild: argv.includes('--rebuild'),
    only: (value('only') ?? '').split(',').filter(Boolean),
    naive: !argv.includes('--no-naive'),
  };
}

/** Every module's benchmark routes (lib/<module>/module.ts), with the plans' targets. */
type Target = BenchRoute & {
  /** Routes measured in the same restart must not share cache entries: pages and API routes share the data cache. */
  group: 'pages' | 'api';
};

function targets(only: readonly string[] = [], naive = true): Target[] {
  return modules
    .flatMap((module) => module.bench ?? [])
    .filter((route) => only.length === 0 || only.some((prefix) => route.route.startsWith(prefix)))
    .map((route) => ({ ...route, naive: naive ? route.naive : null, group: route.kind === 'page' ? 'pages' : 'api' }));
}

/** Who requests a route unless its manifest names someone else (`viewer`): a demo account by key. */
const VIEWER = 'ada';
/** Warms each fresh server process (modules, JIT) with another viewer's requests, so that "cold" means an empty cache, not a cold process (`warmer`). */
const WARMER = 'ben';
const ADMIN = 'admin@brisk.test';

function demoEmail(key: string): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.id === `usr_${key}`);
  if (!account) throw new Error(`bench: no demo account "${key}" (prisma/seed/demo-accounts.ts)`);
  return account.email;
}

function gitCommit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execSync('git status --porcelain', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() ? ' + uncommitted changes' : '';
    return sha + dirty;
  } catch {
    return 'unknown';
  }
}

async function postgresVersion(databaseUrl: string): Promise<string> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  } finally {
    await client.end();
  }
}

const packageVersion = (name: string) => (JSON.parse(readFileSync(path.resolve('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

interface Session {
  /** Every viewer and warmer of the routes, by demo account key. */
  people: Map<string, CookieJar>;
  admin: CookieJar;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const startedAt = new Date();
  const phases: Record<string, number> = {};
  const phase = (name: string, since: number) => (phases[name] = Math.round(secondsSinceStart() - since));
  log('bench', `scale ${opts.scale}; ${opts.runs} cold runs, ${opts.warm} warm requests, ${opts.duration} s of load per route (pages ${opts.pageConnections} connections, API ${opts.apiConnections})`);

  let services: Services | undefined;
  let server: AppServer | undefined;
  const stopAll = async () => {
    await server?.stop();
    server?.close();
    await services?.stop();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log('bench', `${signal}: stopping the server and the services`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    let since = secondsSinceStart();
    services = await startServices(opts.scale);
    phase('services', since);

    since = secondsSinceStart();
    const seed = await prepareDatabase(services.databaseUrl, opts.scale, opts.reseed);
    log('seed', `${seed.users} users in the database (${seed.seconds.toFixed(0)} s)`);
    phase('seed', since);

    const port = await freePort(Number(process.env.BENCH_APP_PORT ?? 3300));
    const origin = `http://127.0.0.1:${port}`;
    const appEnv: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: services.databaseUrl,
      REDIS_URL: services.redisUrl,
      BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? benchAuthSecret(),
      BETTER_AUTH_URL: origin,
      BRISK_BENCH: '1',
      JOBS_BACKEND: 'inline',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    delete appEnv.INNGEST_DEV;
    delete appEnv.INNGEST_EVENT_KEY;
    delete appEnv.INNGEST_BASE_URL;

    since = secondsSinceStart();
    const build = await buildIfStale({ ...appEnv, BRISK_BENCH: undefined }, opts.rebuild);
    phase('build', since);

    const serverLog = path.resolve('.data/bench/server.log');
    server = new AppServer(port, appEnv, serverLog);
    await flushRedis(services.redisUrl, services.ownRedis);
    const startSeconds = await server.start();
    log('server', `next start on ${origin} in ${startSeconds.toFixed(1)} s (log: ${path.relative(process.cwd(), serverLog)})`);

    const list = targets(opts.only, opts.naive);
    if (list.length === 0) throw new Error(`no benchmark route starts with ${opts.only.join(' or ')}`);
    const people = new Map<string, CookieJar>();
    for (const key of new Set(list.flatMap((target) => [target.viewer ?? VIEWER, target.warmer ?? WARMER]))) people.set(key, await signIn(origin, demoEmail(key), DEMO_PASSWORD));
    const session: Session = { people, admin: await signIn(origin, ADMIN, DEMO_PASSWORD) };
    const viewerOf = (target: Target) => session.people.get(target.viewer ?? VIEWER)!;
    const warmerOf = (target: Target) => session.people.get(target.warmer ?? WARMER)!;
    const refreshAll = async () => {
      const renewed = await Promise.all([...session.people.values(), session.admin].map((jar) => refreshSession(origin, jar)));
      if (!renewed.every(Boolean)) log('session', 'warning: the session cookie cache was not renewed; requests may read the session from the database');
    };
    await refreshAll();

    const get = async (path: string, jar: CookieJar): Promise<Timed> => {
      const response = await timedGet(`${origin}${path}`, { cookie: jar.header() });
      if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
      return response;
    };

    // The naive baseline must do the same job: its JSON must equal the real API's.
    const naiveMatches: Record<string, boolean> = {};
    for (const target of list.filter((t) => t.kind === 'api' && t.naive)) {
      const [real, naive] = [await get(target.path, viewerOf(target)), await get(target.naive!, viewerOf(target))];
      naiveMatches[target.route] = isDeepStrictEqual(JSON.parse(real.body.toString()), JSON.parse(naive.body.toString()));
      log('check', `${target.naive} returns ${naiveMatches[target.route] ? 'the same JSON as' : 'DIFFERENT JSON from'} ${target.path}`);
    }

    const figures = new Map<string, { brisk: Figures; naive?: Figures }>();
    const blank = (): Figures => ({ cold: { ttfbMs: [], totalMs: [], statements: [] }, warm: null, load: null, bytes: null });
    for (const target of list) figures.set(target.route, { brisk: blank(), naive: target.naive ? blank() : undefined });

    /** One measured request; its statements from Server-Timing (API) or the metrics store (pages). */
    const measureOnce = async (path: string, target: Target) => {
      const { kind } = target;
      const before = kind === 'page' ? await opsMetrics(origin, session.admin.header()) : null;
      const response = await get(path, viewerOf(target));
      let statements: number;
      if (kind === 'api') statements = parseServerTiming(response.headers['server-timing'])?.statements ?? Number.NaN;
      else statements = statementsPerRequest(await settledDelta(origin, session.admin.header(), before!, 1), 1);
      return { response, statements };
    };

    // ---- Cold: an empty data cache (Redis flushed, the server restarted), per group of routes that share no cache entry.
    since = secondsSinceStart();
    const restarts: number[] = [];
    for (let run = 1; run <= opts.runs; run++) {
      for (const group of ['pages', 'api'] as const) {
        await flushRedis(services.redisUrl, services.ownRedis);
        restarts.push(await server.restart());
        await refreshAll();
        const members = list.filter((t) => t.group === group);
        for (const target of members) {
          await get(target.warmerPath ?? target.path, warmerOf(target));
          if (target.naive) await get(target.naive, warmerOf(target));
        }
        await opsMetrics(origin, session.admin.header());
        for (const target of members) {
          const entry = figures.get(target.route)!;
          for (const [which, path] of [['brisk', target.path], ['naive', target.naive]] as const) {
            if (!path) continue;
            const { response, statements } = await measureOnce(path, target);
            const cold = entry[which]!.cold;
            cold.ttfbMs.push(response.ttfbMs);
            cold.totalMs.push(response.totalMs);
            cold.statements.push(statements);
          }
        }
      }
      log('cold', `run ${run}/${opts.runs}: ${list.map((t) => `${t.route} ${figures.get(t.route)!.brisk.cold.totalMs.at(-1)!.toFixed(0)} ms`).join(', ')}`);
    }
    phase('cold', since);

    // ---- Warm: the same server, caches filled; sequential requests.
    since = secondsSinceStart();
    await refreshAll();
    for (const target of list) {
      const entry = figures.get(target.route)!;
      for (const [which, path] of [['brisk', target.path], ['naive', target.naive]] as const) {
        if (!path) continue;
        for (let i = 0; i < 3; i++) await get(path, viewerOf(target));
        const before = await opsMetrics(origin, session.admin.header());
        const samples: Timed[] = [];
        for (let i = 0; i < opts.warm; i++) samples.push(await get(path, viewerOf(target)));
        const statements =
          target.kind === 'api'
            ? median(samples.map((s) => parseServerTiming(s.headers['server-timing'])?.statements ?? Number.NaN))
            : statementsPerRequest(await settledDelta(origin, session.admin.header(), before, opts.warm), opts.warm);
        const last = samples.at(-1)!;
        entry[which]!.warm = {
          ttfbMs: median(samples.map((s) => s.ttfbMs)),
          totalMs: median(samples.map((s) => s.totalMs)),
          statements,
          samples: samples.length,
        };
        entry[which]!.bytes = { wire: last.wireBytes, decoded: last.body.length, contentType: String(last.headers['content-type'] ?? '') };
        if (which === 'brisk') entry.brisk.body = last.body;
      }
      const warm = entry.brisk.warm!;
      log('warm', `${target.route}: ${warm.totalMs.toFixed(1)} ms full (TTFB ${warm.ttfbMs.toFixed(1)} ms), ${warm.statements} statements${entry.naive?.warm ? `; naive ${entry.naive.warm.totalMs.toFixed(1)} ms, ${entry.naive.warm.statements} statements` : ''}`);
    }
    phase('warm', since);

    // ---- Load: autocannon, bounded in time; the cache hit rate and statements from the metrics store,
    // CPU time per request of the server processes from /proc (robust to whatever else runs here).
    since = secondsSinceStart();
    const processCpu = (pid: number | null) => (pid === null ? null : treeCpuMs(pid));
    const cpu = () => ({
      app: processCpu(server!.pid),
      postgres: processCpu(services!.pidFiles.postgres ? pidFromFile(services!.pidFiles.postgres) : null),
      redis: processCpu(services!.pidFiles.redis ? pidFromFile(services!.pidFiles.redis) : null),
    });
    /** One load test of `path`: throughput, latency, hit rate, statements and CPU per request. */
    const measureLoad = async (path: string, jar: CookieJar, connections: number, extraHeaders: Record<string, string> = {}): Promise<NonNullable<Figures['load']>> => {
      await refreshAll();
      const before = await opsMetrics(origin, session.admin.header());
      const cpuBefore = cpu();
      // The app's resident memory, sampled while the load runs: its growth over the idle process,
      // shared by the requests in flight, is the memory a request costs (plan 001's "per request").
      const rssBefore = server!.pid === null ? Number.NaN : treeRssBytes(server!.pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        if (server!.pid !== null) rssPeak = Math.max(rssPeak, treeRssBytes(server!.pid));
      }, 100);
      const result = await load(`${origin}${path}`, { connections, durationSeconds: opts.duration, headers: { cookie: jar.header(), ...extraHeaders } }).finally(() => clearInterval(sampler));
      // Requests still in flight when the load stops finish on the server: the metrics store's
      // count of finished requests is the denominator of statements and CPU per request.
      const after = await quietDelta(origin, session.admin.header(), before);
      const cpuAfter = cpu();
      const served = Math.max(1, ...after.routes.map((r) => r.requests));
      const perRequest = (key: keyof typeof cpuBefore) => (cpuBefore[key] === null || cpuAfter[key] === null ? null : (cpuAfter[key]! - cpuBefore[key]!) / served);
      return {
        ...result,
        cacheHitRate: hitRate(after),
        statementsPerRequest: statementsPerRequest(after, served),
        cpuMsPerRequest: { app: perRequest('app'), postgres: perRequest('postgres'), redis: perRequest('redis') },
        memory: { beforeMb: rssBefore / 2 ** 20, peakMb: rssPeak / 2 ** 20, perRequestMb: Math.max(0, rssPeak - rssBefore) / 2 ** 20 / connections },
        loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
      };
    };
    const describeLoad = (name: string, figures: NonNullable<Figures['load']>) =>
      `${name}: ${figures.requestsPerSecond.toFixed(0)} req/s, p50 ${figures.latencyMs.p50.toFixed(0)} / p95 ${figures.latencyMs.p95.toFixed(0)} / p99 ${figures.latencyMs.p99.toFixed(0)} ms, ${figures.cpuMsPerRequest.app?.toFixed(1) ?? '?'} ms of app CPU per request (load average ${figures.loadAverage.toFixed(1)})${figures.non2xx ? `, ${figures.non2xx} non-2xx` : ''}`;

    // Each route twice: just after a restart (what a fresh deploy serves while the JIT settles)
    // and in steady state, after a load of the same length has warmed the process.
    for (const target of list) {
      const entry = figures.get(target.route)!;
      const connections = target.kind === 'page' ? opts.pageConnections : opts.apiConnections;
      await server.restart();
      await refreshAll();
      const jar = viewerOf(target);
      for (const path of [target.path, target.naive]) if (path) for (let i = 0; i < 3; i++) await get(path, jar);
      entry.brisk.loadAfterRestart = await measureLoad(target.path, jar, connections);
      log('load', describeLoad(`${target.route} after a restart`, entry.brisk.loadAfterRestart));
      await load(`${origin}${target.path}`, { connections, durationSeconds: opts.duration, headers: { cookie: jar.header() } });
      entry.brisk.load = await measureLoad(target.path, jar, connections);
      log('load', describeLoad(`${target.route} steady`, entry.brisk.load));
      if (target.kind === 'page') {
        // What a render costs when the render cache cannot answer (a changed page, a new viewer).
        entry.brisk.loadRendering = await measureLoad(target.path, jar, connections, { [BYPASS_RENDER_CACHE_HEADER]: '1' });
        log('load', describeLoad(`${target.route} rendering (render cache bypassed)`, entry.brisk.loadRendering));
      }
      if (target.naive) {
        await load(`${origin}${target.naive}`, { connections, durationSeconds: opts.duration, headers: { cookie: jar.header() } });
        entry.naive!.load = await measureLoad(target.naive, jar, connections);
        log('load', describeLoad(`${target.naive} steady`, entry.naive!.load));
      }
    }
    phase('load', since);

    // ---- Floor: the same bytes from a plain Node server, same load.
    since = secondsSinceStart();
    const floors = new Map<string, RouteReport['floor']>();
    for (const target of list) {
      const entry = figures.get(target.route)!;
      const floor = await startFloor(entry.brisk.body!, entry.brisk.bytes!.contentType);
      try {
        const connections = target.kind === 'page' ? opts.pageConnections : opts.apiConnections;
        const cpuBefore = treeCpuMs(floor.pid);
        const result = await load(`${floor.origin}/`, { connections, durationSeconds: opts.duration });
        floors.set(target.route, { ...result, cpuMsPerRequest: (treeCpuMs(floor.pid) - cpuBefore) / Math.max(1, result.requests) });
        log('floor', `${target.route} bytes (${entry.brisk.bytes!.decoded} B) from plain node:http: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.latencyMs.p50.toFixed(1)} ms`);
      } finally {
        await floor.stop();
      }
    }
    phase('floor', since);

    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round(secondsSinceStart()),
      scale: opts.scale,
      options: { ...opts },
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGb: Math.round(os.totalmem() / 2 ** 30),
        platform: `${os.type()} ${os.release()} ${os.arch()}`,
        loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
      },
      versions: {
        node: process.version,
        next: packageVersion('next'),
        postgres: await postgresVersion(services.databaseUrl),
        redis: await redisVersion(services.redisUrl),
        autocannon: packageVersion('autocannon'),
        commit: gitCommit(),
      },
      setup: {
        postgres: services.description.postgres,
        redis: services.description.redis,
        distDir: BENCH_DIST_DIR,
        built: build.built,
        seeded: seed.seeded,
        users: seed.users,
        viewer: [...new Set(list.map((target) => target.viewer ?? VIEWER))].join(', '),
        restartSecondsMedian: median(restarts),
        naiveMatchesReal: naiveMatches,
      },
      phases,
      routes: list.map((target) => {
        const entry = figures.get(target.route)!;
        delete entry.brisk.body;
        return { route: target.route, kind: target.kind, path: target.path, naivePath: target.naive, brisk: entry.brisk, naive: entry.naive ?? null, floor: floors.get(target.route) ?? null, targets: target.targets };
      }),
    };

    const stamp = startedAt.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
    mkdirSync('bench/results', { recursive: true });
    const base = path.join('bench/results', `${stamp}-${opts.scale}`);
    writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = markdownReport(report);
    writeFileSync(`${base}.md`, markdown);
    console.log(`\n${markdown}`);
    log('bench', `done in ${report.durationSeconds} s: ${base}.json and ${base}.md`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
