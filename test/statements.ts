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
