import { processCache } from '@/lib/cache/cache';
import { defineCacheKind, minutes } from '@/lib/cache/kinds';

/*
 * Sessions are believed from their signed 5-minute cookie cache without a database read
 * (auth.ts). Deleting a session row therefore takes up to 5 minutes to reach a browser that
 * holds such a cookie. Better Auth stamps each cookie cache with a version
 * (session.cookieCache.version) and reads the session from the database when the version differs:
 * the version here is a per-person epoch kept in the data cache (L1 memory, and Redis with its
 * bus when configured, so every instance sees a new epoch at once). A password change or an
 * account deletion starts a new epoch: every cookie cache of that person is then checked against
 * the database on its next request, where the revoked sessions are gone. Brisk's own cookie
 * check (session-cookie.ts) and the render cache compare the same epoch.
 *
 * The epoch outlives every cookie cache made before it (10 minutes against 5), then falls back
 * to "1": cookies made in between are checked once more, harmlessly. Without Redis, a restart
 * forgets epochs; cookie caches made before it are then believed for what remains of their 5
 * minutes (the database rows are gone all the same).
 */
const INITIAL_EPOCH = '1';

/** A person's session epoch; never served unconfirmed (no grace). */
const sessionEpochs = defineCacheKind({ namespace: 'auth.sessionEpoch', ttl: minutes(10), grace: 0 });

/** The current epoch of a person's session cookie caches: no statement, a memory read when warm. */
export async function sessionEpoch(userId: string): Promise<string> {
  return (await processCache().peek<string>(sessionEpochs, [userId])) ?? INITIAL_EPOCH;
}

/** Starts a new epoch: every cookie cache of this person made before now is checked against the database. */
export async function renewSessionEpoch(userId: string): Promise<void> {
  await processCache().store(sessionEpochs, [userId], `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`, { tags: [], ttl: sessionEpochs.ttl });
}
