import { defineCacheKind, minutes } from '@/lib/cache/kinds';
import { defineModule } from '@/lib/modules/manifest';

/** People: friendships between users, which the other modules' access rules build on. */
export const peopleCacheKinds = {
  /** A viewer's friends and requests (plan 000: user data, 5 minutes; dropped on every friendship change). */
  friends: defineCacheKind({ namespace: 'people.friends', ttl: minutes(5) }),
};

export const peopleModule = defineModule({
  name: 'people',
  cacheKinds: Object.values(peopleCacheKinds),
  warmOnSignIn: async (userId) => {
    const { friendSummaryRead } = await import('./queries');
    await friendSummaryRead.get(userId);
    return ['friend-summary'];
  },
});
