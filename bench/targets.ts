import type { BenchFigure, PlanTarget } from '@/lib/modules/manifest';

/**
 * The plans' targets live with each route in its module's manifest (lib/<module>/module.ts,
 * `bench`): a limit where the plan gives a number the figure can be checked against, and the
 * plan's own starting point (`before`) for context.
 */
export type Figure = BenchFigure;
export type { PlanTarget } from '@/lib/modules/manifest';

/** Whether a figure meets its target (hit rates must exceed, everything else stay under). */
export function meets(figure: Figure, target: PlanTarget, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  return figure === 'hitRate' ? value > target.limit : value <= target.limit;
}
