import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { log } from './log';
import { serverEntry, serverProcess } from '@/scripts/lib/server-process';
import { runOrThrow, sleep } from './proc';

export const BENCH_DIST_DIR = process.env.BRISK_DIST_DIR ?? '.next-bench';
const TSX_BIN = path.resolve('node_modules/tsx/dist/cli.mjs');

/** A secret for the bench server's sessions, kept so that sign-ins survive restarts. */
export function benchAuthSecret(): string {
  const file = path.resolve('.data/bench/auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

const SEED_SIZE = { demo: { minUsers: 1, maxUsers: 1_000 }, large: { minUsers: 200_000, maxUsers: Infinity } } as const;

async function userCount(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
    return rows[0]!.n;
  } catch {
    return 0;
  } finally {
    await client.end();
  }
}

/**
 * Migrates and seeds the database at this scale. The demo seed is quick and idempotent and runs
 * every time (it also moves the demo events relative to today); the large one runs only when
 * the database does not hold it yet, or with --reseed.
 */
export async function prepareDatabase(databaseUrl: string, scale: 'demo' | 'large', reseed: boolean): Promise<{ seeded: boolean; seconds: number; users: number }> {
  const started = Date.now();
  const childEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' };
  const before = await userCount(databaseUrl);
  if (scale === 'demo' && before > SEED_SIZE.demo.maxUsers) {
    throw new Error(`this database holds ${before} users: it is seeded at large scale; use another database (or the bench's own cluster) for --scale demo`);
  }
  const skip = scale === 'large' && before >= SEED_SIZE.large.minUsers && !reseed;
  if (skip) {
    log('seed', `the database already holds the large seed (${before} users): not seeding again (--reseed to force)`);
    await runOrThrow(process.execPath, [TSX_BIN, 'scripts/db.ts', 'migrate'], { env: childEnv, onLine: (line) => log('migrate', line) });
  } else {
    log('seed', `seeding at ${scale} scale (npm run db:seed -- --scale ${scale})`);
    // The seed ends with ANALYZE: the planner knows the new sizes, as in production.
    await runOrThrow(process.execPath, [TSX_BIN, 'scripts/db.ts', 'seed', '--scale', scale], { env: childEnv, onLine: (line) => log('seed', line) });
  }
  return { seeded: !skip, seconds: (Date.now() - started) / 1000, users: await userCount(databaseUrl) };
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

const BUILD_SOURCES = ['app', 'components', 'lib', 'inngest', 'public', 'proxy.ts', 'instrumentation.ts', 'modules.ts', 'scripts/serve.ts', 'scripts/lib', 'next.config.mjs', 'postcss.config.mjs', 'tsconfig.json', 'package-lock.json'];

export function buildIsStale(distDir = BENCH_DIST_DIR): boolean {
  const buildId = path.join(distDir, 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(serverEntry(distDir))) return true;
  const built = statSync(buildId).mtimeMs;
  return BUILD_SOURCES.some((source) => newestMtime(source) > built);
}

/** The build (scripts/build.ts) into the bench's own folder, when it is missing or older than the sources. */
export async function buildIfStale(env: NodeJS.ProcessEnv, force = false): Promise<{ built: boolean; seconds: number }> {
  const started = Date.now();
  if (!force && !buildIsStale()) {
    log('build', `${BENCH_DIST_DIR} is up to date`);
    return { built: false, seconds: 0 };
  }
  log('build', `next build into ${BENCH_DIST_DIR} (about 2–4 minutes here)`);
  await runOrThrow(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], {
    env: { ...env, BRISK_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: '1' },
    onLine: (line) => {
      if (/Compiled|Generating|Finalizing|Collecting|precompressed|error|warn|✓/i.test(line)) log('build', line.trim());
    },
  });
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

/** The production server of the benchmark (scripts/serve.ts, compiled by the build: Next behind the render cache), restartable. */
export class AppServer {
  private child: ChildProcess | undefined;
  private logStream: WriteStream;
  readonly origin: string;

  constructor(
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    logFile: string,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    mkdirSync(path.dirname(logFile), { recursive: true });
    this.logStream = createWriteStream(logFile, { flags: 'a' });
  }

  /** Starts the server and waits until it answers; returns the seconds it took. */
  async start(): Promise<number> {
    const started = Date.now();
    this.logStream.write(`\n==== server start ${new Date().toISOString()} ====\n`);
    const server = serverProcess(BENCH_DIST_DIR, { ...this.env, PORT: String(this.port), HOSTNAME: '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' });
    const child = spawn(server.command, server.args, { env: server.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(this.logStream, { end: false });
    child.stderr!.pipe(this.logStream, { end: false });
    this.child = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    for (;;) {
      if (exited) throw new Error(`the server exited at once: see ${this.logStream.path}`);
      try {
        const response = await fetch(`${this.origin}/sign-in`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 60_000) throw new Error(`the server did not answer within 60 s: see ${this.logStream.path}`);
      await sleep(100);
    }
    return (Date.now() - started) / 1000;
  }

  /** The server process (it runs Next in its own process). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<number> {
    await this.stop();
    return this.start();
  }

  close() {
    this.logStream.end();
  }
}
