/**
 * The rendered-output cache of Brisk: the handler behind `'use cache'` and `'use cache: remote'`
 * (`cacheHandlers.default` and `cacheHandlers.remote` in next.config.mjs). DESIGN.md §3.
 *
 * With REDIS_URL (at `next start`, never during `next build`):
 *   - entries live in Redis, one binary value per entry (a small JSON header with tags, stale,
 *     timestamp, revalidate and expire, then the bytes of the value stream), with a TTL taken
 *     from `expire` (capped), so every instance serves what any instance rendered;
 *   - tag invalidations are written to two Redis hashes (stale and expired times) by one Lua
 *     script that bumps a revision counter and publishes it. `refreshTags()` (once per request,
 *     before the first cache read) reads the counter and, when it moved, the hashes: an
 *     invalidation on one instance is seen by the next request on every other;
 *   - the same invalidations are copied into Next's own in-process tags manifest (by a
 *     subscription and a 1 s poll), so the prerendered pages of the other instances (the ISR
 *     cache, which never asks this handler) are regenerated too;
 *   - Redis never fails or stalls a render: commands fail at once while the connection is down
 *     (no offline queue) and time out fast while it is slow, after which Redis is left alone for
 *     2 s (a hung server is sent nothing to hold); a failed read is a miss, a failed
 *     write is skipped, tag invalidations are also kept in memory (read-your-writes holds on the
 *     instance that invalidated) and are written to Redis again once it is back.
 * Without REDIS_URL: Next's own in-memory handler (a 50 MB LRU), or a small LRU of our own if
 * that module cannot be loaded.
 *
 * This file is plain ESM JavaScript on purpose: Next loads cache handlers at run time with
 * Node's own `import()`, not through its bundler, and Node 20 cannot import TypeScript. So it
 * cannot import `@/lib/...` either: `handlerRedisOptions()` repeats `redisOptions()` of
 * lib/redis/client.ts, and a unit test keeps the two equal. Types: next-cache-handler.d.mts.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Redis } from 'ioredis';
import pino from 'pino';

const require = createRequire(import.meta.url);

export const KEY_PREFIX = 'brisk:next-cache:v1:';
/** Next's default in-memory budget (`cacheMaxMemorySize`). */
const MEMORY_MAX_BYTES = 50 * 1024 * 1024;
/** Redis keeps an entry at most this long, even when its `expire` is longer (or infinite). */
export const ENTRY_TTL_CAP_SECONDS = 14 * 24 * 60 * 60;
/** A tag invalidated longer ago than this cannot concern any stored entry: it is pruned. */
const TAG_RETENTION_MS = (ENTRY_TTL_CAP_SECONDS + 24 * 60 * 60) * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Entries larger than this are not sent to Redis (they would not fit the command timeout). */
const MAX_ENTRY_BYTES = 8 * 1024 * 1024;
/** Hard cap on any Redis call, over ioredis' own command timeout (which also covers this). */
const CALL_TIMEOUT_MS = 150;
/**
 * After a call fails, Redis is left alone this long (as the data cache's L2_BREAK_MS does). A
 * hung server answers nothing and keeps its connection: without a pause every render would still
 * send its reads and its entry, which ioredis keeps, payload and all, until an answer that never
 * comes (next-cache-handler.redis.test.ts: a write made during a hang never reaches Redis).
 */
const BREAK_MS = 2_000;
/**
 * The longest calls wait for the very first connection (never for a reconnection). A refused
 * connection ends the wait at once and an unanswered one after ioredis' connectTimeout (500 ms);
 * this only bounds the rest. Not shorter: a cold process can block its event loop for hundreds of
 * ms while it loads a route, and a timer that fires first would make its first requests miss.
 */
const INITIAL_CONNECT_GRACE_MS = 1000;
const TAG_POLL_MS = 1000;
const LOCAL_TAGS_MAX = 10_000;
/** Next's minimum retention on the dev server (MIN_PRERENDERABLE_EXPIRE). */
const DEV_MIN_EXPIRE_SECONDS = 300;

/**
 * The same options as `redisOptions()` in lib/redis/client.ts (kept equal by a test): no
 * offline queue, no per-command retry, 50 ms command timeout, background reconnection.
 * @param {import('ioredis').RedisOptions} [overrides]
 * @returns {import('ioredis').RedisOptions}
 */
export function handlerRedisOptions(overrides = {}) {
  return {
    connectTimeout: 500,
    commandTimeout: 50,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    ...overrides,
  };
}

const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { app: 'brisk', module: 'next-cache' },
});

const now = () => performance.timeOrigin + performance.now();

// ---------------------------------------------------------------------------------------------
// Entries: one Redis string per entry, `BNC1` · u32 header length · JSON header · value bytes.

const MAGIC = 0x424e4331; // "BNC1"
const NUMBER_FIELDS = /** @type {const} */ (['stale', 'timestamp', 'revalidate', 'expire']);

/** JSON has no Infinity: numbers that are not finite travel as strings. */
function numberToJson(value) {
  return Number.isFinite(value) ? value : String(value);
}

function numberFromJson(value) {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return NaN;
}

/**
 * @param {{ tags: string[], stale: number, timestamp: number, revalidate: number, expire: number }} meta
 * @param {Uint8Array} value
 */
export function encodeEntry(meta, value) {
  const header = Buffer.from(
    JSON.stringify({
      tags: meta.tags,
      stale: numberToJson(meta.stale),
      timestamp: numberToJson(meta.timestamp),
      revalidate: numberToJson(meta.revalidate),
      expire: numberToJson(meta.expire),
    }),
  );
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeUInt32BE(MAGIC, 0);
  prefix.writeUInt32BE(header.length, 4);
  return Buffer.concat([prefix, header, value]);
}

/** @param {Buffer} buffer  @returns {undefined | { meta: any, value: Buffer }} */
export function decodeEntry(buffer) {
  if (!Buffer.isBuffer(buffer) || buffer.length < 8 || buffer.readUInt32BE(0) !== MAGIC) return undefined;
  const headerLength = buffer.readUInt32BE(4);
  if (headerLength > buffer.length - 8) return undefined;
  let raw;
  try {
    raw = JSON.parse(buffer.subarray(8, 8 + headerLength).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!raw || !Array.isArray(raw.tags) || !raw.tags.every((tag) => typeof tag === 'string')) return undefined;
  const meta = { tags: raw.tags };
  for (const field of NUMBER_FIELDS) {
    const value = numberFromJson(raw[field]);
    if (Number.isNaN(value)) return undefined;
    meta[field] = value;
  }
  return { meta, value: buffer.subarray(8 + headerLength) };
}

/** Every hit gets a stream of its own over the stored bytes. */
function streamOf(bytes) {
  return new ReadableStream({
    start(controller) {
      if (bytes.byteLength > 0) controller.enqueue(bytes);
      controller.close();
    },
  });
}

async function readStream(stream) {
  const chunks = [];
  let size = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** How long Redis keeps an entry, in ms; 0 or less: not worth storing. */
export function entryTtlMs(entry, at = now()) {
  let expire = entry.expire;
  if (process.env.__NEXT_DEV_SERVER) expire = Math.max(expire, DEV_MIN_EXPIRE_SECONDS);
  const cap = ENTRY_TTL_CAP_SECONDS * 1000;
  if (!Number.isFinite(expire)) return expire > 0 ? cap : 0;
  return Math.min(cap, Math.floor(entry.timestamp + expire * 1000 - at));
}

// ---------------------------------------------------------------------------------------------
// Tags. Same meaning as Next's tags manifest: `stale` (entries older are served once more while
// they refresh) and `expired` (entries older are dropped once that time has come; it lies in
// the future for `revalidateTag(tag, profile)`). `expiredWrittenAt` orders the writes of
// `expired`, which are last-writer-wins as in Next (an `updateTag` after a `revalidateTag(tag,
// 'max')` must expire at once, not a year later).

/** @typedef {{ stale?: number, expired?: number, expiredWrittenAt?: number }} TagState */

/** @param {TagState | undefined} a  @param {TagState | undefined} b  @returns {TagState | undefined} */
export function mergeTagStates(a, b) {
  if (!a) return b;
  if (!b) return a;
  /** @type {TagState} */
  const merged = {};
  const stale = Math.max(a.stale ?? -Infinity, b.stale ?? -Infinity);
  if (Number.isFinite(stale)) merged.stale = stale;
  const newer =
    a.expired === undefined
      ? b
      : b.expired === undefined
        ? a
        : (a.expiredWrittenAt ?? 0) !== (b.expiredWrittenAt ?? 0)
          ? (a.expiredWrittenAt ?? 0) > (b.expiredWrittenAt ?? 0)
            ? a
            : b
          : a.expired >= b.expired
            ? a
            : b;
  if (newer.expired !== undefined) {
    merged.expired = newer.expired;
    merged.expiredWrittenAt = newer.expiredWrittenAt;
  }
  return merged;
}

/** The tag changes `updateTags(tags, durations)` asks for, as Next's default handler makes them. */
function tagUpdate(at, durations) {
  if (!durations) return { expired: at, expiredWrittenAt: at };
  /** @type {TagState} */
  const update = { stale: at };
  if (durations.expire !== undefined && Number.isFinite(durations.expire)) {
    update.expired = at + durations.expire * 1000;
    update.expiredWrittenAt = at;
  }
  return update;
}

const isExpired = (state, timestamp, at) =>
  typeof state?.expired === 'number' && state.expired <= at && state.expired > timestamp;
const isStale = (state, timestamp) => typeof state?.stale === 'number' && state.stale > timestamp;

/** A Map with a size limit that forgets the least recently written keys. */
function boundedSet(map, key, value, max) {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value);
}

/** Next's own tags manifest (what its ISR cache checks); undefined if this Next has none. */
function loadNextTagsManifest() {
  try {
    const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js');
    if (tagsManifest && typeof tagsManifest.get === 'function' && typeof tagsManifest.set === 'function') {
      return tagsManifest;
    }
  } catch {
    // Not this version of Next: the pages of other instances refresh on their own schedule.
  }
  return undefined;
}

// Redis layout of tag state (no TTL: keep Redis' eviction policy to volatile-*):
//   tags:stale    hash  tag → stale time
//   tags:expired  hash  tag → 'writtenAt:expired time'
//   tags:rev      counter, bumped by every write that changed something (and published)
//   tags:epoch    random id of this Redis' tag state: a new one means Redis lost it (restart, flush)
//   tags:changes  zset  tag → revision of its last change (so readers fetch only what changed)
//   tags:times    zset  tag → time of its last change (for pruning)
// Lua, so that concurrent writers from several instances cannot lose a newer write.
// KEYS: stale, expired, rev, epoch, changes, times
// ARGV: channel, epoch candidate, now, then (tag, staleAt|'', 'writtenAt:expired'|'')…
const UPDATE_TAGS_SCRIPT = `
local changed = {}
for i = 4, #ARGV, 3 do
  local tag, stale, expired = ARGV[i], ARGV[i + 1], ARGV[i + 2]
  local tagChanged = false
  if stale ~= '' then
    local current = tonumber(redis.call('HGET', KEYS[1], tag) or '-1')
    if tonumber(stale) > current then
      redis.call('HSET', KEYS[1], tag, stale)
      tagChanged = true
    end
  end
  if expired ~= '' then
    local current = redis.call('HGET', KEYS[2], tag)
    local currentAt = current and tonumber(string.match(current, '^([^:]+)')) or -1
    if tonumber(string.match(expired, '^([^:]+)')) >= currentAt and current ~= expired then
      redis.call('HSET', KEYS[2], tag, expired)
      tagChanged = true
    end
  end
  if tagChanged then changed[#changed + 1] = tag end
end
if #changed == 0 then return 0 end
redis.call('SET', KEYS[4], ARGV[2], 'NX')
local rev = redis.call('INCR', KEYS[3])
for _, tag in ipairs(changed) do
  redis.call('ZADD', KEYS[5], rev, tag)
  redis.call('ZADD', KEYS[6], ARGV[3], tag)
end
redis.call('PUBLISH', ARGV[1], rev)
return #changed
`;
// Reads one page of tag state: changes after a revision ('(rev' … '+inf'), or a page of all
// tags, newest first (a tag changed meanwhile moves to the front: pages may repeat, not skip).
// KEYS: rev, epoch, changes, stale, expired; ARGV: 'since' | 'all', min revision | start rank, count
// Returns: { rev, epoch, tags, stale values, expired values }.
const READ_TAGS_SCRIPT = `
local tags
local count = tonumber(ARGV[3])
if ARGV[1] == 'since' then
  tags = redis.call('ZRANGEBYSCORE', KEYS[3], '(' .. ARGV[2], '+inf', 'LIMIT', 0, count)
else
  local start = tonumber(ARGV[2])
  tags = redis.call('ZREVRANGE', KEYS[3], start, start + count - 1)
end
local stale, expired = {}, {}
for i, tag in ipairs(tags) do
  stale[i] = redis.call('HGET', KEYS[4], tag)
  expired[i] = redis.call('HGET', KEYS[5], tag)
end
return { redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2]), tags, stale, expired }
`;
// Forgets tags whose last change is older than the cutoff (no entry can predate them).
// KEYS: stale, expired, changes, times; ARGV: cutoff, limit
const PRUNE_TAGS_SCRIPT = `
local old = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, tag in ipairs(old) do
  redis.call('HDEL', KEYS[1], tag)
  redis.call('HDEL', KEYS[2], tag)
  redis.call('ZREM', KEYS[3], tag)
  redis.call('ZREM', KEYS[4], tag)
end
return #old
`;
const TAG_PAGE = 1000;

/** A tag's state as stored in Redis, or undefined. */
function tagStateFromRedis(stale, expired) {
  /** @type {TagState} */
  const state = {};
  const staleAt = stale == null ? NaN : Number(stale);
  if (Number.isFinite(staleAt)) state.stale = staleAt;
  if (expired != null) {
    const [writtenAt, expiredAt] = String(expired).split(':').map(Number);
    if (Number.isFinite(writtenAt) && Number.isFinite(expiredAt)) {
      state.expired = expiredAt;
      state.expiredWrittenAt = writtenAt;
    }
  }
  return state.stale === undefined && state.expired === undefined ? undefined : state;
}

const sameTagState = (a, b) =>
  a?.stale === b?.stale && a?.expired === b?.expired && a?.expiredWrittenAt === b?.expiredWrittenAt;

// ---------------------------------------------------------------------------------------------

/** Wraps every method so that nothing a handler does can throw into a render. */
function neverThrow(handler, name) {
  const fallback = {
    get: undefined,
    set: undefined,
    refreshTags: undefined,
    getExpiration: 0,
    updateTags: undefined,
  };
  const wrapped = { ...handler };
  for (const method of Object.keys(fallback)) {
    const fn = handler[method];
    wrapped[method] = async (...args) => {
      try {
        return await fn.apply(handler, args);
      } catch (error) {
        logger.warn({ err: String(error?.message ?? error), method, handler: name }, 'next cache handler failed');
        return fallback[method];
      }
    };
  }
  return wrapped;
}

/** @param {import('./next-cache-handler.d.mts').NextCacheHandlerOptions} [options] */
export function createNextCacheHandler(options = {}) {
  const building = process.env.NEXT_PHASE === 'phase-production-build';
  const url = options.redisUrl === undefined ? process.env.REDIS_URL : options.redisUrl;
  if (url && !building) {
    try {
      const protocol = new URL(url).protocol;
      if (protocol === 'redis:' || protocol === 'rediss:') return createRedisHandler(url, options);
      logger.warn('REDIS_URL is not a redis:// or rediss:// URL; rendered output is cached in memory only');
    } catch (error) {
      logger.warn({ err: String(error?.message ?? error) }, 'no redis for rendered output; cached in memory only');
    }
  }
  return createMemoryHandler(options);
}

function createMemoryHandler(options) {
  const maxBytes = options.memoryMaxBytes ?? MEMORY_MAX_BYTES;
  let handler;
  try {
    const { createDefaultCacheHandler } = require('next/dist/server/lib/cache-handlers/default.js');
    handler = createDefaultCacheHandler(maxBytes);
  } catch {
    handler = createLruHandler(maxBytes);
  }
  return { ...neverThrow(handler, 'memory'), mode: 'memory', close: async () => {} };
}

/** A small in-memory handler for when Next's own module cannot be loaded. */
export function createLruHandler(maxBytes = MEMORY_MAX_BYTES) {
  /** @type {Map<string, { meta: any, value: Uint8Array }>} */
  const entries = new Map();
  const pendingSets = new Map();
  /** @type {Map<string, TagState>} */
  const tags = new Map();
  let bytes = 0;
  const remove = (key) => {
    const found = entries.get(key);
    if (found) bytes -= found.value.byteLength + key.length;
    entries.delete(key);
  };
  return {
    async get(cacheKey, softTags = []) {
      await pendingSets.get(cacheKey);
      const found = entries.get(cacheKey);
      if (!found) return undefined;
      entries.delete(cacheKey);
      entries.set(cacheKey, found);
      const { meta, value } = found;
      const at = now();
      if (at > meta.timestamp + meta.revalidate * 1000) return undefined;
      let revalidate = meta.revalidate;
      for (const tag of [...meta.tags, ...softTags]) {
        if (isExpired(tags.get(tag), meta.timestamp, at)) return undefined;
        if (isStale(tags.get(tag), meta.timestamp)) revalidate = -1;
      }
      return { ...meta, revalidate, value: streamOf(value) };
    },
    async set(cacheKey, pendingEntry) {
      let done = () => {};
      pendingSets.set(cacheKey, new Promise((resolve) => (done = resolve)));
      try {
        const entry = await pendingEntry;
        const value = await readStream(entry.value);
        if (!process.env.__NEXT_DEV_SERVER && entry.expire === 0) return;
        const size = value.byteLength + cacheKey.length;
        if (size > maxBytes) return;
        remove(cacheKey);
        const { tags, stale, timestamp, revalidate, expire } = entry;
        entries.set(cacheKey, { meta: { tags, stale, timestamp, revalidate, expire }, value });
        bytes += size;
        while (bytes > maxBytes) remove(entries.keys().next().value);
      } catch {
        // an interrupted value is not kept
      } finally {
        done();
        pendingSets.delete(cacheKey);
      }
    },
    async refreshTags() {},
    async getExpiration(tagList) {
      const at = now();
      let max = 0;
      for (const tag of tagList) {
        const expired = tags.get(tag)?.expired;
        if (expired !== undefined && expired <= at && expired > max) max = expired;
      }
      return max;
    },
    async updateTags(tagList, durations) {
      const update = tagUpdate(now(), durations);
      for (const tag of tagList) boundedSet(tags, tag, mergeTagStates(tags.get(tag), update), LOCAL_TAGS_MAX);
    },
  };
}

/**
 * @param {string} url
 * @param {import('./next-cache-handler.d.mts').NextCacheHandlerOptions} options
 */
function createRedisHandler(url, options) {
  const prefix = options.keyPrefix ?? KEY_PREFIX;
  const keys = {
    entry: (cacheKey) => `${prefix}entry:${createHash('sha256').update(cacheKey).digest('base64url')}`,
    stale: `${prefix}tags:stale`,
    expired: `${prefix}tags:expired`,
    revision: `${prefix}tags:rev`,
    epoch: `${prefix}tags:epoch`,
    changes: `${prefix}tags:changes`,
    times: `${prefix}tags:times`,
    channel: `${prefix}tags`,
  };
  const retentionMs = options.tagRetentionMs ?? TAG_RETENTION_MS;
  const redisOptions = handlerRedisOptions(options.redisOptions);
  const client = new Redis(url, redisOptions);
  client.defineCommand('briskUpdateTags', { numberOfKeys: 6, lua: UPDATE_TAGS_SCRIPT });
  client.defineCommand('briskReadTags', { numberOfKeys: 5, lua: READ_TAGS_SCRIPT });
  client.defineCommand('briskPruneTags', { numberOfKeys: 4, lua: PRUNE_TAGS_SCRIPT });

  // Logging: one line when Redis goes away, one when it is back; failed calls at most every 30 s.
  let down = false;
  let lastCallWarning = 0;
  client.on('error', (error) => {
    if (!down) logger.warn({ err: error.message }, 'redis unavailable; rendered output is not shared until it is back');
    down = true;
  });
  const callFailed = (error, what) => {
    if (down || Date.now() - lastCallWarning < 30_000) return;
    lastCallWarning = Date.now();
    logger.warn({ err: String(error?.message ?? error), what }, 'redis call failed; treated as a miss');
  };

  // The first connection is awaited briefly, so that the first requests of a fresh process can
  // use Redis; after that, a call while the connection is down fails at once.
  let initialSettled = false;
  const initialConnection = new Promise((resolve) => {
    const settle = () => {
      initialSettled = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(settle, INITIAL_CONNECT_GRACE_MS);
    timer.unref?.();
    client.once('ready', settle);
    client.once('error', settle);
    client.once('close', settle);
    client.once('end', settle);
  });
  /** Until when calls are not sent: set by a failed call, cleared by a new connection. */
  let brokenUntil = 0;
  const usable = async () => {
    if (Date.now() < brokenUntil) return false;
    if (client.status === 'ready') return true;
    if (!initialSettled) await initialConnection;
    return client.status === 'ready';
  };

  /** @template T  @param {Promise<T>} promise  @returns {Promise<T>} */
  const timed = (promise) => {
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis call took over ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS);
    });
    promise.catch(() => {});
    return Promise.race([promise, timeout])
      .catch((error) => {
        brokenUntil = Date.now() + BREAK_MS;
        throw error;
      })
      .finally(() => clearTimeout(timer));
  };

  // --- tag state ---------------------------------------------------------------------------
  /** Invalidations made here (kept so that read-your-writes holds while Redis is away). */
  const localTags = new Map();
  /** Redis' tag state as last read (kept up to date change by change). */
  let remoteTags = new Map();
  /** Local invalidations that have not reached Redis yet. */
  const unsynced = new Map();
  const tagState = (tag) => mergeTagStates(localTags.get(tag), remoteTags.get(tag));

  const nextTagsManifest = options.mirrorToNextTagsManifest === false ? undefined : loadNextTagsManifest();
  /** Copies tag states into Next's manifest, so that its ISR cache sees other instances' invalidations. */
  const mirror = (tags) => {
    if (!nextTagsManifest) return;
    for (const tag of tags) {
      const state = tagState(tag);
      if (!state) continue;
      const existing = nextTagsManifest.get(tag) ?? {};
      const updated = { ...existing };
      if (state.stale !== undefined && state.stale > (existing.stale ?? -Infinity)) updated.stale = state.stale;
      if (state.expired !== undefined) updated.expired = state.expired;
      if (updated.stale !== existing.stale || updated.expired !== existing.expired) nextTagsManifest.set(tag, updated);
    }
  };

  const writeTags = async (updates) => {
    const args = [keys.channel, randomUUID(), String(Date.now())];
    for (const [tag, update] of updates) {
      args.push(
        tag,
        update.stale === undefined ? '' : String(update.stale),
        update.expired === undefined ? '' : `${update.expiredWrittenAt}:${update.expired}`,
      );
    }
    await timed(
      client.briskUpdateTags(keys.stale, keys.expired, keys.revision, keys.epoch, keys.changes, keys.times, ...args),
    );
  };

  let flushing = false;
  const flushUnsynced = async () => {
    if (flushing || unsynced.size === 0 || client.status !== 'ready' || Date.now() < brokenUntil) return;
    flushing = true;
    const updates = [...unsynced];
    unsynced.clear();
    try {
      await writeTags(updates);
      logger.info({ tags: updates.length }, 'tag invalidations made while redis was away are now shared');
    } catch (error) {
      for (const [tag, update] of updates) unsynced.set(tag, mergeTagStates(update, unsynced.get(tag)));
      callFailed(error, 'flush tags');
    } finally {
      flushing = false;
    }
  };

  const readTags = (mode, from) =>
    timed(client.briskReadTags(keys.revision, keys.epoch, keys.changes, keys.stale, keys.expired, mode, String(from), TAG_PAGE));

  // Reads are applied in the order they started, so an older one never overwrites a newer one.
  let fetchSequence = 0;
  let appliedSequence = 0;
  /** Revision and epoch of Redis' tag state that `remoteTags` reflects (null: none yet). */
  let appliedRevision = null;
  let appliedEpoch = null;
  /** @type {undefined | { startedAt: number, promise: Promise<void> }} */
  let fetching;
  let lastPrune = 0;

  /** Everything, page by page; the revision of the first page is the one reflected. */
  const readAllTags = async () => {
    const [revision, epoch, ...first] = await readTags('all', 0);
    const pages = [first];
    for (let start = TAG_PAGE; pages.at(-1)[0].length === TAG_PAGE; start += TAG_PAGE) {
      const [, , ...page] = await readTags('all', start);
      pages.push(page);
    }
    return { revision, epoch, pages };
  };

  const fetchTags = async () => {
    const sequence = ++fetchSequence;
    let full = appliedSequence === 0 || appliedRevision === null;
    let read;
    if (!full) {
      const [revision, epoch, ...page] = await readTags('since', appliedRevision);
      // Another epoch (Redis lost its state), a revision gone back, or too much to catch up with.
      full =
        epoch !== appliedEpoch || Number(revision ?? 0) < Number(appliedRevision) || page[0].length === TAG_PAGE;
      read = { revision, epoch, pages: [page] };
    }
    if (full) read = await readAllTags();
    if (sequence <= appliedSequence) return;
    appliedSequence = sequence;
    appliedRevision = read.revision ?? null;
    appliedEpoch = read.epoch ?? null;
    const next = full ? new Map() : remoteTags;
    const changed = [];
    for (const [tags, staleValues, expiredValues] of read.pages) {
      tags.forEach((tag, i) => {
        const state = tagStateFromRedis(staleValues[i], expiredValues[i]);
        if (!sameTagState(state, remoteTags.get(tag))) changed.push(tag);
        if (state) next.set(tag, state);
        else next.delete(tag);
      });
    }
    remoteTags = next;
    mirror(changed);
    prune();
  };

  /** Now and then, drops tags changed so long ago that no stored entry can predate them. */
  const prune = () => {
    const at = Date.now();
    if (at - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = at;
    const cutoff = at - retentionMs;
    for (const [tag, state] of remoteTags) {
      if (Math.max(state.stale ?? -Infinity, state.expiredWrittenAt ?? -Infinity, state.expired ?? -Infinity) < cutoff) {
        remoteTags.delete(tag);
      }
    }
    timed(client.briskPruneTags(keys.stale, keys.expired, keys.changes, keys.times, String(cutoff), TAG_PAGE)).catch(
      (error) => callFailed(error, 'prune tags'),
    );
  };

  /** Brings `remoteTags` up to date with Redis (one MGET when nothing changed). */
  const syncTags = async () => {
    if (!(await usable())) return;
    const startedAt = performance.now();
    try {
      const [revision, epoch] = await timed(client.mget(keys.revision, keys.epoch));
      // Invalidations made while Redis hung (the connection stayed up: no 'ready' to flush them).
      if (unsynced.size > 0) void flushUnsynced();
      if (appliedSequence > 0 && revision === appliedRevision && epoch === appliedEpoch) return;
      // A read that started before this call may predate the change this call has seen.
      if (!fetching || fetching.startedAt < startedAt) {
        const promise = fetchTags().finally(() => {
          if (fetching?.promise === promise) fetching = undefined;
        });
        fetching = { startedAt: performance.now(), promise };
      }
      await fetching.promise;
    } catch (error) {
      callFailed(error, 'refresh tags');
    }
  };

  // Pages served from the ISR cache never call refreshTags(): a subscription tells this
  // instance at once, and a poll covers messages lost while the subscriber reconnected.
  const timers = [];
  let subscriber;
  client.on('ready', () => {
    if (down) logger.info('redis is back; rendered output is shared again');
    down = false;
    brokenUntil = 0;
    void flushUnsynced();
    void syncTags();
  });
  const pollMs = options.tagPollMs ?? TAG_POLL_MS;
  if (pollMs > 0) {
    const timer = setInterval(() => void syncTags(), pollMs);
    timer.unref?.();
    timers.push(timer);
  }
  if (options.subscribe !== false) {
    subscriber = client.duplicate();
    subscriber.on('error', () => {});
    subscriber.on('ready', () => {
      subscriber.subscribe(keys.channel).catch(() => {});
    });
    subscriber.on('message', () => void syncTags());
  }

  const pendingSets = new Map();

  /** @type {import('next/cache').CacheHandler} */
  const handler = {
    async get(cacheKey, softTags = []) {
      const pending = pendingSets.get(cacheKey);
      if (pending) await pending;
      if (!(await usable())) return undefined;
      let buffer;
      try {
        buffer = await timed(client.getBuffer(keys.entry(cacheKey)));
      } catch (error) {
        callFailed(error, 'get');
        return undefined;
      }
      if (!buffer) return undefined;
      const decoded = decodeEntry(buffer);
      if (!decoded) return undefined;
      const { meta, value } = decoded;
      const at = now();
      if (at > meta.timestamp + meta.expire * 1000 && !process.env.__NEXT_DEV_SERVER) return undefined;
      let revalidate = meta.revalidate;
      for (const tag of meta.tags) {
        const state = tagState(tag);
        if (isExpired(state, meta.timestamp, at)) return undefined;
        if (isStale(state, meta.timestamp)) revalidate = -1;
      }
      for (const tag of softTags) {
        const state = tagState(tag);
        if (isExpired(state, meta.timestamp, at)) return undefined;
        if (isStale(state, meta.timestamp)) revalidate = -1;
      }
      return { ...meta, revalidate, value: streamOf(value) };
    },

    async set(cacheKey, pendingEntry) {
      let done = () => {};
      const pending = new Promise((resolve) => (done = resolve));
      pendingSets.set(cacheKey, pending);
      try {
        const entry = await pendingEntry;
        // The stream is always consumed, even when the entry is not stored.
        const value = await readStream(entry.value);
        // In production an `expire: 0` entry is regenerated on every read: never served back.
        if (!process.env.__NEXT_DEV_SERVER && entry.expire === 0) return;
        if (value.byteLength > MAX_ENTRY_BYTES) return;
        const ttl = entryTtlMs(entry);
        if (!(ttl > 0)) return;
        if (!(await usable())) return;
        await timed(client.set(keys.entry(cacheKey), encodeEntry(entry, value), 'PX', ttl));
      } catch (error) {
        // An interrupted value is discarded; a failed write is skipped.
        callFailed(error, 'set');
      } finally {
        done();
        if (pendingSets.get(cacheKey) === pending) pendingSets.delete(cacheKey);
      }
    },

    async refreshTags() {
      await syncTags();
    },

    async getExpiration(tags) {
      const at = now();
      let max = 0;
      for (const tag of tags) {
        const expired = tagState(tag)?.expired;
        if (expired !== undefined && expired <= at && expired > max) max = expired;
      }
      return max;
    },

    async updateTags(tags, durations) {
      if (tags.length === 0) return;
      const update = tagUpdate(now(), durations);
      const updates = [];
      for (const tag of tags) {
        boundedSet(localTags, tag, mergeTagStates(localTags.get(tag), update), LOCAL_TAGS_MAX);
        updates.push([tag, update]);
      }
      try {
        if (!(await usable())) throw new Error('redis is not connected');
        await writeTags(updates);
      } catch (error) {
        for (const [tag, pendingUpdate] of updates) {
          boundedSet(unsynced, tag, mergeTagStates(unsynced.get(tag), pendingUpdate), LOCAL_TAGS_MAX);
        }
        callFailed(error, 'update tags');
      }
    },
  };

  return {
    ...neverThrow(handler, 'redis'),
    mode: 'redis',
    async close() {
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([client.quit(), subscriber?.quit()]);
      client.disconnect();
      subscriber?.disconnect();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What Next imports: one handler per process, created on first use (so that importing this
// module, in tests or at build time, opens no connection), for both `default` and `remote`.

let instance;
const current = () => (instance ??= createNextCacheHandler());

/** @type {import('next/cache').CacheHandler} */
const nextCacheHandler = {
  get: (cacheKey, softTags) => current().get(cacheKey, softTags),
  set: (cacheKey, pendingEntry) => current().set(cacheKey, pendingEntry),
  refreshTags: () => current().refreshTags(),
  getExpiration: (tags) => current().getExpiration(tags),
  updateTags: (tags, durations) => current().updateTags(tags, durations),
};

export default nextCacheHandler;
