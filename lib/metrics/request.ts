import { unstable_rethrow } from 'next/navigation';
import { cache } from 'react';
import { ApiError, apiError } from '@/lib/api-errors';
import { isDatabaseUnavailable } from '@/lib/db/errors';
import { noteDatabaseUnavailable } from '@/lib/db/health';
import { processGlobal } from '@/lib/process-global';
import { sharedRedis } from '@/lib/redis/client';
import { newRequestMetrics, onCacheRead, repeatedShapes, runWithMetrics, type RequestKind, type RequestMetrics } from './context';
import { logger } from './logger';
import { MemoryMetricsStore, RedisMetricsStore, type MetricsSnapshot, type RequestSample } from './store';

/** The plans' thresholds for a slow request. */
export const SLOW_REQUEST_MS = 200;
export const SLOW_REQUEST_STATEMENTS = 20;

export class NPlusOneError extends Error {
  constructor(
    public readonly route: string,
    public readonly repeated: { shape: string; count: number }[],
  ) {
    super(`N+1 in ${route}: ${repeated.map((r) => `${r.count}× ${r.shape.slice(0, 160)}`).join('; ')}`);
    this.name = 'NPlusOneError';
  }
}

const memory = processGlobal('metricsMemory', () => new MemoryMetricsStore());

function redisMetrics(): RedisMetricsStore | undefined {
  return (
    processGlobal('metricsRedis', () => {
      const redis = sharedRedis();
      return redis ? new RedisMetricsStore(redis) : null;
    }) ?? undefined
  );
}

onCacheRead((namespace, outcome) => {
  memory.recordCache(namespace, outcome);
  redisMetrics()?.recordCache(namespace, outcome);
});

const inTests = () => Boolean(process.env.VITEST) || process.env.NODE_ENV === 'test';

/**
 * Closes a request's books: per-route metrics, the slow-request log, and the N+1 guard, which
 * fails tests and warns everywhere else. Returns the sample that was recorded.
 */
export interface FinishOptions {
  /** The work repeats one statement by design (a delete in bounded batches): no N+1 check. */
  repeatsStatements?: boolean;
}

export function finishRequest(metrics: RequestMetrics, options: FinishOptions = {}, endedAt = performance.now()): RequestSample {
  const sample: RequestSample = {
    route: metrics.route,
    kind: metrics.kind,
    durationMs: Math.round((endedAt - metrics.startedAt) * 100) / 100,
    statements: metrics.statements,
    dbMs: Math.round(metrics.dbMs * 100) / 100,
    cacheHits: metrics.cache.hits + metrics.cache.stale,
    cacheMisses: metrics.cache.misses,
    at: Date.now(),
  };
  memory.recordRequest(sample);
  redisMetrics()?.recordRequest(sample);
  if (sample.durationMs > SLOW_REQUEST_MS || sample.statements > SLOW_REQUEST_STATEMENTS) {
    logger.warn(sample, 'slow request');
  }
  const repeated = options.repeatsStatements ? [] : repeatedShapes(metrics);
  if (repeated.length > 0) {
    const error = new NPlusOneError(metrics.route, repeated);
    if (inTests()) throw error;
    logger.warn({ route: metrics.route, repeated }, error.message);
  }
  return sample;
}

/**
 * Runs `fn` as one measured request (route handlers, server actions, jobs). A request that
 * throws is recorded too (failures are often the slow ones), then the error goes on.
 */
export async function measure<T>(
  route: string,
  kind: RequestKind,
  fn: () => Promise<T>,
  options: FinishOptions = {},
): Promise<{ result: T; sample: RequestSample; metrics: RequestMetrics }> {
  const metrics = newRequestMetrics(route, kind);
  let result: T;
  try {
    result = await runWithMetrics(metrics, fn);
  } catch (error) {
    finishRequest(metrics, { ...options, repeatsStatements: true });
    throw error;
  }
  const sample = finishRequest(metrics, options);
  return { result, sample, metrics };
}

/** The Server-Timing header value of a measured request. */
export function serverTiming(sample: RequestSample): string {
  return [
    `db;dur=${sample.dbMs.toFixed(1)};desc="${sample.statements} statements"`,
    `cache;desc="${sample.cacheHits} hits, ${sample.cacheMisses} misses"`,
    `total;dur=${sample.durationMs.toFixed(1)}`,
  ].join(', ');
}

/**
 * Wraps a route handler: measures it and sends Server-Timing. Headers of an immutable response
 * (e.g. a redirect) are copied into a new one. A handler that throws answers JSON like every
 * other API error: 503 with Retry-After while the database is unreachable, else 500; the error
 * is logged, never sent.
 */
export function withRoute<Args extends unknown[]>(route: string, handler: (...args: Args) => Promise<Response>) {
  return async (...args: Args): Promise<Response> => {
    let measured: Awaited<ReturnType<typeof measure<Response>>>;
    try {
      measured = await measure(route, 'route', () => handler(...args));
    } catch (error) {
      // Next's own control flow (notFound(), redirect(), prerendering bail-outs) is not a failure.
      unstable_rethrow(error);
      if (error instanceof NPlusOneError) throw error;
      // An answer the handler chose (a bad query, a missing record): not a failure.
      if (error instanceof ApiError) return error.toResponse();
      const unavailable = isDatabaseUnavailable(error);
      if (unavailable) noteDatabaseUnavailable();
      logger.error({ route, err: error instanceof Error ? error.message : String(error) }, unavailable ? 'route: database unavailable' : 'route: failed');
      return unavailable
        ? apiError(503, 'The database is not reachable right now: try again in a few seconds.', undefined, { 'Retry-After': '5' })
        : apiError(500, 'Something went wrong on our side. It has been logged.');
    }
    const { result, sample } = measured;
    try {
      result.headers.append('Server-Timing', serverTiming(sample));
      return result;
    } catch {
      const copy = new Response(result.body, result);
      copy.headers.append('Server-Timing', serverTiming(sample));
      return copy;
    }
  };
}

/**
 * Metrics of all instances (Redis) when configured and reachable, else of this one. Read once per
 * render (React's cache): the ops console's widgets share it. Each read brings every route's
 * recent durations from Redis; three reads per console render made it the slowest page under load.
 */
export const metricsSnapshot = cache(async (): Promise<MetricsSnapshot> => {
  const redis = redisMetrics();
  if (redis) {
    try {
      return await redis.snapshot();
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'metrics: redis unreachable, showing this instance only');
    }
  }
  return memory.snapshot();
});

/** For tests: forget what this instance recorded. */
export function resetLocalMetrics() {
  memory.reset();
}
