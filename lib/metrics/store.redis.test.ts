import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_UNANSWERED_COMMANDS, createRedis } from '@/lib/redis/client';
import { startTestRedisServer, type TestRedisServer } from '@/test/redis-server';
import { RedisMetricsStore, type RequestSample } from './store';

/** The shared metrics store on the app's own connection options, against a redis-server of this test's own. */
let server: TestRedisServer;
let redis: Redis;
let store: RedisMetricsStore;

const sample = (route: string): RequestSample => ({ route, kind: 'page', durationMs: 12.5, statements: 1, dbMs: 0.5, cacheHits: 0, cacheMisses: 0, at: 0 });
/** One flush's worth of 40 routes, six commands each (a full run of the app records about 65 routes). */
const recordAll = (run: number) => {
  for (let route = 0; route < 40; route++) store.recordRequest(sample(`/hang-${run}-${route}`));
};

beforeAll(async () => {
  server = await startTestRedisServer();
  redis = createRedis(server.url);
  await vi.waitFor(() => expect(redis.status).toBe('ready'), { timeout: 5_000 });
  store = new RedisMetricsStore(redis);
}, 20_000);

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

describe('shared metrics while Redis hangs', () => {
  it('send no flush to a connection that holds earlier ones unanswered, and flush again once Redis answers', async () => {
    store.recordRequest(sample('/before'));
    expect((await store.snapshot()).routes.find((r) => r.route === '/before')?.count).toBe(1);

    server.hang();
    try {
      // 30 flushes of 241 commands each: ioredis would keep all 7,230 until Redis answered.
      for (let run = 0; run < 30; run++) {
        recordAll(run);
        await store.flush();
      }
      expect(redis.commandQueue.length).toBeGreaterThan(0);
      expect(redis.commandQueue.length).toBeLessThanOrEqual(MAX_UNANSWERED_COMMANDS + 241);
    } finally {
      server.resume();
    }
    await vi.waitFor(() => expect(redis.commandQueue.length).toBe(0), { timeout: 5_000 });

    store.recordRequest(sample('/after'));
    const routes = (await store.snapshot()).routes;
    expect(routes.find((r) => r.route === '/after')?.count).toBe(1);
    // What was recorded while the connection was backed up was dropped, as a failed flush is.
    expect(routes.filter((r) => r.route.startsWith('/hang-')).length).toBeLessThanOrEqual(80);
  }, 30_000);
});
