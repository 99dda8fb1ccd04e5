import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { expect, vi } from 'vitest';
import { freePort } from '@/test/database';

/** A redis-server of a test's own on a free loopback port, which the test may hang (SIGSTOP) or kill. Needs the redis-server binary. */
export interface TestRedisServer {
  url: string;
  process: ChildProcess;
  hang(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** Starts redis-server on this loopback port (no persistence) and waits until it answers. */
export async function spawnRedisServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const probe = new Redis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  probe.on('error', () => {});
  await vi.waitFor(
    async () => {
      if (probe.status !== 'ready') await probe.connect().catch(() => {});
      expect(await probe.ping()).toBe('PONG');
    },
    { timeout: 5_000, interval: 50 },
  );
  probe.disconnect();
  return child;
}

export async function startTestRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const child = await spawnRedisServer(port);
  return {
    url: `redis://127.0.0.1:${port}`,
    process: child,
    hang: () => process.kill(child.pid!, 'SIGSTOP'),
    resume: () => process.kill(child.pid!, 'SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(child.pid!, 'SIGCONT');
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
