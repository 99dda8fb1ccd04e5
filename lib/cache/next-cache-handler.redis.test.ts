// Two handlers (as two instances would hold) on one real redis-server. Needs /usr/bin/redis-server:
// part of the `services` Vitest project, not of `npm test`.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEntry } from 'next/cache';
import { startRedis, type RedisServer } from '@/test/fixtures/next-cache/processes';
import { createNextCacheHandler, KEY_PREFIX, type NextCacheHandler, type NextCacheHandlerOptions } from './next-cache-handler.mjs';

const require = createRequire(import.meta.url);
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js') as {
  tagsManifest: Map<string, { stale?: number; expired?: number }>;
};

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clock = () => performance.timeOrigin + performance.now();

function entry(text: string, overrides: Partial<CacheEntry> = {}): CacheEntry {
  return {
    value: new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode(text));
        controller.close();
      },
    }),
    tags: ['t'],
    stale: 300,
    timestamp: clock(),
    revalidate: 900,
    expire: 3600,
    ...overrides,
  };
}

const text = async (found: CacheEntry | undefined) => (found ? new Response(found.value).text() : undefined);

async function eventually(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true after ${timeoutMs} ms`);
    await sleep(20);
  }
}

let redis: RedisServer;
const inspector = () => new Redis(redis.url).on('error', () => {});
let inspect: Redis;
let counter = 0;
const handlers: NextCacheHandler[] = [];

/** Two instances: separate handlers, each with its own connections, sharing one key prefix. */
async function pair(options: NextCacheHandlerOptions = {}) {
  const keyPrefix = `${KEY_PREFIX}test${++counter}:`;
  const make = () => {
    const handler = createNextCacheHandler({ redisUrl: redis.url, keyPrefix, tagPollMs: 0, subscribe: false, ...options });
    handlers.push(handler);
    return handler;
  };
  const [a, b] = [make(), make()];
  // Let both connect (the first calls would otherwise wait for it briefly).
  await Promise.all([a.refreshTags(), b.refreshTags()]);
  return { a, b, keyPrefix };
}

beforeAll(async () => {
  redis = await startRedis();
  inspect = inspector();
});

afterEach(async () => {
  await Promise.all(handlers.splice(0).map((handler) => handler.close()));
});

afterAll(async () => {
  inspect?.disconnect();
  await redis?.stop();
});

describe('next-cache-handler on Redis', () => {
  it('shares entries between instances, with their metadata and a TTL from expire', async () => {
    const { a, b, keyPrefix } = await pair();
    const stored = entry('shared bytes', { tags: ['x', 'y'], expire: 120 });
    await a.set('key', Promise.resolve(stored));
    const found = await b.get('key', []);
    expect(found).toMatchObject({ tags: ['x', 'y'], stale: 300, revalidate: 900, expire: 120, timestamp: stored.timestamp });
    expect(await text(found)).toBe('shared bytes');
    // A second hit gets a stream of its own.
    expect(await text(await b.get('key', []))).toBe('shared bytes');

    const [key] = await inspect.keys(`${keyPrefix}entry:*`);
    const ttl = await inspect.pttl(key!);
    expect(ttl).toBeGreaterThan(110_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it("sees an invalidation made on the other instance on its next request (after refreshTags)", async () => {
    const { a, b } = await pair();
    await a.set('key', Promise.resolve(entry('v1', { tags: ['fixture'] })));
    expect(await text(await b.get('key', []))).toBe('v1');
    await sleep(2);
    await a.updateTags(['fixture']);
    expect(await a.get('key', [])).toBeUndefined(); // read-your-writes on A
    await b.refreshTags(); // what Next calls before B's next cache read
    expect(await b.get('key', [])).toBeUndefined();
    // An entry rendered after the invalidation is served again.
    await b.set('key', Promise.resolve(entry('v2', { tags: ['fixture'] })));
    expect(await text(await a.get('key', []))).toBe('v2');
  });

  it('serves a stale entry once more for revalidateTag(tag, profile) and expires it later', async () => {
    const { a, b } = await pair();
    await a.set('key', Promise.resolve(entry('old', { tags: ['s'] })));
    await sleep(2);
    await a.updateTags(['s'], { expire: 3600 });
    await b.refreshTags();
    const stale = await b.get('key', []);
    expect(stale?.revalidate).toBe(-1);
    expect(await text(stale)).toBe('old');
    // Expiry is in an hour: not yet for getExpiration either.
    expect(await b.getExpiration(['s'])).toBe(0);
  });

  it('lets the last invalidation win: updateTag after revalidateTag(tag, max) expires at once', async () => {
    const { a, b } = await pair();
    await a.set('key', Promise.resolve(entry('v', { tags: ['lww'] })));
    await sleep(2);
    await b.updateTags(['lww'], { expire: 31_536_000 });
    await sleep(2);
    await a.updateTags(['lww']);
    await b.refreshTags();
    expect(await b.get('key', [])).toBeUndefined();
    expect(await b.getExpiration(['lww'])).toBeGreaterThan(0);
  });

  it('checks soft tags (revalidatePath) through getExpiration and get', async () => {
    const { a, b } = await pair();
    await a.set('key', Promise.resolve(entry('page', { tags: [] })));
    await sleep(2);
    await a.updateTags(['_N_T_/wishlists']);
    await b.refreshTags();
    expect(await b.getExpiration(['_N_T_/layout', '_N_T_/wishlists'])).toBeGreaterThan(0);
    expect(await b.get('key', ['_N_T_/layout', '_N_T_/wishlists'])).toBeUndefined();
    expect(await text(await b.get('key', ['_N_T_/layout']))).toBe('page');
  });

  it('learns of invalidations by subscription and copies them into Next’s tags manifest', async () => {
    const { a } = await pair();
    const b = createNextCacheHandler({ redisUrl: redis.url, keyPrefix: `${KEY_PREFIX}test${counter}:`, tagPollMs: 0 });
    handlers.push(b);
    await b.refreshTags();
    await sleep(100); // the subscription is made once connected
    const before = clock();
    await a.updateTags(['pushed']);
    // No refreshTags on B: the message does it (pages served from the ISR cache never call it).
    await eventually(async () => (tagsManifest.get('pushed')?.expired ?? 0) >= before, 1_000);
    expect(await b.getExpiration(['pushed'])).toBeGreaterThanOrEqual(before);
  });

  it('polls when there is no subscription', async () => {
    const { a } = await pair();
    const b = createNextCacheHandler({ redisUrl: redis.url, keyPrefix: `${KEY_PREFIX}test${counter}:`, tagPollMs: 100, subscribe: false });
    handlers.push(b);
    await b.refreshTags();
    await a.updateTags(['polled']);
    await eventually(async () => (await b.getExpiration(['polled'])) > 0, 1_000);
  });

  it('loads many tags page by page on start, then only what changed', async () => {
    const { a, keyPrefix } = await pair();
    const tags = Array.from({ length: 2_500 }, (_, i) => `record:${i}`);
    for (let i = 0; i < tags.length; i += 500) await a.updateTags(tags.slice(i, i + 500));
    const c = createNextCacheHandler({ redisUrl: redis.url, keyPrefix, tagPollMs: 0, subscribe: false });
    handlers.push(c);
    await c.refreshTags();
    for (const tag of ['record:0', 'record:999', 'record:1000', 'record:2499']) {
      expect(await c.getExpiration([tag])).toBeGreaterThan(0);
    }
    await a.updateTags(['record:late']);
    await c.refreshTags();
    expect(await c.getExpiration(['record:late'])).toBeGreaterThan(0);
    expect(await inspect.zcard(`${keyPrefix}tags:changes`)).toBe(2_501);
  });

  it('forgets tags older than the retention', async () => {
    const { a, keyPrefix } = await pair();
    await a.updateTags(['old-tag']);
    await sleep(60);
    const c = createNextCacheHandler({ redisUrl: redis.url, keyPrefix, tagPollMs: 0, subscribe: false, tagRetentionMs: 50 });
    handlers.push(c);
    await c.refreshTags();
    await eventually(async () => (await inspect.hexists(`${keyPrefix}tags:expired`, 'old-tag')) === 0, 1_000);
    expect(await inspect.zcard(`${keyPrefix}tags:changes`)).toBe(0);
    expect(await c.getExpiration(['old-tag'])).toBe(0);
  });

  it('treats a hung Redis as a miss within the timeout, and a killed one at once', async () => {
    const { a, b } = await pair();
    await a.set('key', Promise.resolve(entry('v')));

    redis.pause();
    try {
      const started = performance.now();
      expect(await b.get('key', [])).toBeUndefined();
      await b.refreshTags();
      await b.set('other', Promise.resolve(entry('w')));
      await a.updateTags(['during-hang']);
      expect(performance.now() - started).toBeLessThan(4 * 200);
      expect(await a.getExpiration(['during-hang'])).toBeGreaterThan(0);
    } finally {
      redis.resume();
    }

    await redis.kill();
    try {
      await sleep(50);
      const started = performance.now();
      for (let i = 0; i < 10; i++) expect(await b.get('key', [])).toBeUndefined();
      await b.refreshTags();
      expect(performance.now() - started).toBeLessThan(50);
    } finally {
      await redis.restart();
      inspect.disconnect();
      inspect = inspector();
    }
  });

  it('sends a hung Redis nothing for a while after a call times out, and shares what it kept once Redis answers', async () => {
    const { a, b, keyPrefix } = await pair();
    const entryKey = (cacheKey: string) => `${keyPrefix}entry:${createHash('sha256').update(cacheKey).digest('base64url')}`;
    redis.pause();
    try {
      // The first call times out; what follows is not sent at all.
      expect(await b.get('first', [])).toBeUndefined();
      await b.set('during-hang', Promise.resolve(entry('w')));
      await b.updateTags(['hung-tag']);
      expect(await b.getExpiration(['hung-tag'])).toBeGreaterThan(0);
    } finally {
      redis.resume();
    }
    // A write sent to the hung server would have waited in the connection and landed on resume.
    expect(await inspect.ping()).toBe('PONG');
    expect(await inspect.exists(entryKey('during-hang'))).toBe(0);
    // After the pause B uses Redis again and writes the invalidation it kept: A learns of it.
    await eventually(async () => {
      await b.refreshTags();
      await a.refreshTags();
      return (await a.getExpiration(['hung-tag'])) > 0;
    }, 5_000);
    await b.set('after', Promise.resolve(entry('x')));
    expect(await text(await a.get('after', []))).toBe('x');
  });

  it('shares an invalidation made while Redis was down once it is back', async () => {
    const { a, b } = await pair();
    await redis.kill();
    try {
      await sleep(50);
      await a.updateTags(['while-down']);
      expect(await a.getExpiration(['while-down'])).toBeGreaterThan(0);
    } finally {
      await redis.restart();
      inspect.disconnect();
      inspect = inspector();
    }
    // ioredis reconnects within its retry delay (≤ 2 s), then A writes what it kept.
    await eventually(async () => {
      await b.refreshTags();
      return (await b.getExpiration(['while-down'])) > 0;
    }, 5_000);
  });
});
