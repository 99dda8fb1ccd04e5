// Types of next-cache-handler.mjs (plain JavaScript: Next imports it at run time with Node).
import type { RedisOptions } from 'ioredis';
import type { CacheHandler } from 'next/cache';

export interface NextCacheHandlerOptions {
  /** Default: process.env.REDIS_URL. Unset, empty or not redis(s)://: in memory. */
  redisUrl?: string;
  /** Prefix of every Redis key and of the channel. Default: KEY_PREFIX. */
  keyPrefix?: string;
  /** Overrides of handlerRedisOptions(). */
  redisOptions?: RedisOptions;
  /** How often tag invalidations are fetched in the background, in ms; 0: never. Default 1000. */
  tagPollMs?: number;
  /** Subscribe to invalidations published by other instances. Default true. */
  subscribe?: boolean;
  /** Copy invalidations of other instances into Next's tags manifest (its ISR cache). Default true. */
  mirrorToNextTagsManifest?: boolean;
  /** Tags invalidated longer ago than this are forgotten (tests). Default: the entry TTL cap + 1 day. */
  tagRetentionMs?: number;
  /** Size of the in-memory cache when there is no Redis. Default 50 MB. */
  memoryMaxBytes?: number;
}

export interface NextCacheHandler extends CacheHandler {
  readonly mode: 'redis' | 'memory';
  /** Stops timers and closes the Redis connections (tests). */
  close(): Promise<void>;
}

export interface TagState {
  stale?: number;
  expired?: number;
  expiredWrittenAt?: number;
}

export interface EntryMeta {
  tags: string[];
  stale: number;
  timestamp: number;
  revalidate: number;
  expire: number;
}

export const KEY_PREFIX: string;
export const ENTRY_TTL_CAP_SECONDS: number;
export function handlerRedisOptions(overrides?: RedisOptions): RedisOptions;
export function createNextCacheHandler(options?: NextCacheHandlerOptions): NextCacheHandler;
export function createLruHandler(maxBytes?: number): CacheHandler;
export function encodeEntry(meta: EntryMeta, value: Uint8Array): Buffer;
export function decodeEntry(buffer: Buffer): { meta: EntryMeta; value: Buffer } | undefined;
export function entryTtlMs(entry: Pick<EntryMeta, 'timestamp' | 'expire'>, at?: number): number;
export function mergeTagStates(a: TagState | undefined, b: TagState | undefined): TagState | undefined;

declare const nextCacheHandler: CacheHandler;
export default nextCacheHandler;
