import fc from 'fast-check';

/**
 * How the hostile suite runs its properties: one seed per test process (random, or
 * HOSTILE_SEED=<n> to replay a failure: every failure message names it), and a number of runs
 * per property scaled by HOSTILE_RUNS (a factor, 1 by default: CI's budget).
 */
const SEED = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : Math.floor(Math.random() * 2 ** 31);
const FACTOR = process.env.HOSTILE_RUNS ? Number(process.env.HOSTILE_RUNS) : 1;

export const hostileSeed = () => SEED;
export const runs = (base: number) => Math.max(1, Math.round(base * FACTOR));

/**
 * A property's time budget: runs that start after it are skipped (they pass without calling
 * anything), so an action whose every accepted input hashes a password (signing up) cannot hold
 * up the suite. A run is never cut short: the database stays in step with the runs.
 */
const TIME_BUDGET_MS = 6_000 * FACTOR;

/** Runs a property with the suite's seed and time budget; a failure says how to replay it. */
export async function checkProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>, numRuns: number): Promise<void> {
  const deadline = performance.now() + TIME_BUDGET_MS;
  const property = fc.asyncProperty(arbitrary, async (value) => {
    if (performance.now() > deadline) return;
    await predicate(value);
  });
  try {
    await fc.assert(property, { numRuns: runs(numRuns), seed: SEED });
  } catch (error) {
    if (error instanceof Error) error.message = `Replay with HOSTILE_SEED=${SEED}.\n${error.message}`;
    throw error;
  }
}

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort().join(',');

/** Object.prototype as it was when the suite started (no `__proto__` key has polluted it). */
export function prototypeIntact(): boolean {
  const probe = {} as Record<string, unknown>;
  return Object.getOwnPropertyNames(Object.prototype).sort().join(',') === PROTOTYPE_KEYS && probe.polluted === undefined && probe.isAdmin === undefined && probe.role === undefined;
}
