import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { log } from './log';
import { freePort, run, runOrThrow, sleep } from './proc';

/*
 * The PostgreSQL server and Redis the benchmark runs against: those named by DATABASE_URL and
 * REDIS_URL, or a PostgreSQL cluster and a redis-server started here on free loopback ports
 * from the Debian packages (postgresql, redis-server), and stopped at the end.
 *
 * The cluster's data folder is kept between runs (.data/bench/postgres), one database per scale,
 * so that the large seed (about a million rows per module) is paid once.
 */

export interface Services {
  databaseUrl: string;
  redisUrl: string;
  /** Whether Redis is ours (may be flushed) or the caller's (only Brisk's keys are deleted). */
  ownRedis: boolean;
  description: { postgres: string; redis: string };
  /** Pid files of the servers started here (for their CPU time), null for the caller's. */
  pidFiles: { postgres: string | null; redis: string | null };
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: run them as the postgres user. */
function asPostgres(command: string, args: string[]) {
  return asRoot ? runOrThrow('runuser', ['-u', 'postgres', '--', command, ...args]) : runOrThrow(command, args);
}

function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  return versions.length ? path.join(root, versions.at(-1)!, 'bin') : null;
}

/** A folder the postgres user can reach: under .data/bench when it can traverse the repository, else in /tmp. */
async function clusterFolder(): Promise<string> {
  const preferred = path.resolve('.data/bench/postgres');
  mkdirSync(preferred, { recursive: true });
  if (!asRoot) return preferred;
  const reachable = await run('runuser', ['-u', 'postgres', '--', 'test', '-x', path.dirname(preferred)]);
  if (reachable.code === 0) return preferred;
  const fallback = path.join(os.tmpdir(), 'brisk-bench-postgres');
  mkdirSync(fallback, { recursive: true });
  return fallback;
}

async function startPostgres(): Promise<{ url: string; version: string; pidFile: string; stop: () => Promise<void> }> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('DATABASE_URL is not set and PostgreSQL is not installed: apt-get install postgresql (or set DATABASE_URL)');
  const folder = await clusterFolder();
  const data = path.join(folder, 'data');
  const socket = path.join(folder, 'socket');
  mkdirSync(socket, { recursive: true });
  if (asRoot) await runOrThrow('chown', ['-R', 'postgres:postgres', folder]);
  // A cluster left running by an interrupted run is stopped first (its port may be taken since).
  if (existsSync(path.join(data, 'postmaster.pid'))) {
    await run(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), [...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []), '-D', data, '-m', 'fast', '-w', 'stop']);
  }
  if (!existsSync(path.join(data, 'PG_VERSION'))) {
    log('services', `initdb ${data}`);
    rmSync(data, { recursive: true, force: true });
    await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  }
  const port = await freePort(Number(process.env.BENCH_POSTGRES_PORT ?? 55460));
  // Loopback only, trust auth on a throwaway cluster. Durability is off (fsync, synchronous
  // commit, full-page writes): it speeds up the seed and changes nothing for the reads measured.
  const settings = [
    `-c listen_addresses=127.0.0.1 -p ${port} -k ${socket}`,
    '-c shared_buffers=512MB -c effective_cache_size=4GB -c max_connections=100',
    '-c fsync=off -c synchronous_commit=off -c full_page_writes=off',
  ].join(' ');
  await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(folder, 'postgres.log'), '-w', '-t', '60', '-o', settings, 'start']);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const version = (await runOrThrow(path.join(bin, 'postgres'), ['--version'])).stdout.trim();
  log('services', `PostgreSQL on 127.0.0.1:${port} (${version}; data in ${data})`);
  return {
    url,
    version,
    pidFile: path.join(data, 'postmaster.pid'),
    stop: async () => {
      await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']).catch((error: Error) => log('services', `could not stop PostgreSQL: ${error.message}`));
    },
  };
}

async function startRedis(): Promise<{ url: string; pidFile: string; stop: () => Promise<void> }> {
  const server = '/usr/bin/redis-server';
  if (!existsSync(server)) throw new Error('REDIS_URL is not set and redis-server is not installed: apt-get install redis-server (or set REDIS_URL)');
  const folder = path.resolve('.data/bench/redis');
  mkdirSync(folder, { recursive: true });
  const port = await freePort(Number(process.env.BENCH_REDIS_PORT ?? 56460));
  const pidfile = path.join(folder, 'redis.pid');
  await runOrThrow(server, ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'yes', '--dir', folder, '--pidfile', pidfile, '--logfile', path.join(folder, 'redis.log')]);
  const url = `redis://127.0.0.1:${port}`;
  // --daemonize returns before the server listens: wait for its PONG.
  for (let attempt = 0; ; attempt++) {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on('error', () => {});
    try {
      await redis.connect();
      await redis.ping();
      break;
    } catch (error) {
      if (attempt > 50) {
        await stop();
        throw error;
      }
      await sleep(100);
    } finally {
      redis.disconnect();
    }
  }
  log('services', `redis-server on 127.0.0.1:${port}`);
  return { url, pidFile: pidfile, stop };

  async function stop() {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.call('SHUTDOWN', 'NOSAVE').catch(() => {});
    } catch {
      if (existsSync(pidfile)) process.kill(Number(readFileSync(pidfile, 'utf8').trim()), 'SIGTERM');
    } finally {
      client.disconnect();
    }
  }
}

/** The database of one scale on a cluster: created when missing. */
async function databaseFor(serverUrl: string, scale: string): Promise<string> {
  const name = `brisk_bench_${scale}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function startServices(scale: string): Promise<Services> {
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn();
    stops.length = 0;
  };
  try {
    const pidFiles: Services['pidFiles'] = { postgres: null, redis: null };
    let databaseUrl = process.env.DATABASE_URL;
    let postgres = 'DATABASE_URL';
    if (!databaseUrl) {
      const started = await startPostgres();
      stops.push(started.stop);
      pidFiles.postgres = started.pidFile;
      databaseUrl = await databaseFor(started.url, scale);
      postgres = `own cluster (${started.version}), database brisk_bench_${scale}`;
    }
    let redisUrl = process.env.REDIS_URL;
    const ownRedis = !redisUrl;
    if (!redisUrl) {
      const started = await startRedis();
      stops.push(started.stop);
      pidFiles.redis = started.pidFile;
      redisUrl = started.url;
    }
    return { databaseUrl, redisUrl, ownRedis, description: { postgres, redis: ownRedis ? 'own redis-server' : 'REDIS_URL' }, pidFiles, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Empties the data cache's Redis layer (and the metrics kept there): FLUSHALL on our own Redis,
 * only Brisk's keys on the caller's.
 */
export async function flushRedis(url: string, own: boolean): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    if (own) {
      await redis.flushall();
      return;
    }
    for (const pattern of ['brisk:cache*', 'brisk:next-cache*', 'brisk:metrics*']) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

export async function redisVersion(url: string): Promise<string> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    return /redis_version:(\S+)/.exec(await redis.info('server'))?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}
