import { testKinds } from '@/test/cache-kinds';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '@/test/database';
import { spawnRedisServer } from '@/test/redis-server';
import { createCache, type DataCache } from './cache';

/**
 * Two app instances (two caches) sharing a redis-server of this test's own, which it can kill
 * and restart. Needs the redis-server binary.
 */
let port: number;
let redisUrl: string;
let server: ChildProcess | undefined;
let a: DataCache;
let b: DataCache;

async function startRedis() {
  server = await spawnRedisServer(port);
}

async function stopRedis(signal: NodeJS.Signals) {
  const exited = once(server!, 'exit');
  server!.kill(signal);
  await exited;
}

/** Both instances listen on the bus (their subscriber connections are ready). */
async function busReady() {
  const admin = new Redis(redisUrl, { maxRetriesPerRequest: 0 });
  await vi.waitFor(async () => {
    const [, subscribers] = (await admin.pubsub('NUMSUB', 'bentocache.notifications:data')) as [string, number];
    expect(subscribers).toBe(2);
  });
  admin.disconnect();
}

const value = (v: string) => async () => v;
let keys = 0;
const newKey = () => [`k${++keys}`];

/**
 * Waits until B reads from L2 what A wrote: both are connected and neither has its circuit
 * breaker open (a read before a connection is up, or a stalled event loop, opens it a while).
 */
async function sharingThroughL2(timeout: number) {
  await vi.waitFor(
    async () => {
      const key = newKey();
      await a.cached({ kind: testKinds.withGrace, key, factory: value('from a') });
      expect(await b.cached({ kind: testKinds.withGrace, key, factory: value('from b') })).toBe('from a');
    },
    { timeout, interval: 100 },
  );
}

beforeAll(async () => {
  port = await freePort();
  redisUrl = `redis://127.0.0.1:${port}`;
  await startRedis();
  a = createCache({ redisUrl });
  b = createCache({ redisUrl });
  await sharingThroughL2(10_000);
  await busReady(); // bentocache builds its bus on first use
}, 20_000);

afterAll(async () => {
  await Promise.all([a?.disconnect(), b?.disconnect()]);
  if (server?.exitCode === null) await stopRedis('SIGTERM');
});

describe('two instances over Redis', () => {
  it('share values through L2', async () => {
    const key = newKey();
    const fromB = vi.fn(value('from b'));
    expect(await a.cached({ kind: testKinds.withGrace, key, factory: value('from a') })).toBe('from a');
    expect(await b.cached({ kind: testKinds.withGrace, key, factory: fromB })).toBe('from a');
    expect(fromB).not.toHaveBeenCalled();
    expect(a.info()).toEqual({ l1: 'memory', l2: 'redis', l2Ready: true, bus: 'redis' });
    expect((await a.redisKeyspaceStats())?.keyspaceHits).toBeGreaterThan(0);
  });

  it("drop each other's L1 entries on invalidation, through the bus", async () => {
    const key = newKey();
    const read = (cache: DataCache, v: string) => cache.cached({ kind: testKinds.withGrace, key, tags: ['channel:ch_9'], factory: value(v) });
    await read(a, 'v1');
    expect(await read(b, 'v1 again')).toBe('v1'); // now in B's L1 too

    await a.invalidate(['channel:ch_9']);
    // Without the bus, B would keep answering 'v1' from its L1 for the kind's 5 minutes.
    await vi.waitFor(async () => expect(await read(b, 'v2')).toBe('v2'), { timeout: 2_000, interval: 20 });
  });

  it('never fail nor wait for Redis while it hangs or is gone, and use it again once it is back', async () => {
    const warm = newKey();
    await a.cached({ kind: testKinds.withGrace, key: warm, factory: value('warm') });

    const waits: number[] = [];
    const timed = async <T>(operation: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await operation();
      waits.push(performance.now() - started);
      return result;
    };
    const readAll = async () => {
      for (let i = 0; i < 20; i++) {
        expect(await timed(() => a.cached({ kind: testKinds.withGrace, key: warm, factory: value('recomputed') }))).toBe('warm');
        const key = newKey();
        expect(await timed(() => a.cached({ kind: testKinds.withGrace, key, factory: value('fresh') }))).toBe('fresh');
        expect(await timed(() => b.cached({ kind: testKinds.withGrace, key, factory: value('fresh on b') }))).toBe('fresh on b');
      }
      await timed(() => a.invalidate(['channel:nothing']));
      expect(await timed(() => a.redisKeyspaceStats())).toBeNull();
    };

    // Hung: connections stay open and nothing answers (commands time out).
    process.kill(server!.pid!, 'SIGSTOP');
    await readAll();
    process.kill(server!.pid!, 'SIGCONT');
    // Gone: connections refused.
    await stopRedis('SIGKILL');
    await readAll();

    expect(Math.max(...waits)).toBeLessThan(100);

    await startRedis();
    await sharingThroughL2(10_000);
  }, 30_000);
});
