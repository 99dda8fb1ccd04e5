import { createHash } from 'node:crypto';
import { BentoCache, bentostore, errors } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import type { Redis } from 'ioredis';
import { revalidateTag, updateTag } from 'next/cache';
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { env } from '@/lib/env';
import { processGlobal } from '@/lib/process-global';
import { recordCacheRead, runInLoader } from '@/lib/metrics/context';
import { logger } from '@/lib/metrics/logger';
import { createRedis } from '@/lib/redis/client';
import { createTagCoalescer } from './coalesce';
import type { CacheKind } from './kinds';
import { redisBus } from './redis-bus';

/**
 * The data cache (DESIGN.md section 3): L1 in process memory, plus L2 in Redis and a Redis bus
 * when REDIS_URL is set. Values pass through JSON: a factory must return plain data (strings,
 * numbers, booleans, null, arrays and plain objects of them). A Date comes back as a string
 * and a Prisma Decimal as a string or worse, so callers convert them first.
 */
export type KeyPart = string | number | boolean;

/** A read of the cache. Modules describe theirs once with cachedRead() (lib/cache/read.ts). */
export interface CachedRead<T> {
  kind: CacheKind;
  /**
   * Everything the value depends on, the viewer (or the viewer's visibility class) included.
   * Never a token or an e-mail address: pass hashKeyPart(value) instead.
   */
  key: readonly KeyPart[];
  /** Tags that invalidate() drops the value by (`user:{id}`, `wishlist:{id}` …). */
  tags?: readonly string[];
  factory: () => Promise<T>;
}

export interface CacheInfo {
  l1: 'memory';
  l2: 'redis' | null;
  /** Whether the L2 connection is up right now (false without L2). */
  l2Ready: boolean;
  /** What tells the other instances to drop their L1 copy of an invalidated entry. */
  bus: 'redis' | null;
}

/** Redis's own counters (INFO stats): every key of that server, not only the cache's. */
export interface RedisKeyspaceStats {
  keyspaceHits: number;
  keyspaceMisses: number;
}

export interface DataCache {
  cached<T>(read: CachedRead<T>): Promise<T>;
  /** Runs the factory now and stores its value in both layers (a background refresh job). */
  refresh<T>(read: CachedRead<T>): Promise<T>;
  /** Drops the entries with these tags from L1 and L2, and from the L1 of every other instance (bus). */
  invalidate(tags: readonly string[]): Promise<void>;
  /** The fresh value stored under this kind and key, or undefined: never runs a loader, never serves a graced value. */
  peek<T>(kind: CacheKind, key: readonly KeyPart[]): Promise<T | undefined>;
  /** Stores a value under this kind and key with its tags, for `ttl` ms (no grace). */
  store<T>(kind: CacheKind, key: readonly KeyPart[], value: T, options: { tags: readonly string[]; ttl: number }): Promise<void>;
  /** Whether any of these tags was invalidated at or after `since` (epoch ms), by this instance or another. */
  invalidatedSince(tags: readonly string[], since: number): Promise<boolean>;
  info(): CacheInfo;
  /** null without Redis, or when Redis does not answer at once. */
  redisKeyspaceStats(): Promise<RedisKeyspaceStats | null>;
  disconnect(): Promise<void>;
}

/** A short SHA-256 of a secret or personal key part (token, e-mail address): 22 base64url characters, 132 bits. */
export function hashKeyPart(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22);
}

// Bounds of L1: it must never grow with traffic.
const L1_MAX_ITEMS = 20_000;
/** The in-process layer's memory bound (the reliability suite's soak checks the heap against it). */
export const MEMORY_LAYER_MAX_MB = 64;
const L1_MAX_SIZE = `${MEMORY_LAYER_MAX_MB}mb`;
const L1_MAX_ENTRY_SIZE = '4mb';
/** Once a Redis call fails, Redis is skipped this long (a hung server costs one timeout, not one per read). */
const L2_BREAK_MS = 2_000;
/** After a factory fails, its last good value is served without retrying the source this long. */
const GRACE_BACKOFF_MS = 10_000;

/** How often a load is re-run because one of its tags was invalidated while it ran. */
const MAX_RACED_LOADS = 3;
/** This instance's invalidations kept to tell whether one landed during a load. */
const RECENT_INVALIDATIONS = 1_024;

/** bentocache's key of a tag's last invalidation time (TagSystem in bentocache's build). */
const BENTO_TAG_PREFIX = '___bc:t:';

/** What is stored: the value, and whether it is a graced one served while its source failed. */
interface Entry<T> {
  value: T;
  stale?: true;
}

const noEmail = (value: string, what: string) => {
  if (value.includes('@')) throw new Error(`cache ${what} "${value}" looks like an e-mail address: hash it with hashKeyPart()`);
  return value;
};

/** Parts are URI-encoded so that ['a:b', 'c'] and ['a', 'b:c'] can never share a key. */
function cacheKey(namespace: string, parts: readonly KeyPart[]): string {
  return [namespace, ...parts.map((part) => encodeURIComponent(noEmail(String(part), 'key part')))].join(':');
}

/**
 * A cache of its own: one per process in the app (see cached()); tests build several.
 * `enabled: false` is the kill switch (CACHE_ENABLED=false, plan 004's REDIS_CACHE_ENABLED): every
 * read runs its loader, counted as a miss, and nothing is stored; invalidations still reach
 * Next's rendered output. peek and store keep working: the session epochs and the render cache's
 * own bookkeeping live there, not cached data (the render cache is switched off in front of Next).
 */
export function createCache({ redisUrl, enabled = true }: { redisUrl?: string; enabled?: boolean } = {}): DataCache {
  const store = bentostore().useL1Layer(memoryDriver({ maxItems: L1_MAX_ITEMS, maxSize: L1_MAX_SIZE, maxEntrySize: L1_MAX_ENTRY_SIZE }));
  let redis: Redis | undefined;
  if (redisUrl) {
    // Fails fast while Redis is down and times out after REDIS_COMMAND_TIMEOUT_MS (lib/redis/client.ts).
    redis = createRedis(redisUrl);
    store.useL2Layer(redisDriver({ connection: redis })).useBus(redisBus(redisUrl));
  }

  const bento = new BentoCache({
    default: 'data',
    stores: { data: store },
    prefix: 'brisk:cache',
    // A failed Redis call never fails a read: L1 or the factory answers, and the breaker opens.
    suppressL2Errors: true,
    l2CircuitBreakerDuration: L2_BREAK_MS,
  });

  // This instance's own invalidations, in order: exact, where the tag times of bentocache (and
  // of other instances, through Redis) have a millisecond's resolution. Bounded: a load older
  // than the oldest one kept counts as raced.
  const localInvalidations = { seq: 0, recent: [] as { seq: number; tags: ReadonlySet<string> }[] };

  /** Whether one of these tags was invalidated while a load ran (it began at `startedAt`, after local invalidation `startedAtSeq`). */
  async function invalidatedDuring(tags: readonly string[], startedAt: number, startedAtSeq: number): Promise<boolean> {
    if (localInvalidations.seq !== startedAtSeq) {
      const { recent } = localInvalidations;
      if (recent.length === 0 || recent[0]!.seq > startedAtSeq + 1) return true;
      if (recent.some((entry) => entry.seq > startedAtSeq && tags.some((tag) => entry.tags.has(tag)))) return true;
    }
    // Another instance's invalidation: only its millisecond is known. One in the very millisecond
    // the load began is taken as earlier (a write, then a read at once, must cost one load).
    return invalidatedSince(tags, startedAt + 1);
  }

  async function invalidatedSince(tags: readonly string[], since: number): Promise<boolean> {
    // bentocache invalidates a tag by storing its time under `___bc:t:<tag>` (its TagSystem):
    // read those, as bentocache itself does when it checks an entry's tags. A test pins the format.
    for (const tag of new Set(tags)) {
      const at = await bento.get<number | undefined>({ key: `${BENTO_TAG_PREFIX}${noEmail(tag, 'tag')}` });
      if (typeof at === 'number' && at >= since) return true;
    }
    return false;
  }

  /** The kill switch: the loader, every time (still accounted to a cached read, so the render cache's rules hold). */
  async function bypass<T>({ kind, factory }: CachedRead<T>, refresh: boolean): Promise<T> {
    try {
      return await runInLoader(factory);
    } finally {
      if (!refresh) recordCacheRead(kind.namespace, 'miss');
    }
  }

  /** A read, or with `refresh` a recomputation that is not counted as one. */
  async function getOrSet<T>(read: CachedRead<T>, refresh: boolean): Promise<T> {
    if (!enabled) return bypass(read, refresh);
    const { kind, key, tags = [], factory } = read;
    const { namespace, ttl, grace } = kind;
    let ran = false;
    let entry: Entry<T>;
    try {
      entry = await bento.getOrSet<Entry<T>>({
        key: cacheKey(namespace, key),
        tags: tags.map((tag) => noEmail(tag, 'tag')),
        ttl,
        grace,
        forceFresh: refresh,
        // bentocache's default soft timeout of 0 serves an expired or just-invalidated value
        // while it refreshes in the background: that would break read-your-writes.
        timeout: null,
        // bentocache runs one factory per key at a time (stampede protection); the others wait
        // for its value. Its own grace backoff is added to the old expiry, so a value expired
        // longer ago than the backoff is retried on every read while the source is down:
        // the backoff is done here instead, by caching the stale value briefly.
        factory: async ({ gracedEntry, setOptions }) => {
          ran = true;
          try {
            // bentocache dates an entry when it is stored, after the load: a load that read the
            // source before an invalidation of one of its tags (a job finishing meanwhile) would
            // be kept as fresh. Such a load is run again; the last one is kept only briefly.
            for (let load = 1; ; load++) {
              const startedAt = Date.now();
              const startedAtSeq = localInvalidations.seq;
              const value = await runInLoader(factory, { rerun: load > 1 });
              if (tags.length === 0 || !(await invalidatedDuring(tags, startedAt, startedAtSeq))) return { value };
              if (load === MAX_RACED_LOADS) {
                setOptions({ ttl: GRACE_BACKOFF_MS });
                return { value };
              }
            }
          } catch (error) {
            // An invalidated entry stays in place, logically expired, even for kinds without grace.
            if (!gracedEntry || grace === 0) throw error;
            logger.warn({ namespace, err: (error as Error).message }, 'cache: source failed, serving the last good value');
            setOptions({ ttl: GRACE_BACKOFF_MS, skipL2Write: true, skipBusNotify: true });
            return { ...(gracedEntry.value as Entry<T>), stale: true };
          }
        },
      });
    } catch (error) {
      if (ran && !refresh) recordCacheRead(namespace, 'miss');
      throw error instanceof errors.E_FACTORY_ERROR ? error.cause : error;
    }
    if (!refresh) recordCacheRead(namespace, entry.stale ? 'stale' : ran ? 'miss' : 'hit');
    return entry.value;
  }

  return {
    cached: (read) => getOrSet(read, false),
    refresh: (read) => getOrSet(read, true),

    async invalidate(tags) {
      localInvalidations.seq += 1;
      localInvalidations.recent.push({ seq: localInvalidations.seq, tags: new Set(tags) });
      if (localInvalidations.recent.length > RECENT_INVALIDATIONS) localInvalidations.recent.shift();
      await bento.deleteByTag({ tags: [...tags] });
    },

    async peek<T>(kind: CacheKind, key: readonly KeyPart[]) {
      const entry = await bento.get<Entry<T> | undefined>({ key: cacheKey(kind.namespace, key), grace: false });
      return entry?.value;
    },

    async store<T>(kind: CacheKind, key: readonly KeyPart[], value: T, { tags, ttl }: { tags: readonly string[]; ttl: number }) {
      await bento.set({ key: cacheKey(kind.namespace, key), value: { value } satisfies Entry<T>, tags: tags.map((tag) => noEmail(tag, 'tag')), ttl, grace: false });
    },

    invalidatedSince,

    info() {
      return { l1: 'memory', l2: redis ? 'redis' : null, l2Ready: redis?.status === 'ready', bus: redis ? 'redis' : null };
    },

    async redisKeyspaceStats() {
      if (!redis) return null;
      try {
        const stats = await redis.info('stats');
        const counter = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
        return { keyspaceHits: counter('keyspace_hits'), keyspaceMisses: counter('keyspace_misses') };
      } catch {
        return null;
      }
    },

    disconnect: () => bento.disconnect(),
  };
}

/** The cache of this process, built on first use (not at import: `next build` imports modules). */
function dataCache(): DataCache {
  return processGlobal('dataCache', () => createCache({ redisUrl: env().REDIS_URL, enabled: env().CACHE_ENABLED }));
}

/** Whether the data cache is on (CACHE_ENABLED, default true): off, every read goes to its source. */
export function cacheEnabled(): boolean {
  return env().CACHE_ENABLED;
}

/**
 * The value of `key` for this kind: from L1, else L2, else `factory` (one call per key at a
 * time, per instance). While the factory fails, the last good value is served for the kind's
 * grace period. Each read counts as a hit, a miss or a stale read for the request and the kind.
 */
export function cached<T>(read: CachedRead<T>): Promise<T> {
  return dataCache().cached(read);
}

/**
 * Recomputes a value and stores it (L1, L2, and the other instances drop their L1 copy), for
 * jobs that keep a value warm. Fails when the factory fails: a job retries.
 */
export function refreshCached<T>(read: CachedRead<T>): Promise<T> {
  return dataCache().refresh(read);
}

/** Drops both layers for these tags: the data cache on every instance, and Next's rendered output. */
export async function invalidate(tags: readonly string[]): Promise<void> {
  await dataCache().invalidate(tags);
  expireNextTags(tags);
}

/**
 * invalidate() for a stream of changes nobody waits to read back (a collector's metrics): each
 * tag at once the first time, then at most once per `windowMs` (lib/cache/coalesce.ts). A drop
 * at the end of a window runs outside any request, so it reaches the data cache and the render
 * cache but not Next's own rendered output, which its cacheLife bounds.
 */
export function invalidateCoalesced(tags: readonly string[], windowMs: number): Promise<void> {
  const coalescer = processGlobal('tagCoalescer', () =>
    createTagCoalescer(invalidate, (error) => logger.warn({ err: (error as Error).message }, 'cache: a coalesced invalidation failed')),
  );
  return coalescer.invalidate(tags, windowMs);
}

/**
 * Expires the same tags in Next's cache ('use cache' + cacheTag). A Server Action uses updateTag,
 * meant for read-your-own-writes; route handlers and after() callbacks, where updateTag throws,
 * use revalidateTag with { expire: 0 } so that nobody is served the old output either.
 * Outside a Next request (job runners, scripts, tests) next/cache has no store and throws an
 * invariant error: only the data cache is dropped there.
 */
function expireNextTags(tags: readonly string[]) {
  const work = workAsyncStorage.getStore();
  if (!work?.incrementalCache) return;
  // Next sets the 'action' phase for route handlers too; updateTag itself tells them apart by page.
  const inServerAction = workUnitAsyncStorage.getStore()?.phase === 'action' && !work.page.endsWith('/route');
  for (const tag of tags) {
    if (inServerAction) updateTag(tag);
    else revalidateTag(tag, { expire: 0 });
  }
}

/** The process cache's peek, store and invalidatedSince (the render cache, lib/render-cache). */
export function processCache(): Pick<DataCache, 'peek' | 'store' | 'invalidatedSince'> {
  return dataCache();
}

/** Which layers this process's cache uses, for the ops console. */
export function cacheInfo(): CacheInfo {
  return dataCache().info();
}

/** Redis's keyspace hits and misses, for the ops console; null without Redis or while it is down. */
export function redisKeyspaceStats(): Promise<RedisKeyspaceStats | null> {
  return dataCache().redisKeyspaceStats();
}
