import { createHash } from 'node:crypto';
import type { SeedScale } from './index';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * A moment relative to the seed's day (`context.today`, midnight UTC of the day of seeding):
 * every seeded date is one, so the demo looks alive on any day (this week's activity, upcoming
 * events) and the seed stays deterministic for a given day. Negative offsets are in the past.
 */
export const daysFrom = (today: Date, days: number, hours = 0) => new Date(today.getTime() + days * DAY_MS + hours * HOUR_MS);
export const hoursBefore = (today: Date, hours: number) => new Date(today.getTime() - hours * HOUR_MS);

/** Generated people per scale (the demo accounts come on top). */
export function peopleCount(scale: SeedScale): number {
  return scale === 'large' ? 200_000 : 60;
}

/** A UUID derived from a key, so that re-seeding produces the same ids (md5, like the SQL seeds). */
export function stableUuid(key: string): string {
  const hex = createHash('md5').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of a demo list by its key (DEMO_LISTS in ./wishlists.ts). */
export const demoListId = (key: string) => stableUuid(`wishlist:${key}`);
