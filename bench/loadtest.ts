// `npm run loadtest`: plan 002's load-testing suite for the Channels module. Virtual users sign
// in (demo accounts that own channels) and browse the Channels pages and API with ramp-up and
// think time, optionally while the ingestion generator posts metric batches; against a running
// server on loopback, bounded in users, requests and time. Writes a JSON and a Markdown report
// (P50/P95/P99, throughput, error rate, per-endpoint figures, the plan's targets and
// recommendations derived from the measurements) to bench/results/<time>-loadtest-<label>.*
//
//   npm run loadtest                                    # against http://127.0.0.1:3000 (npm start)
//   npm run loadtest -- --url http://localhost:3100 --users 20 --duration 120 --ingest
//   npm run loadtest -- --serve demo|large              # starts PostgreSQL, Redis and the app itself (as npm run bench does)
//
// Options: --url U, --users N (10, at most 200), --ramp S (20), --duration S (60, at most 600),
// --rate N (1: each user sends at most one request a second, i.e. 1 s of think time between
// requests, autocannon's connectionRate), --max-requests N (100,000),
// --ingest, --ingest-rate N (requests a second, 2), --ingest-size N (snapshots a request, 200),
// --users 0 --ingest (the generator alone), --serve demo|large, --reseed, --rebuild, --label L.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon, { type Request as CannonRequest } from 'autocannon';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';
import { DEMO_CHANNELS } from '@/prisma/seed/channels-demo';
import type { ChannelDashboard, TopPosts } from '@/lib/channels/types';
import { treeCpuMs } from './lib/cpu';
import { BROWSER_HEADERS, refreshSession, signIn, type CookieJar } from './lib/http';
import { IngestGenerator, random, type KnownChannel, type KnownPost } from './lib/ingest-generator';
import { checkTargets, latencyOf, markdownReport, recommend, type EndpointFigures, type LoadtestReport } from './lib/loadtest-report';
import { log } from './lib/log';
import { opsMetrics, quietDelta } from './lib/metrics';
import { sleep } from './lib/proc';

interface Options {
  url: string;
  users: number;
  ramp: number;
  duration: number;
  rate: number;
  maxRequests: number;
  ingest: boolean;
  ingestRate: number;
  ingestSize: number;
  serve: 'demo' | 'large' | null;
  reseed: boolean;
  rebuild: boolean;
  label: string | null;
}

const LIMITS = { users: 200, duration: 600, maxRequests: 1_000_000, ingestRate: 50 };

function options(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    if (index >= 0 && argv[index + 1] && !argv[index + 1]!.startsWith('--')) return argv[index + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  };
  const number = (name: string, fallback: number, max: number, min = 0) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new Error(`--${name} must be a number from ${min} to ${max}, not "${raw}"`);
    return parsed;
  };
  const serve = value('serve') ?? null;
  if (serve !== null && serve !== 'demo' && serve !== 'large') throw new Error(`--serve must be demo or large, not "${serve}"`);
  const opts: Options = {
    url: value('url') ?? 'http://127.0.0.1:3000',
    users: number('users', 10, LIMITS.users),
    ramp: number('ramp', 20, LIMITS.duration),
    duration: number('duration', 60, LIMITS.duration, 5),
    rate: number('rate', 1, 10, 1),
    maxRequests: number('max-requests', 100_000, LIMITS.maxRequests, 1),
    ingest: argv.includes('--ingest'),
    ingestRate: number('ingest-rate', 2, LIMITS.ingestRate, 1),
    ingestSize: number('ingest-size', 200, 1_000, 1),
    serve,
    reseed: argv.includes('--reseed'),
    rebuild: argv.includes('--rebuild'),
    label: value('label') ?? null,
  };
  if (opts.ramp >= opts.duration) throw new Error('--ramp must be shorter than --duration');
  if (opts.users === 0 && !opts.ingest) throw new Error('nothing to do: --users 0 without --ingest');
  return opts;
}

/** The load test only ever targets this machine. */
function assertLoopback(url: string): URL {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:') throw new Error(`--url must be http:// on loopback, not ${parsed.protocol}`);
  if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(parsed.hostname)) throw new Error(`--url must be on loopback (127.0.0.1, localhost, ::1), not ${parsed.hostname}`);
  return parsed;
}

/** Busy share of all CPUs from /proc/stat between two readings. */
function cpuTimes(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((s, v) => s + v, 0);
    const idle = fields[3]! + fields[4]!;
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** The process listening on a loopback TCP port (from /proc/net/tcp and the processes' sockets), or null. */
function listeningPid(port: number): number | null {
  try {
    const inodes = new Set<string>();
    for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
      for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
        const cols = line.trim().split(/\s+/);
        if (cols.length > 9 && cols[3] === '0A' && parseInt(cols[1]!.split(':')[1]!, 16) === port) inodes.add(cols[9]!);
      }
    }
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        for (const fd of readdirSync(`/proc/${entry}/fd`)) {
          const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
          if (match && inodes.has(match[1]!)) return Number(entry);
        }
      } catch {
        // not ours to read
      }
    }
  } catch {
    // no /proc
  }
  return null;
}

function gitCommit(): string {
  try {
    const sha = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return sha + (execSync('git status --porcelain', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() ? ' + uncommitted changes' : '');
  } catch {
    return 'unknown';
  }
}

/** The demo accounts that own channels: the virtual users sign in as them, in turn. */
const ACCOUNTS = DEMO_ACCOUNTS.filter((account) => DEMO_CHANNELS.some((channel) => channel.owner === account.id));

interface Account {
  email: string;
  jar: CookieJar;
  channels: { id: string; subscribers: number }[];
}

type Kind = EndpointFigures['kind'];
interface Sample {
  endpoint: string;
  kind: Kind;
  status: number;
  ms: number;
}

async function main() {
  const opts = options(process.argv.slice(2));
  const startedAt = new Date();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));

  try {
    let origin = assertLoopback(opts.url).origin;
    let serverPid: number | null = null;
    if (opts.serve) {
      // The benchmark's own services and server (bench/lib): PostgreSQL, Redis, a production build.
      const { startServices } = await import('./lib/services');
      const { AppServer, benchAuthSecret, buildIfStale, prepareDatabase } = await import('./lib/app');
      const { freePort } = await import('./lib/proc');
      const services = await startServices(opts.serve);
      stops.push(() => services.stop());
      await prepareDatabase(services.databaseUrl, opts.serve, opts.reseed);
      const port = await freePort(Number(process.env.BENCH_APP_PORT ?? 3400));
      origin = `http://127.0.0.1:${port}`;
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DATABASE_URL: services.databaseUrl,
        REDIS_URL: services.redisUrl,
        BETTER_AUTH_SECRET: process.env.BETTER_AUTH_SECRET ?? benchAuthSecret(),
        BETTER_AUTH_URL: origin,
        JOBS_BACKEND: 'inline',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      };
      for (const key of ['INNGEST_DEV', 'INNGEST_EVENT_KEY', 'INNGEST_BASE_URL', 'BRISK_BENCH']) delete env[key];
      await buildIfStale(env, opts.rebuild);
      const server = new AppServer(port, env, path.resolve('.data/bench/loadtest-server.log'));
      stops.push(async () => {
        await server.stop();
        server.close();
      });
      log('server', `started on ${origin} in ${(await server.start()).toFixed(1)} s`);
      serverPid = server.pid;
    } else {
      serverPid = listeningPid(Number(new URL(origin).port || 80));
    }
    const headers = BROWSER_HEADERS;

    // ---- Sign-in: each account once (Better Auth allows 3 sign-ins per 10 s from one address:
    // waited out), timed as an endpoint of its own.
    const samples: Sample[] = [];
    const accountsUsed = ACCOUNTS.slice(0, Math.max(1, Math.min(ACCOUNTS.length, opts.users)));
    const accounts: Account[] = [];
    for (const account of accountsUsed) {
      const started = performance.now();
      const jar = await signIn(origin, account.email, DEMO_PASSWORD);
      samples.push({ endpoint: 'POST /api/auth/sign-in/email', kind: 'auth', status: 200, ms: performance.now() - started });
      await refreshSession(origin, jar);
      const dashboard = (await (await fetch(`${origin}/api/v1/channels?period=7`, { headers: { cookie: jar.header() } })).json()) as ChannelDashboard;
      accounts.push({ email: account.email, jar, channels: dashboard.list.channels.map((c) => ({ id: c.id, subscribers: c.subscribers })) });
    }
    log('users', `${accounts.length} accounts signed in: ${accounts.map((a) => `${a.email} (${a.channels.length} channels)`).join(', ')}`);
    let admin: CookieJar | null = null;
    try {
      admin = await signIn(origin, 'admin@brisk.test', DEMO_PASSWORD);
    } catch (error) {
      log('metrics', `no admin session (${(error as Error).message}): the report has no server-side figures`);
    }
    // Session cookie caches last 5 minutes: renew them while the test runs.
    const renew = setInterval(() => void Promise.all([...accounts.map((a) => refreshSession(origin, a.jar)), ...(admin ? [refreshSession(origin, admin)] : [])]), 4 * 60_000);
    stops.push(async () => clearInterval(renew));

    // ---- The generator's posts: each account's recent top posts.
    const posts: KnownPost[] = [];
    const channels: KnownChannel[] = [];
    if (opts.ingest) {
      for (const account of accounts) {
        for (const channel of account.channels) {
          channels.push({ id: channel.id, subscribers: channel.subscribers });
          const top = (await (await fetch(`${origin}/api/v1/channels/${channel.id}/posts?period=7`, { headers: { cookie: account.jar.header() } })).json()) as TopPosts;
          for (const post of [...top.byViews, ...top.byEngagement]) if (!posts.some((p) => p.id === post.id)) posts.push({ id: post.id, channelId: post.channelId, publishedAt: post.publishedAt, views: post.views });
        }
      }
      log('ingest', `${posts.length} recent posts of ${channels.length} channels to send metrics for`);
    }

    const before = admin ? await opsMetrics(origin, admin.header()) : null;
    const cpuBefore = cpuTimes();
    const serverCpuBefore = serverPid ? treeCpuMs(serverPid) : null;
    const loadStart = Date.now();
    const loadAverageAtStart = os.loadavg().map((l) => Math.round(l * 100) / 100);

    // ---- Virtual users: one autocannon client each, started in turn over the ramp-up.
    const runs: Promise<void>[] = [];
    const perUser = Math.max(1, Math.floor(opts.maxRequests / Math.max(1, opts.users)));
    for (let user = 0; user < opts.users; user++) {
      const account = accounts[user % accounts.length]!;
      const delayMs = Math.round((opts.ramp * 1000 * user) / opts.users);
      const next = random(1000 + user);
      const pick = <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!;
      const period = () => pick([7, 30, 30, 90]);
      const channel = () => pick(account.channels).id;
      const step = (endpoint: string, kind: Kind, pathOf: () => string) => ({
        method: 'GET',
        endpoint,
        kind,
        setupRequest: (request: CannonRequest) => ({ ...request, path: pathOf(), headers: { ...request.headers, cookie: account.jar.header(), accept: kind === 'page' ? 'text/html' : 'application/json' } }),
      });
      const flow = [
        step('/channels', 'page', () => `/channels?period=${period()}`),
        step('/channels/[id]', 'page', () => `/channels/${channel()}?period=${period()}`),
        step('/api/v1/channels', 'api', () => `/api/v1/channels?period=${period()}`),
        step('/api/v1/channels/[id]/posts', 'api', () => `/api/v1/channels/${channel()}/posts?period=${period()}&sort=${pick(['views', 'engagement'])}`),
        step('/channels/plans', 'page', () => '/channels/plans'),
      ];
      runs.push(
        (async () => {
          await sleep(delayMs);
          const remaining = Math.max(1, Math.round(opts.duration - delayMs / 1000));
          await new Promise<void>((resolve, reject) => {
            const instance = autocannon(
              { url: origin, connections: 1, connectionRate: Math.round(opts.rate), duration: remaining, maxConnectionRequests: perUser, timeout: 30, headers, requests: flow },
              (error) => (error ? reject(error) : resolve()),
            );
            instance.on('response', (client: unknown, status: number, _bytes: number, responseTime: number) => {
              const request = (client as { requestIterator: { currentRequest: { endpoint: string; kind: Kind } } }).requestIterator.currentRequest;
              samples.push({ endpoint: request.endpoint, kind: request.kind, status, ms: responseTime });
            });
          });
        })(),
      );
    }

    // ---- The ingestion generator, at its own rate, as the admin's collector (admins may send for any channel).
    const batchIds: string[] = [];
    let snapshotsSent = 0;
    if (opts.ingest) {
      const generator = new IngestGenerator(posts, channels, { snapshotsPerRequest: opts.ingestSize, seed: 2002 });
      const sender = admin ?? accounts[0]!.jar;
      runs.push(
        new Promise<void>((resolve, reject) => {
          const instance = autocannon(
            {
              url: origin,
              connections: 1,
              connectionRate: opts.ingestRate,
              duration: opts.duration,
              maxConnectionRequests: Math.ceil(opts.duration * opts.ingestRate) + 1,
              timeout: 30,
              requests: [
                {
                  method: 'POST',
                  endpoint: '/api/v1/channels/metrics',
                  kind: 'ingest',
                  setupRequest: (request: CannonRequest) => {
                    const batch = generator.batch();
                    snapshotsSent += batch.posts.length + batch.channels.length;
                    return { ...request, path: '/api/v1/channels/metrics', body: JSON.stringify(batch), headers: { ...request.headers, cookie: sender.header(), 'content-type': 'application/json', accept: 'application/json' } };
                  },
                  onResponse: (status: number, body: string) => {
                    if (status === 202) batchIds.push((JSON.parse(body) as { batchId: string }).batchId);
                  },
                },
              ],
            },
            (error) => (error ? reject(error) : resolve()),
          );
          instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
            samples.push({ endpoint: '/api/v1/channels/metrics', kind: 'ingest', status, ms: responseTime });
          });
        }),
      );
    }

    const progress = setInterval(() => log('load', `${samples.length.toLocaleString('en')} responses so far`), 10_000);
    await Promise.all(runs);
    clearInterval(progress);
    const loadSeconds = (Date.now() - loadStart) / 1000;
    const cpuAfter = cpuTimes();
    const serverCpuAfter = serverPid ? treeCpuMs(serverPid) : null;
    log('load', `done: ${samples.length.toLocaleString('en')} responses in ${loadSeconds.toFixed(0)} s`);

    // ---- Server-side figures, and the ingestion batches' fate.
    const serverDelta = admin && before ? await quietDelta(origin, admin.header(), before) : null;
    const after = admin ? await opsMetrics(origin, admin.header()) : null;
    let ingestion: LoadtestReport['ingestion'] = null;
    if (opts.ingest) {
      const sample = batchIds.filter((_, i) => i % Math.max(1, Math.ceil(batchIds.length / 200)) === 0);
      const sender = admin ?? accounts[0]!.jar;
      const waitStarted = Date.now();
      let processed = 0;
      for (;;) {
        const statuses = await Promise.all(
          sample.map(async (id) => ((await (await fetch(`${origin}/api/v1/channels/metrics/${id}`, { headers: { cookie: sender.header() } })).json()) as { status: string }).status),
        );
        processed = statuses.filter((s) => s === 'processed').length;
        if (processed === sample.length || Date.now() - waitStarted > 60_000) break;
        await sleep(2_000);
      }
      const jobRoute = serverDelta?.routes.find((r) => r.route === 'job:channels/ingest-metrics');
      ingestion = {
        requests: samples.filter((s) => s.kind === 'ingest').length,
        accepted: batchIds.length,
        snapshots: snapshotsSent,
        checked: sample.length,
        processed,
        taskSuccessRate: sample.length ? processed / sample.length : null,
        jobRuns: serverDelta ? (jobRoute?.requests ?? 0) : null,
        waitedSeconds: Math.round((Date.now() - waitStarted) / 1000),
      };
      log('ingest', `${ingestion.accepted} batches accepted, ${processed} of ${sample.length} checked applied`);
    }

    // ---- The report.
    const expected = (kind: Kind, status: number) => (kind === 'ingest' ? status === 202 : status >= 200 && status < 300);
    const endpoints: EndpointFigures[] = [];
    for (const endpoint of [...new Set(samples.map((s) => s.endpoint))]) {
      const mine = samples.filter((s) => s.endpoint === endpoint);
      const failed = mine.filter((s) => !expected(s.kind, s.status));
      const statuses: Record<string, number> = {};
      for (const s of failed) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
      const routes = serverDelta?.routes.filter((r) => r.route === endpoint || r.route === `proxy:${endpoint}`) ?? [];
      const main = routes.find((r) => r.route === endpoint);
      const serverRoute = after?.routes.find((r) => r.route === endpoint);
      endpoints.push({
        endpoint,
        kind: mine[0]!.kind,
        requests: mine.length,
        errors: failed.length,
        statuses,
        throughput: mine.length / loadSeconds,
        latency: latencyOf(mine.map((s) => s.ms)),
        server: main ? { requests: main.requests, statementsPerRequest: routes.reduce((sum, r) => sum + r.statements, 0) / main.requests, p95: serverRoute?.p95 ?? Number.NaN } : null,
      });
    }
    const browsing = samples.filter((s) => s.kind !== 'auth');
    const errors = browsing.filter((s) => !expected(s.kind, s.status)).length;
    const byKind = after
      ? after.cache
          .filter((c) => c.namespace.startsWith('channels.') || c.namespace.startsWith('auth.') || c.namespace.startsWith('render.'))
          .map((c) => {
            const was = before?.cache.find((b) => b.namespace === c.namespace);
            const hits = c.hits + c.stale - (was ? was.hits + was.stale : 0);
            const misses = c.misses - (was?.misses ?? 0);
            return { namespace: c.namespace, hits, misses, hitRate: hits + misses ? hits / (hits + misses) : null };
          })
      : [];
    const cacheTotals = serverDelta;
    const served = cacheTotals ? cacheTotals.cache.hits + cacheTotals.cache.stale : 0;
    const reads = cacheTotals ? served + cacheTotals.cache.misses : 0;
    const serverRequests = serverDelta ? serverDelta.routes.filter((r) => !r.route.startsWith('job:') && !r.route.startsWith('job-runner')).reduce((sum, r) => sum + r.requests, 0) : browsing.length;
    const base: Omit<LoadtestReport, 'recommendations' | 'targets'> = {
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round(loadSeconds),
      target: origin,
      label: opts.label ?? (opts.serve ? `${opts.serve} scale` : 'running server') + (opts.ingest ? ', with ingestion' : ''),
      options: { ...opts },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((l) => Math.round(l * 100) / 100) },
      commit: gitCommit(),
      users: { virtual: opts.users, accounts: accounts.map((a) => a.email), rampSeconds: opts.ramp, thinkSeconds: 1 / opts.rate },
      overall: { requests: browsing.length, errors, errorRate: browsing.length ? errors / browsing.length : 0, throughput: browsing.length / loadSeconds, latency: latencyOf(browsing.map((s) => s.ms)) },
      endpoints: endpoints.sort((a, b) => a.kind.localeCompare(b.kind) || a.endpoint.localeCompare(b.endpoint)),
      ingestion,
      cache: cacheTotals ? { hits: served, misses: cacheTotals.cache.misses, hitRate: reads ? served / reads : null, byKind } : null,
      cpu: {
        machineBusy: cpuBefore && cpuAfter && cpuAfter.total > cpuBefore.total ? (cpuAfter.busy - cpuBefore.busy) / (cpuAfter.total - cpuBefore.total) : null,
        serverMsPerRequest: serverCpuBefore !== null && serverCpuAfter !== null && serverRequests > 0 ? (serverCpuAfter - serverCpuBefore) / serverRequests : null,
        serverPid,
      },
    };
    const report: LoadtestReport = { ...base, targets: checkTargets(base), recommendations: recommend(base) };
    const stamp = startedAt.toISOString().replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
    mkdirSync('bench/results', { recursive: true });
    const file = path.join('bench/results', `${stamp}-loadtest-${(opts.serve ?? 'server') + (opts.ingest ? '-ingest' : '')}`);
    writeFileSync(`${file}.json`, `${JSON.stringify(report, null, 2)}\n`);
    const markdown = markdownReport(report);
    writeFileSync(`${file}.md`, markdown);
    console.log(`\n${markdown}`);
    log('loadtest', `report: ${file}.json and ${file}.md`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
