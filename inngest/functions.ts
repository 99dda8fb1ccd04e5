import { dailyCleanup } from './ops';
import { warmUserCache } from './people';
import { extractItemMetadata, refreshActivityStats } from './wishlists';

/** Every Inngest function, served at /api/inngest. The inline twin is lib/jobs/registry.ts. */
export const functions = [warmUserCache, dailyCleanup, extractItemMetadata, refreshActivityStats];
