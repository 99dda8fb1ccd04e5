import { describe, expect, it } from 'vitest';
import { MemoryMetricsStore, routeStats, type RequestSample } from './store';

const sample = (route: string, durationMs: number): RequestSample => ({ route, kind: 'page', durationMs, statements: 2, dbMs: 1, cacheHits: 0, cacheMisses: 0, at: 0 });

/** 1..n in a shuffled order (a fixed one: the test must not depend on luck). */
const shuffled = (n: number) => Array.from({ length: n }, (_, i) => ((i * 37) % n) + 1);

describe('route metrics', () => {
  it('give the p50, p95 and p99 of the durations recorded, and statements per request', () => {
    const store = new MemoryMetricsStore();
    for (const ms of shuffled(100)) store.recordRequest(sample('/wishlists', ms));
    const [route] = store.snapshot().routes;
    expect(route).toMatchObject({ route: '/wishlists', count: 100, p50: 50, p95: 95, p99: 99, statementsPerRequest: 2, avgStatementMs: 0.5 });
  });

  it('keep the percentiles to the last 1,000 requests of a route, and its count to all of them', () => {
    const store = new MemoryMetricsStore();
    for (let i = 0; i < 1_000; i++) store.recordRequest(sample('/channels', 500));
    for (const ms of shuffled(1_000)) store.recordRequest(sample('/channels', ms));
    expect(store.snapshot().routes[0]).toMatchObject({ count: 2_000, p50: 500, p95: 950, p99: 990 });
  });

  it('order the durations Redis returns (strings) by value, not as text', () => {
    const stats = routeStats('/leads', { count: 4, statements: 0, dbMs: 0, durations: ['9.50', '10.25', '100.00', '2.00'] });
    expect(stats).toMatchObject({ p50: 9.5, p95: 100, p99: 100, statementsPerRequest: 0, avgStatementMs: 0 });
  });

  it('answer 0 for a route without durations', () => {
    expect(routeStats('/ops', { count: 0, statements: 0, dbMs: 0, durations: [] })).toMatchObject({ p50: 0, p95: 0, p99: 0 });
  });
});
