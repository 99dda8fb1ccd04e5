import { z } from 'zod';
import { defineCacheKind, minutes } from '@/lib/cache/kinds';
import { defineEvent } from '@/lib/jobs/events';
import { defineModule } from '@/lib/modules/manifest';

/**
 * Two people stopped being friends (one removed the other). Modules whose data follows
 * friendships react to it with jobs of their own (Wishlists releases the gifts they had reserved
 * on each other's lists); People knows nothing of them.
 */
export const friendshipEnded = defineEvent('people/friendship.ended', z.object({ userId: z.string().min(1), formerFriendId: z.string().min(1) }));

/** People: friendships between users, which the other modules' access rules build on. */
export const peopleCacheKinds = {
  /** A viewer's friends and requests (plan 000: user data, 5 minutes; dropped on every friendship change). */
  friends: defineCacheKind({ namespace: 'people.friends', ttl: minutes(5) }),
};

export const peopleModule = defineModule({
  name: 'people',
  database: {
    rawSqlObjects: [
    // connections: one row per pair in either order, a unique expression index on LEAST/GREATEST of the two ids.
    'connections_pair_key',
    // connections: CHECK (requester_id <> addressee_id), nobody befriends themselves.
    'connections_not_self_check',
    ],
  },
  cacheKinds: Object.values(peopleCacheKinds),
  warmOnSignIn: async (userId) => {
    const { friendSummaryRead } = await import('./queries');
    await friendSummaryRead.get(userId);
    return ['friend-summary'];
  },
});
