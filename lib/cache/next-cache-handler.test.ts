import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { CacheEntry, CacheHandler } from 'next/cache';
import { redisOptions } from '@/lib/redis/client';
import nextCacheHandler, {
  createLruHandler,
  createNextCacheHandler,
  decodeEntry,
  encodeEntry,
  ENTRY_TTL_CAP_SECONDS,
  entryTtlMs,
  handlerRedisOptions,
  mergeTagStates,
  type NextCacheHandler,
} from './next-cache-handler.mjs';

const encoder = new TextEncoder();

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(encoder.encode(text));
      controller.close();
    },
  });
}

function entry(text: string, overrides: Partial<CacheEntry> = {}): CacheEntry {
  return {
    value: streamOf(text),
    tags: ['t'],
    stale: 300,
    timestamp: performance.timeOrigin + performance.now(),
    revalidate: 900,
    expire: 3600,
    ...overrides,
  };
}

async function text(found: CacheEntry | undefined) {
  return found ? new Response(found.value).text() : undefined;
}

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const open: NextCacheHandler[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((handler) => handler.close()));
});

describe('handlerRedisOptions', () => {
  it('are the options of lib/redis/client.ts (the handler cannot import TypeScript)', () => {
    const { retryStrategy: ours, ...handler } = handlerRedisOptions();
    const { retryStrategy: theirs, ...app } = redisOptions();
    expect(handler).toEqual(app);
    for (const attempt of [1, 2, 5, 20]) expect(ours?.(attempt)).toBe(theirs?.(attempt));
  });
});

describe('entry encoding', () => {
  it('round-trips metadata (infinite numbers included) and bytes', () => {
    const meta = { tags: ['a', 'b'], stale: 30, timestamp: 1_700_000_000_000.5, revalidate: Infinity, expire: 0xfffffffe };
    const bytes = new Uint8Array([0, 1, 2, 255]);
    const decoded = decodeEntry(encodeEntry(meta, bytes));
    expect(decoded?.meta).toEqual(meta);
    expect([...decoded!.value]).toEqual([...bytes]);
  });

  it('rejects what it did not write', () => {
    expect(decodeEntry(Buffer.from('not an entry'))).toBeUndefined();
    const valid = encodeEntry({ tags: [], stale: 1, timestamp: 1, revalidate: 1, expire: 1 }, new Uint8Array());
    expect(decodeEntry(valid.subarray(0, 10))).toBeUndefined();
  });

  it('keeps entries in Redis until their expire, capped', () => {
    expect(entryTtlMs({ timestamp: 1_000, expire: 60 }, 11_000)).toBe(50_000);
    expect(entryTtlMs({ timestamp: 1_000, expire: 60 }, 70_000)).toBeLessThanOrEqual(0);
    expect(entryTtlMs({ timestamp: 0, expire: Infinity }, 0)).toBe(ENTRY_TTL_CAP_SECONDS * 1000);
    expect(entryTtlMs({ timestamp: 0, expire: 0xfffffffe }, 0)).toBe(ENTRY_TTL_CAP_SECONDS * 1000);
  });
});

describe('mergeTagStates', () => {
  it('keeps the latest stale time and the last written expiry', () => {
    // revalidateTag(tag, 'max') at 100 (expires a year later), then updateTag(tag) at 200: expired at once.
    const max = { stale: 100, expired: 100 + 31_536_000_000, expiredWrittenAt: 100 };
    const update = { expired: 200, expiredWrittenAt: 200 };
    expect(mergeTagStates(max, update)).toEqual({ stale: 100, expired: 200, expiredWrittenAt: 200 });
    expect(mergeTagStates(update, max)).toEqual({ stale: 100, expired: 200, expiredWrittenAt: 200 });
    expect(mergeTagStates(undefined, update)).toBe(update);
  });
});

describe.each([
  ['Next default (no REDIS_URL)', () => createNextCacheHandler({ redisUrl: '' }) as CacheHandler],
  ['fallback LRU', () => createLruHandler()],
])('in memory: %s', (_name, make) => {
  it('stores the bytes of the stream and serves a new stream on every hit', async () => {
    const handler = make();
    await handler.set('k', Promise.resolve(entry('hello')));
    expect(await text(await handler.get('k', []))).toBe('hello');
    expect(await text(await handler.get('k', []))).toBe('hello');
    expect(await handler.get('missing', [])).toBeUndefined();
  });

  it('waits for a pending set of the same key', async () => {
    const handler = make();
    let resolve!: (value: CacheEntry) => void;
    const setting = handler.set('k', new Promise((r) => (resolve = r)));
    const getting = handler.get('k', []);
    resolve(entry('late'));
    await setting;
    expect(await text(await getting)).toBe('late');
  });

  it('drops entries of an expired tag and revalidates those of a stale one', async () => {
    const handler = make();
    await handler.set('a', Promise.resolve(entry('a', { tags: ['expire-me'] })));
    await handler.set('b', Promise.resolve(entry('b', { tags: ['stale-me'] })));
    await new Promise((r) => setTimeout(r, 2));
    await handler.updateTags(['expire-me']);
    await handler.updateTags(['stale-me'], { expire: 3600 });
    // Next's own handler rounds the invalidation time to the millisecond (up, half the time).
    await new Promise((r) => setTimeout(r, 2));
    expect(await handler.get('a', [])).toBeUndefined();
    const stale = await handler.get('b', []);
    expect(stale?.revalidate).toBe(-1);
    expect(await text(stale)).toBe('b');
    expect(await handler.getExpiration(['expire-me'])).toBeGreaterThan(0);
    expect(await handler.getExpiration(['never'])).toBe(0);
  });
});

describe('the module Next imports', () => {
  it('is one handler with the five methods, in memory without REDIS_URL', async () => {
    for (const method of ['get', 'set', 'refreshTags', 'getExpiration', 'updateTags'] as const) {
      expect(typeof nextCacheHandler[method]).toBe('function');
    }
    expect(createNextCacheHandler({ redisUrl: undefined }).mode).toBe(process.env.REDIS_URL ? 'redis' : 'memory');
    expect(createNextCacheHandler({ redisUrl: 'http://not-redis' }).mode).toBe('memory');
  });
});

describe('with Redis unreachable', () => {
  it('misses, skips writes and keeps invalidations in memory, without throwing or waiting', async () => {
    const port = await closedPort();
    const handler = createNextCacheHandler({ redisUrl: `redis://127.0.0.1:${port}`, tagPollMs: 0 });
    open.push(handler);
    expect(handler.mode).toBe('redis');

    const started = performance.now();
    await handler.refreshTags();
    await handler.set('k', Promise.resolve(entry('value')));
    expect(await handler.get('k', [])).toBeUndefined();
    await handler.updateTags(['mine']);
    // Read-your-writes on this instance: the invalidation is known here at once.
    expect(await handler.getExpiration(['mine'])).toBeGreaterThan(0);
    // Once the first connection attempt has failed, nothing waits for Redis any more.
    const again = performance.now();
    for (let i = 0; i < 20; i++) expect(await handler.get(`k${i}`, [])).toBeUndefined();
    expect(performance.now() - again).toBeLessThan(100);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('consumes the stream of an entry it cannot store', async () => {
    const port = await closedPort();
    const handler = createNextCacheHandler({ redisUrl: `redis://127.0.0.1:${port}`, tagPollMs: 0, subscribe: false });
    open.push(handler);
    const value = streamOf('x');
    await handler.set('k', Promise.resolve({ ...entry('unused'), value }));
    expect(value.locked).toBe(false);
    await expect(value.getReader().read()).resolves.toEqual({ done: true, value: undefined });
  });

  it('survives a pending entry that fails', async () => {
    const port = await closedPort();
    const handler = createNextCacheHandler({ redisUrl: `redis://127.0.0.1:${port}`, tagPollMs: 0, subscribe: false });
    open.push(handler);
    await expect(handler.set('k', Promise.reject(new Error('render failed')))).resolves.toBeUndefined();
    await expect(handler.get('k', [])).resolves.toBeUndefined();
  });
});
