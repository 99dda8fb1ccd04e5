import { extractItemMetadataJob, refreshActivityStatsJob } from '@/lib/wishlists/jobs';
import { createJobFunction } from './jobs';

/** wishlists/item.url-added → read the item's page (lib/wishlists/jobs.ts). */
export const extractItemMetadata = createJobFunction(extractItemMetadataJob);

/** wishlists/activity-stats.stale → recompute a viewer's weekly stats, debounced per viewer. */
export const refreshActivityStats = createJobFunction(refreshActivityStatsJob);
