/**
 * The plans' targets for each route and figure (../shared/seeds). A target has a limit when
 * the plan gives a number the figure can be checked against; `before` is the plan's own
 * starting point, for context.
 *
 * - Plan 000 (Wishare, the Wishlists module): dashboard 65.73 ms → < 50 ms, wishlist index
 *   141.62 ms → < 100 ms, 15–20 queries → < 10, cache hit rate 0 % → > 70 %; its request specs:
 *   root < 200 ms and ≤ 15 queries, index < 300 ms; its load test (ab -c 10 pages, -c 5 API):
 *   dashboard < 200 ms, wishlists < 300 ms, API < 100 ms average.
 * - Plan 004 (Depictio): consolidated API 266 ms cold / 98 ms warm → 60–80 ms / 10 ms; initial
 *   page load 745 ms → 350 ms; cache hit rate > 90 %.
 */
export type Figure = 'coldTotal' | 'warmTotal' | 'statements' | 'loadMean' | 'hitRate';

export interface PlanTarget {
  /** The figure must stay at or under this (ms, statements) — or, for hitRate, above it. */
  limit: number;
  text: string;
  source: string;
  before?: string;
}

const STATEMENTS: PlanTarget = { limit: 9, text: '< 10', source: '000', before: '15–20' };
const HIT_RATE: PlanTarget = { limit: 0.9, text: '> 90 %', source: '004 (000: > 70 %)', before: '0 %' };
const PAGE_LOAD: PlanTarget = { limit: 350, text: '≤ 350 ms', source: '004 initial page load', before: '745 ms' };
const API: Partial<Record<Figure, PlanTarget>> = {
  coldTotal: { limit: 80, text: '60–80 ms', source: '004 consolidated API, cold', before: '266 ms' },
  warmTotal: { limit: 10, text: '≤ 10 ms', source: '004 consolidated API, warm', before: '98 ms' },
  statements: STATEMENTS,
  loadMean: { limit: 100, text: '< 100 ms mean', source: '000 load test (ab -c 5)' },
  hitRate: HIT_RATE,
};

export const PLAN_TARGETS: Record<string, Partial<Record<Figure, PlanTarget>>> = {
  '/': {
    coldTotal: { limit: 200, text: '< 200 ms', source: '000 request spec (root); 004 page load 350 ms' },
    warmTotal: { limit: 50, text: '< 50 ms', source: '000 dashboard load', before: '65.73 ms' },
    statements: STATEMENTS,
    loadMean: { limit: 200, text: '< 200 ms mean', source: '000 load test (ab -c 10)' },
    hitRate: HIT_RATE,
  },
  '/wishlists': {
    coldTotal: { limit: 300, text: '< 300 ms', source: '000 request spec (index); 004 page load 350 ms', before: '745 ms (004)' },
    warmTotal: { limit: 100, text: '< 100 ms', source: '000 wishlist index', before: '141.62 ms' },
    statements: STATEMENTS,
    loadMean: { limit: 300, text: '< 300 ms mean', source: '000 load test (ab -c 10)' },
    hitRate: HIT_RATE,
  },
  '/wishlists/[id]': {
    coldTotal: PAGE_LOAD,
    statements: STATEMENTS,
    hitRate: HIT_RATE,
  },
  '/api/v1/wishlists': API,
  '/api/v1/wishlists/[id]': API,
};

/** Whether a figure meets its target (hit rates must exceed, everything else stay under). */
export function meets(figure: Figure, target: PlanTarget, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  return figure === 'hitRate' ? value > target.limit : value <= target.limit;
}
