import { expect } from 'vitest';
import { newRequestMetrics, runWithMetrics, type RequestMetrics } from '@/lib/metrics/context';
import { finishRequest } from '@/lib/metrics/request';

/**
 * Runs `fn` as one request and returns what it did. The N+1 guard applies: a repeated
 * statement shape fails the test.
 */
export async function countStatements<T>(fn: () => Promise<T>, route = 'test'): Promise<{ result: T; statements: number; metrics: RequestMetrics }> {
  const metrics = newRequestMetrics(route, 'task');
  const result = await runWithMetrics(metrics, fn);
  finishRequest(metrics);
  return { result, statements: metrics.statements, metrics };
}

/** Asserts that `fn` runs at most `budget` SQL statements (and no N+1), and returns its result. */
export async function expectStatementBudget<T>(budget: number, fn: () => Promise<T>): Promise<T> {
  const { result, statements, metrics } = await countStatements(fn);
  expect(statements, `statements run: ${[...metrics.shapes.keys()].join(' | ')}`).toBeLessThanOrEqual(budget);
  return result;
}

/**
 * Asserts that a cached read costs exactly `cold` statements (one cache miss) on a first call and
 * none on a second that returns the same value, before and after `grow` adds data for it, and
 * that the second round really read more (`size`): the count must not grow with the data.
 */
export async function expectFlatStatementBudget<T>(cold: number, read: () => Promise<T>, size: (value: T) => number, grow: () => Promise<void>): Promise<void> {
  const sizes: number[] = [];
  for (const round of [0, 1]) {
    if (round === 1) await grow();
    const first = await countStatements(read);
    expect(first.statements, `statements run: ${[...first.metrics.shapes.keys()].join(' | ')}`).toBe(cold);
    expect(first.metrics.cache.misses).toBe(1);
    const again = await countStatements(read);
    expect(again.statements).toBe(0);
    expect(again.metrics.cache).toMatchObject({ hits: 1, misses: 0 });
    expect(again.result).toEqual(first.result);
    sizes.push(size(first.result));
  }
  expect(sizes[1]).toBeGreaterThan(sizes[0]!);
}
