import { cached } from '@/lib/cache/cache';
import { defineJob } from '@/lib/jobs/define';
import { getFriendSummary } from './queries';

/**
 * Pre-computes what a user is about to look at, right after they sign in (plan 000's
 * CacheWarmingJob), so that their first dashboard is served from the data cache. For now that
 * is the friend summary; a module that caches more per-user data adds its read here, with the
 * same kind, key and tags as the page that reads it (or the page misses the warmed entry).
 * Idempotent: a value still fresh in the cache is left as it is.
 */
export async function warmUserCache(userId: string): Promise<{ userId: string; warmed: string[] }> {
  await cached({ kind: 'user', key: ['friend-summary', userId], tags: [`user:${userId}`], factory: () => getFriendSummary(userId) });
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
