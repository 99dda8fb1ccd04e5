import { recordReadDependency } from '@/lib/metrics/context';
import { cached, refreshCached, type CachedRead, type KeyPart } from './cache';
import type { CacheKind } from './kinds';

/**
 * One cached read, described once: its kind (lifetime), its key and tags as functions of its
 * arguments, and its loader. The page reads it with `get`, a job that keeps it warm with `get`
 * or `refresh`: both store the entry under the same key and tags, so a warm-up can never leave
 * an entry that the page's invalidations do not reach.
 */
export interface CachedReadSpec<A extends unknown[], T> {
  kind: CacheKind;
  /**
   * Everything the value depends on, the viewer (or the viewer's visibility class) included.
   * Never a token or an e-mail address: pass hashKeyPart(value) instead.
   */
  key: (...args: A) => readonly KeyPart[];
  /** Tags that invalidate() drops the value by: one per record or owner whose change alters it. */
  tags: (...args: A) => readonly string[];
  /** The uncached read; returns plain, JSON-safe data. */
  load: (...args: A) => Promise<T>;
}

export interface CachedReadDescriptor<A extends unknown[], T> {
  readonly kind: CacheKind;
  /** The value, from the cache or the loader (counted as a hit, miss or stale read). */
  get(...args: A): Promise<T>;
  /** Recomputes and stores the value (a background refresh); fails when the loader fails. */
  refresh(...args: A): Promise<T>;
  /** The loader alone, uncached. */
  load(...args: A): Promise<T>;
  /** The tags the entry for these arguments carries. */
  tags(...args: A): readonly string[];
}

export function cachedRead<A extends unknown[], T>(spec: CachedReadSpec<A, T>): CachedReadDescriptor<A, T> {
  const entry = (args: A): CachedRead<T> => ({ kind: spec.kind, key: spec.key(...args), tags: spec.tags(...args), factory: () => spec.load(...args) });
  return {
    kind: spec.kind,
    get: (...args) => {
      const read = entry(args);
      // The request's output now depends on this value: its tags and lifetime (lib/render-cache).
      recordReadDependency(read.tags ?? [], spec.kind.ttl);
      return cached(read);
    },
    refresh: (...args) => refreshCached(entry(args)),
    load: (...args) => spec.load(...args),
    tags: (...args) => spec.tags(...args),
  };
}
