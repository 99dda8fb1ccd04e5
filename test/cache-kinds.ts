import { defineCacheKind, minutes } from '@/lib/cache/kinds';

/** Cache kinds of the cache's own tests: one with grace (the default) and one without. */
export const testKinds = {
  withGrace: defineCacheKind({ namespace: 'test.withGrace', ttl: minutes(5) }),
  noGrace: defineCacheKind({ namespace: 'test.noGrace', ttl: minutes(5), grace: 0 }),
  other: defineCacheKind({ namespace: 'test.other', ttl: minutes(3) }),
};
