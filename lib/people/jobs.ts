import { defineJob } from '@/lib/jobs/define';
import { getFriendSummary } from './queries';

/**
 * Pre-computes what a user is about to look at, right after they sign in (plan 000's
 * CacheWarmingJob), so that their first dashboard is served from the cache.
 *
 * For now that is the friend summary. lib/cache (the data cache) did not exist yet when this
 * was written, so the query is run directly, which warms nothing but the database's own
 * buffers; once lib/cache lands, this becomes:
 *   cached({ kind: 'user', key: ['friend-summary', userId], tags: [`user:${userId}`], factory: () => getFriendSummary(userId) })
 * Idempotent: warming twice computes the same values.
 */
export async function warmUserCache(userId: string): Promise<{ userId: string; warmed: string[] }> {
  await getFriendSummary(userId);
  // Only what was warmed goes back (Inngest stores step results): never the user's data.
  return { userId, warmed: ['friend-summary'] };
}

export const warmUserCacheJob = defineJob({
  name: 'people/warm-user-cache',
  description: "Warms a user's cached data after they sign in",
  trigger: { event: 'people/user.signed-in' },
  // Warming is an optimisation: a couple of retries, then let the first page view fill the cache.
  retries: 2,
  inngest: {
    // Several sign-ins in a minute (tabs, devices) warm once, with the latest event.
    debounce: { key: 'event.data.userId', period: '1m', timeout: '5m' },
    // The plan's low-priority queue: never more than a few at once, behind other work.
    concurrency: { limit: 5 },
    priority: { run: '-60' },
  },
  run: ({ userId }) => warmUserCache(userId),
});
