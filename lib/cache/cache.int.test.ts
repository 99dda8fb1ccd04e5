import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db/client';
import { metricsSnapshot, resetLocalMetrics } from '@/lib/metrics/request';
import { countStatements } from '@/test/statements';
import { cacheInfo, cached, createCache, hashKeyPart, invalidate, redisKeyspaceStats, type DataCache } from './cache';
import { testKinds } from '@/test/cache-kinds';

// Memory only (no Redis): every test gets a cache of its own.
let cache: DataCache;
beforeEach(() => {
  cache = createCache();
  resetLocalMetrics();
});
afterEach(async () => {
  vi.useRealTimers();
  await cache.disconnect();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function counting<T>(value: () => T) {
  const factory = vi.fn(async () => value());
  return factory;
}

const userName = (id: string) => () =>
  cache.cached({
    kind: testKinds.noGrace,
    key: ['name', id],
    tags: [`user:${id}`],
    factory: async () => (await prisma.user.findUniqueOrThrow({ where: { id }, select: { name: true } })).name,
  });

describe('the data cache', () => {
  it('misses once, then answers from memory without touching the database', async () => {
    const first = await countStatements(userName('usr_ada'));
    const second = await countStatements(userName('usr_ada'));
    expect(first.result).toBe('Ada Park');
    expect(second.result).toBe('Ada Park');
    expect(first.statements).toBe(1);
    expect(second.statements).toBe(0);
    expect(first.metrics.cache).toEqual({ hits: 0, misses: 1, stale: 0 });
    expect(second.metrics.cache).toEqual({ hits: 1, misses: 0, stale: 0 });

    const { cache: namespaces } = await metricsSnapshot();
    expect(namespaces.find((n) => n.namespace === testKinds.noGrace.namespace)).toMatchObject({ hits: 1, misses: 1, stale: 0, hitRate: 0.5 });
  });

  it('with the kill switch off (CACHE_ENABLED=false), reads its source every time, stores nothing and fails nothing', async () => {
    const off = createCache({ enabled: false });
    try {
      const read = () =>
        off.cached({
          kind: testKinds.noGrace,
          key: ['name', 'usr_ben'],
          tags: ['user:usr_ben'],
          factory: async () => (await prisma.user.findUniqueOrThrow({ where: { id: 'usr_ben' }, select: { name: true } })).name,
        });
      for (let i = 0; i < 2; i++) {
        const { result, statements, metrics } = await countStatements(read);
        expect(result).toBe('Ben Okafor');
        expect(statements).toBe(1);
        expect(metrics.cache).toEqual({ hits: 0, misses: 1, stale: 0 });
      }
      await expect(off.invalidate(['user:usr_ben'])).resolves.toBeUndefined();
      // The session epochs still work: peek and store are not the data cache's reads.
      await off.store(testKinds.noGrace, ['epoch'], 'e2', { tags: [], ttl: 60_000 });
      expect(await off.peek(testKinds.noGrace, ['epoch'])).toBe('e2');
    } finally {
      await off.disconnect();
    }
  });

  it('drops entries by tag, and only those', async () => {
    let version = 1;
    const read = (id: string, factory: () => Promise<string>) => cache.cached({ kind: testKinds.withGrace, key: [id], tags: [`project:${id}`], factory });
    const p1 = counting(() => `p1 v${version}`);
    const p2 = counting(() => `p2 v${version}`);
    await read('p1', p1);
    await read('p2', p2);

    version = 2;
    await cache.invalidate(['project:p1']);
    // bentocache compares an entry's creation with the invalidation to the millisecond.
    await sleep(2);
    expect(await read('p1', p1)).toBe('p1 v2');
    expect(await read('p2', p2)).toBe('p2 v1');
    expect(await read('p1', p1)).toBe('p1 v2');
    expect(p1).toHaveBeenCalledTimes(2);
    expect(p2).toHaveBeenCalledTimes(1);
  });

  it('does not keep a value read before an invalidation that landed while it loaded', async () => {
    let status = 'pending';
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const factory = vi.fn(async () => {
      const seen = status;
      // The first load has read the source; a write and its invalidation land before it returns.
      if (factory.mock.calls.length === 1) await held;
      return seen;
    });
    const read = () => cache.cached({ kind: testKinds.noGrace, key: ['analysis'], tags: ['analysis:a1'], factory });
    const first = read();
    await sleep(2);
    status = 'completed';
    await cache.invalidate(['analysis:a1']);
    release();
    expect(await first).toBe('completed');
    expect(await read()).toBe('completed');
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it('counts the statements of a load run again after racing writes, but not as an N+1', async () => {
    // Two writes land while the read loads, one during each of its first two loads: the same
    // statement runs three times in one request, which the N+1 guard (it fails tests) must not
    // mistake for a loop over rows.
    let loads = 0;
    const read = () =>
      cache.cached({
        kind: testKinds.noGrace,
        key: ['raced', 'usr_ada'],
        tags: ['user:usr_ada:raced'],
        factory: async () => {
          const { name } = await prisma.user.findUniqueOrThrow({ where: { id: 'usr_ada' }, select: { name: true } });
          if (++loads < 3) await cache.invalidate(['user:usr_ada:raced']);
          return name;
        },
      });
    const { result, statements } = await countStatements(read);
    expect(result).toBe('Ada Park');
    expect(loads).toBe(3);
    expect(statements).toBe(3);
  });

  it('keeps every viewer in a key of its own', async () => {
    const read = (parts: string[]) => cache.cached({ kind: testKinds.withGrace, key: parts, factory: async () => parts.join('|') });
    const [ada, ben, joinedA, joinedB] = await Promise.all([read(['usr_ada']), read(['usr_ben']), read(['a:b', 'c']), read(['a', 'b:c'])]);
    expect([ada, ben, joinedA, joinedB]).toEqual(['usr_ada', 'usr_ben', 'a:b|c', 'a|b:c']);
    expect(await read(['usr_ada'])).toBe('usr_ada');
    expect(await read(['a', 'b:c'])).toBe('a|b:c');
  });

  it('runs one factory for 20 concurrent reads of a key', async () => {
    const factory = vi.fn(async () => {
      await sleep(20);
      return { total: 42 };
    });
    const { result, metrics } = await countStatements(() =>
      Promise.all(Array.from({ length: 20 }, () => cache.cached({ kind: testKinds.other, key: ['ch_1'], factory }))),
    );
    expect(factory).toHaveBeenCalledTimes(1);
    expect(result).toEqual(Array.from({ length: 20 }, () => ({ total: 42 })));
    expect(metrics.cache).toEqual({ hits: 19, misses: 1, stale: 0 });
  });

  it('serves the last good value while the source fails, and retries it after a backoff', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let fail = false;
    let version = 1;
    const factory = vi.fn(async () => {
      if (fail) throw new Error('database down');
      return { version };
    });
    const read = () => countStatements(() => cache.cached({ kind: testKinds.other, key: ['post_1'], factory }));

    await read();
    fail = true;
    vi.setSystemTime(Date.now() + testKinds.other.ttl + 1_000);
    const during = await read();
    expect(during.result).toEqual({ version: 1 });
    expect(during.metrics.cache).toEqual({ hits: 0, misses: 0, stale: 1 });
    // Within the backoff the failing source is left alone; the read still counts as stale.
    const again = await read();
    expect(again.result).toEqual({ version: 1 });
    expect(again.metrics.cache.stale).toBe(1);
    expect(factory).toHaveBeenCalledTimes(2);

    fail = false;
    version = 2;
    vi.setSystemTime(Date.now() + 60_000);
    expect((await read()).result).toEqual({ version: 2 });
    expect(factory).toHaveBeenCalledTimes(3);

    const { cache: namespaces } = await metricsSnapshot();
    expect(namespaces.find((n) => n.namespace === testKinds.other.namespace)).toMatchObject({ hits: 0, misses: 2, stale: 2 });
  });

  it("passes the factory's own error on when there is no good value to fall back on", async () => {
    const error = new Error('database down');
    await expect(cache.cached({ kind: testKinds.withGrace, key: ['usr_ada'], factory: () => Promise.reject(error) })).rejects.toBe(error);

    // Kinds without grace (who a token belongs to) never serve an unconfirmed value.
    vi.useFakeTimers({ toFake: ['Date'] });
    await cache.cached({ kind: testKinds.noGrace, key: [hashKeyPart('tok_secret')], factory: async () => 'usr_ada' });
    vi.setSystemTime(Date.now() + testKinds.noGrace.ttl + 1_000);
    await expect(cache.cached({ kind: testKinds.noGrace, key: [hashKeyPart('tok_secret')], factory: () => Promise.reject(error) })).rejects.toBe(error);
  });

  it('recomputes a fresh value on refresh, without counting it as a read', async () => {
    let version = 1;
    const read = { kind: testKinds.withGrace, key: ['usr_ada'], factory: async () => ({ version }) } as const;
    await cache.cached(read);
    version = 2;
    const { metrics } = await countStatements(() => cache.refresh(read));
    expect(metrics.cache).toEqual({ hits: 0, misses: 0, stale: 0 });
    expect(await cache.cached(read)).toEqual({ version: 2 });

    // A refresh job must see its source fail (and retry), not get the old value back.
    const error = new Error('database down');
    await expect(cache.refresh({ ...read, factory: () => Promise.reject(error) })).rejects.toBe(error);
    expect(await cache.cached(read)).toEqual({ version: 2 });
  });

  it('refuses e-mail addresses in keys and tags, and hashes them with hashKeyPart', async () => {
    const factory = async () => 1;
    await expect(cache.cached({ kind: testKinds.noGrace, key: ['ada@brisk.test'], factory })).rejects.toThrow(/hashKeyPart/);
    await expect(cache.cached({ kind: testKinds.noGrace, key: ['x'], tags: ['email:ada@brisk.test'], factory })).rejects.toThrow(/hashKeyPart/);
    const hashed = hashKeyPart('ada@brisk.test');
    expect(hashed).toMatch(/^[\w-]{22}$/);
    expect(hashed).toBe(hashKeyPart('ada@brisk.test'));
    expect(await cache.cached({ kind: testKinds.noGrace, key: [hashed], factory })).toBe(1);
  });
});

describe('the process cache', () => {
  it('works outside a Next request: invalidate() drops the data cache and skips Next', async () => {
    const key = [`outside-${Date.now()}`];
    const factory = counting(() => 'value');
    await cached({ kind: testKinds.other, key, tags: ['server-status'], factory });
    await invalidate(['server-status']);
    await sleep(2);
    await cached({ kind: testKinds.other, key, tags: ['server-status'], factory });
    expect(factory).toHaveBeenCalledTimes(2);
  });

  it.skipIf(process.env.REDIS_URL)('reports its layers to the ops console', async () => {
    expect(cacheInfo()).toEqual({ l1: 'memory', l2: null, l2Ready: false, bus: null });
    expect(await redisKeyspaceStats()).toBeNull();
  });
});
