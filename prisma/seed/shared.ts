import { createHash } from 'node:crypto';
import type { SeedScale } from './index';

/** Fixed dates keep the seed deterministic; relative ones are computed from this anchor. */
export const SEED_ANCHOR = new Date('2026-11-01T09:00:00Z');

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
