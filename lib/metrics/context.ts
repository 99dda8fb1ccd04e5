import { AsyncLocalStorage } from 'node:async_hooks';
import { processGlobal } from '@/lib/process-global';
import { isTransactionControl, statementShape } from './statement-shape';

export type RequestKind = 'page' | 'route' | 'action' | 'job' | 'task';

/** What one request (page render, route handler, server action, job run) did. */
export interface RequestMetrics {
  route: string;
  kind: RequestKind;
  /** performance.now() at the start. */
  startedAt: number;
  statements: number;
  dbMs: number;
  /** How often each statement shape ran (for the N+1 guard). */
  shapes: Map<string, number>;
  cache: { hits: number; misses: number; stale: number };
  /** Who the request was rendered for (pages), when known. */
  viewerId?: string;
  /**
   * What the request's output depends on: the tags of every cached read it made, the shortest
   * lifetime among them, and the statements it ran outside any cached read's loader (a page's
   * finished output may be cached only when that is 0: lib/render-cache).
   */
  reads: { tags: Set<string>; minTtl: number | null; uncachedStatements: number };
}

export function newRequestMetrics(route: string, kind: RequestKind, startedAt = performance.now()): RequestMetrics {
  return { route, kind, startedAt, statements: 0, dbMs: 0, shapes: new Map(), cache: { hits: 0, misses: 0, stale: 0 }, reads: { tags: new Set(), minTtl: null, uncachedStatements: 0 } };
}

const state = processGlobal('metricsContext', () => ({
  storage: new AsyncLocalStorage<RequestMetrics>(),
  /** Set while a cached read's loader runs: its statements are accounted to that read. */
  loader: new AsyncLocalStorage<{ rerun: boolean }>(),
  implicitResolver: undefined as (() => RequestMetrics | undefined) | undefined,
  cacheReadListener: undefined as ((namespace: string, outcome: CacheOutcome) => void) | undefined,
}));

/**
 * Resolves the metrics of the request in progress. Route handlers, server actions, jobs and
 * tests enter a context explicitly (runWithMetrics); page renders are found through a resolver
 * that lib/metrics/next.ts installs, since React renders a page's components with no single
 * entry point of ours.
 */
export function setImplicitResolver(resolver: () => RequestMetrics | undefined) {
  state.implicitResolver = resolver;
}

export function currentMetrics(): RequestMetrics | undefined {
  return state.storage.getStore() ?? state.implicitResolver?.();
}

export function runWithMetrics<T>(metrics: RequestMetrics, fn: () => T): T {
  return state.storage.run(metrics, fn);
}

/**
 * Runs a cached read's loader: its statements belong to a value with tags, not to the request's
 * own output. `rerun`: the same load again, because a write raced the previous one (lib/cache).
 */
export function runInLoader<T>(fn: () => T, options: { rerun?: boolean } = {}): T {
  return state.loader.run({ rerun: options.rerun ?? false }, fn);
}

/** A cached read of the request: its tags and lifetime become part of what the output depends on. */
export function recordReadDependency(tags: readonly string[], ttl: number) {
  const metrics = currentMetrics();
  if (!metrics) return;
  for (const tag of tags) metrics.reads.tags.add(tag);
  metrics.reads.minTtl = metrics.reads.minTtl === null ? ttl : Math.min(metrics.reads.minTtl, ttl);
}

export function recordStatement(sql: string, durationMs: number) {
  const metrics = currentMetrics();
  if (!metrics) return;
  metrics.statements += 1;
  metrics.dbMs += durationMs;
  const loader = state.loader.getStore();
  if (!loader) metrics.reads.uncachedStatements += 1;
  if (isTransactionControl(sql)) return;
  // A load run again after a racing write repeats its own statements once more: not an N+1.
  if (loader?.rerun) return;
  const shape = statementShape(sql);
  metrics.shapes.set(shape, (metrics.shapes.get(shape) ?? 0) + 1);
}

export type CacheOutcome = 'hit' | 'miss' | 'stale';

/** Counts a data-cache read for the current request and for its namespace. */
export function recordCacheRead(namespace: string, outcome: CacheOutcome) {
  const metrics = currentMetrics();
  if (metrics) {
    if (outcome === 'hit') metrics.cache.hits += 1;
    else if (outcome === 'miss') metrics.cache.misses += 1;
    else metrics.cache.stale += 1;
  }
  state.cacheReadListener?.(namespace, outcome);
}

export function onCacheRead(listener: (namespace: string, outcome: CacheOutcome) => void) {
  state.cacheReadListener = listener;
}

/** The same statement shape this many times in one request is an N+1 (Bullet's rule, roughly). */
export const N_PLUS_ONE_THRESHOLD = 3;

export function repeatedShapes(metrics: RequestMetrics): { shape: string; count: number }[] {
  return [...metrics.shapes.entries()].filter(([, count]) => count >= N_PLUS_ONE_THRESHOLD).map(([shape, count]) => ({ shape, count }));
}
