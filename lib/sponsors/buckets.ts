import type { AnalyticsRange, Bucket } from './types';

/*
 * The buckets of an analytics range, as PostgreSQL's date_trunc names them (the first day of the
 * day, ISO week — Monday — or month, in UTC), so that a chart has a point for every bucket,
 * zeros included.
 */

const DAY_MS = 86_400_000;

/** The first day (YYYY-MM-DD) of the bucket that holds `day`. */
export function bucketStart(day: string, bucket: Bucket): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  if (bucket === 'week') {
    const sinceMonday = (date.getUTCDay() + 6) % 7;
    return new Date(date.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
  }
  return day;
}

/** Every bucket start from the range's first day to its last, in order. */
export function bucketStarts({ from, to, bucket }: AnalyticsRange): string[] {
  const starts: string[] = [];
  let current = bucketStart(from, bucket);
  while (current <= to) {
    starts.push(current);
    const date = new Date(`${current}T00:00:00Z`);
    if (bucket === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
    else date.setUTCDate(date.getUTCDate() + (bucket === 'week' ? 7 : 1));
    current = date.toISOString().slice(0, 10);
  }
  return starts;
}

/** The range as timestamps: [start of `from`, start of the day after `to`). */
export function rangeBounds({ from, to }: AnalyticsRange): { start: Date; end: Date } {
  return { start: new Date(`${from}T00:00:00Z`), end: new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS) };
}
