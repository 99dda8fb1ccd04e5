/**
 * Bench mode: the server was started by `npm run bench` (BRISK_BENCH=1). Only then do the
 * benchmark's own routes exist (the naive baselines under /bench and /api/v1/bench); every
 * other server answers them 404. Read at request time, never at build time, so that one build
 * serves both and a production server can never be switched into it by its build.
 */
export const BENCH_MODE_VARIABLE = 'BRISK_BENCH';

/** In bench mode only: render the page even when the render cache holds it (the render-cost figures). */
export const BYPASS_RENDER_CACHE_HEADER = 'x-brisk-bypass-render-cache';

export function isBenchMode(): boolean {
  return process.env[BENCH_MODE_VARIABLE] === '1';
}

export class NotInBenchModeError extends Error {
  constructor() {
    super(`the naive baseline runs only when the server is started with ${BENCH_MODE_VARIABLE}=1 (npm run bench)`);
    this.name = 'NotInBenchModeError';
  }
}

/** Throws unless in bench mode: code that exists for the benchmark never runs anywhere else. */
export function assertBenchMode(): void {
  if (!isBenchMode()) throw new NotInBenchModeError();
}
