import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { log } from '@/bench/lib/log';
import { portIsFree, run, runOrThrow, sleep } from '@/bench/lib/proc';

/*
 * The servers the reliability suite breaks on purpose: a throwaway PostgreSQL cluster, a
 * redis-server and HAProxy, each started here on its own loopback port and stopped at the end.
 * Every process is tracked by its pid (or pid file): the suite never signals anything it did
 * not start.
 */

const asRoot = process.getuid?.() === 0;

function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (!versions.length) throw new Error('PostgreSQL is not installed: apt-get install postgresql');
  return path.join(root, versions.sort((a, b) => Number(a) - Number(b)).at(-1)!, 'bin');
}

function asPostgres(command: string, args: string[]) {
  return asRoot ? runOrThrow('runuser', ['-u', 'postgres', '--', command, ...args]) : runOrThrow(command, args);
}

async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

async function assertFree(port: number, what: string) {
  if (!(await portIsFree(port))) throw new Error(`${what}: port ${port} is taken (a leftover run?)`);
}

/** A scratch folder for the run's servers (reachable by the postgres user). */
export function scratchFolder(): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'brisk-reliability-'));
  return folder;
}

export class Postgres {
  private readonly bin = postgresBinDir();
  private readonly data: string;
  private readonly socket: string;
  private readonly logFile: string;
  readonly url: string;

  constructor(
    folder: string,
    readonly port: number,
  ) {
    const root = path.join(folder, 'postgres');
    this.data = path.join(root, 'data');
    this.socket = path.join(root, 'socket');
    this.logFile = path.join(root, 'postgres.log');
    this.url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  }

  async init(): Promise<void> {
    await assertFree(this.port, 'PostgreSQL');
    const root = path.dirname(this.data);
    mkdirSync(this.socket, { recursive: true });
    if (asRoot) {
      await runOrThrow('chmod', ['755', path.dirname(root)]);
      await runOrThrow('chown', ['-R', 'postgres:postgres', root]);
    }
    await asPostgres(path.join(this.bin, 'initdb'), ['-D', this.data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    await this.start();
  }

  /** Starts the cluster; resolves when it accepts connections (the milliseconds it took). */
  async start(): Promise<number> {
    const started = Date.now();
    // Durability stays ON (fsync, synchronous commit): the write loop checks that every
    // acknowledged row survives a restart.
    const settings = `-c listen_addresses=127.0.0.1 -p ${this.port} -k ${this.socket} -c max_connections=200 -c shared_buffers=128MB`;
    await asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-l', this.logFile, '-w', '-t', '60', '-o', settings, 'start']);
    await waitFor('PostgreSQL accepting connections', () => this.ping(), 30_000);
    return Date.now() - started;
  }

  /** A fast shutdown (open transactions rolled back, as a restart or failover does). */
  async stop(): Promise<void> {
    await asPostgres(path.join(this.bin, 'pg_ctl'), ['-D', this.data, '-m', 'fast', '-w', '-t', '30', 'stop']);
  }

  async ping(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  async query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  async shutdown(): Promise<void> {
    if (existsSync(path.join(this.data, 'postmaster.pid'))) await this.stop().catch((error: Error) => log('services', `could not stop PostgreSQL: ${error.message}`));
  }
}

/** A redis-server in the foreground, as our child: killed, hung (SIGSTOP) and restarted by pid. */
export class RedisServer {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(
    private readonly folder: string,
    readonly port: number,
  ) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  async start(): Promise<number> {
    const started = Date.now();
    await assertFree(this.port, 'redis-server');
    const dir = path.join(this.folder, 'redis');
    mkdirSync(dir, { recursive: true });
    const child = spawn('/usr/bin/redis-server', ['--bind', '127.0.0.1', '--port', String(this.port), '--save', '', '--appendonly', 'no', '--dir', dir, '--logfile', path.join(dir, 'redis.log')], { stdio: 'ignore' });
    this.child = child;
    await waitFor('redis-server answering', () => this.ping(), 10_000);
    return Date.now() - started;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  /** SIGKILL: the server is gone at once, every connection reset. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGSTOP: connections stay open, nothing answers (a hung server). */
  hang(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async ping(): Promise<boolean> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500, commandTimeout: 500 });
    redis.on('error', () => {});
    try {
      await redis.connect();
      return (await redis.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      redis.disconnect();
    }
  }

  /** The number of keys matching a pattern (SCAN), or null while the server does not answer. */
  async count(pattern: string): Promise<number | null> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 500, commandTimeout: 1_000 });
    redis.on('error', () => {});
    try {
      await redis.connect();
      let cursor = '0';
      let n = 0;
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        n += keys.length;
        cursor = next;
      } while (cursor !== '0');
      return n;
    } catch {
      return null;
    } finally {
      redis.disconnect();
    }
  }

  async flushAll(): Promise<void> {
    const redis = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_000, commandTimeout: 2_000 });
    redis.on('error', () => {});
    try {
      await redis.connect();
      await redis.flushall();
    } finally {
      redis.disconnect();
    }
  }

  async shutdown(): Promise<void> {
    this.resume();
    await this.kill();
  }
}

/**
 * HAProxy in front of the app instances: round robin, health checks every second, and
 * `retry-on` so that a GET whose server died (refused, reset, empty answer) is sent again to
 * another instance.
 */
export class LoadBalancer {
  private child: ChildProcess | undefined;
  readonly origin: string;

  constructor(
    private readonly folder: string,
    readonly port: number,
    private readonly backends: readonly number[],
    private readonly logPath: string,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
  }

  config(): string {
    return [
      'global',
      '  maxconn 2000',
      '  log stderr format short local0 info',
      'defaults',
      '  mode http',
      '  log global',
      '  timeout connect 2s',
      '  timeout client 60s',
      '  timeout server 60s',
      '  timeout http-keep-alive 60s',
      '  option http-keep-alive',
      '  # A request whose server failed is sent again, to another server (redispatch).',
      '  retries 3',
      '  option redispatch 1',
      '  retry-on all-retryable-errors',
      '  option http-buffer-request',
      `frontend brisk`,
      `  bind 127.0.0.1:${this.port}`,
      '  default_backend app',
      'backend app',
      '  balance roundrobin',
      '  option httpchk',
      '  http-check send meth GET uri /sign-in ver HTTP/1.1 hdr host 127.0.0.1',
      '  http-check expect status 200',
      // A slow answer under load is not a dead server (3 checks of up to 3 s); a refused or reset
      // connection marks it down at once, and the request goes to another server.
      '  timeout check 3s',
      '  default-server inter 1s fall 3 rise 2 observe layer4 error-limit 1 on-error mark-down',
      ...this.backends.map((port, index) => `  server app${index + 1} 127.0.0.1:${port} check`),
      '',
    ].join('\n');
  }

  async start(): Promise<void> {
    await assertFree(this.port, 'HAProxy');
    const file = path.join(this.folder, 'haproxy.cfg');
    writeFileSync(file, this.config());
    const check = await run('haproxy', ['-c', '-f', file]);
    if (check.code !== 0) throw new Error(`haproxy config: ${check.stderr || check.stdout}`);
    this.child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let output = '';
    const logFile = createWriteStream(path.resolve(this.logPath));
    this.child.stderr!.on('data', (chunk: Buffer) => {
      logFile.write(chunk);
      output = (output + chunk.toString()).slice(-4000);
    });
    await waitFor('HAProxy answering', async () => {
      if (this.child?.exitCode !== null) throw new Error(`haproxy exited: ${output}`);
      const response = await fetch(`${this.origin}/sign-in`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      return response.ok;
    }, 20_000);
  }

  async shutdown(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

export function haproxyAvailable(): boolean {
  return ['/usr/sbin/haproxy', '/usr/bin/haproxy'].some((file) => existsSync(file));
}

export function removeFolder(folder: string) {
  rmSync(folder, { recursive: true, force: true });
}
