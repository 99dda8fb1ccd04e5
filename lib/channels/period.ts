import type { DailyPoint, Period, PeriodWindow, Totals } from './types';

/*
 * Periods and days (UTC): pure functions shared by the reads, the naive baseline and the views.
 */

const DAY_MS = 86_400_000;

/** `2026-11-23` for a moment (UTC). */
export const isoDay = (moment: Date): string => moment.toISOString().slice(0, 10);

/** The day `days` after (or before, negative) an ISO day. */
export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Today, UTC. */
export const today = (now = new Date()): string => isoDay(now);

/** The period of `period` days ending today (today included), and the one just before it. */
export function periodWindow(period: Period, now = new Date()): PeriodWindow {
  const end = today(now);
  const start = addDays(end, -(period - 1));
  return { period, start, end, previousStart: addDays(start, -period), previousEnd: addDays(start, -1) };
}

/** Every day from `start` to `end`, both included. */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) days.push(day);
  return days;
}

export const zeroTotals = (): Totals => ({ posts: 0, views: 0, likes: 0, forwards: 0 });

export function sumTotals(rows: readonly Totals[]): Totals {
  const sum = zeroTotals();
  for (const row of rows) {
    sum.posts += row.posts;
    sum.views += row.views;
    sum.likes += row.likes;
    sum.forwards += row.forwards;
  }
  return sum;
}

/** One point per day from `start` to `end`, zero where the rollup has no row. */
export function fillDays(rows: readonly DailyPoint[], start: string, end: string): DailyPoint[] {
  const byDay = new Map(rows.map((row) => [row.day, row]));
  return daysBetween(start, end).map((day) => {
    const row = byDay.get(day);
    return row ? { day, posts: row.posts, views: row.views, likes: row.likes, forwards: row.forwards } : { day, ...zeroTotals() };
  });
}

/** The relative change from `previous` to `current` (0.25 = +25 %), null when there was nothing before. */
export function relativeChange(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}

/** (likes + forwards) / views, 0 without views. */
export function engagementRate(totals: Pick<Totals, 'views' | 'likes' | 'forwards'>): number {
  return totals.views > 0 ? (totals.likes + totals.forwards) / totals.views : 0;
}
