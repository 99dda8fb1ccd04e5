import { describe, expect, it } from 'vitest';
import { signIn } from '@/lib/auth/mutations';
import { prisma } from '@/lib/db/client';
import { warmOnSignInJob } from '@/lib/modules/registry';
import { respondToFriendRequest } from '@/lib/people/mutations';
import { getCachedFriendSummary } from '@/lib/people/queries';
import { createWishlist } from '@/lib/wishlists/mutations';
import { getWishlistDashboard } from '@/lib/wishlists/queries';
import { DEFAULT_WISHLIST_SORT } from '@/lib/wishlists/types';
import { DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';
import { createCircle } from '@/test/people';
import { countStatements } from '@/test/statements';
import { settleInlineJobs } from './inline';

const headers = () => new Headers({ origin: 'http://localhost:3000' });

describe('signing in', () => {
  it("warms the user's caches in the background (auth/user.signed-in → platform/warm-on-sign-in)", async () => {
    const since = new Date();
    expect(await signIn({ email: 'eunji@brisk.test', password: DEMO_PASSWORD }, headers())).toMatchObject({ ok: true });
    await settleInlineJobs();
    const runs = await prisma.jobRun.findMany({ where: { jobName: 'platform/warm-on-sign-in', queuedAt: { gte: since }, payload: { equals: { userId: 'usr_eunji' } } } });
    expect(runs).toEqual([expect.objectContaining({ backend: 'inline', status: 'succeeded', attempt: 1 })]);
  });

  it('sends nothing when the sign-in fails', async () => {
    const since = new Date();
    expect(await signIn({ email: 'eunji@brisk.test', password: 'not-the-password' }, headers())).toMatchObject({ ok: false });
    await settleInlineJobs();
    expect(await prisma.jobRun.count({ where: { jobName: 'platform/warm-on-sign-in', queuedAt: { gte: since } } })).toBe(0);
  });

  it('warms what the pages read, under the tags their writes drop: a friend accepted after sign-in shows at once', async () => {
    const { owner, pending } = await createCircle();
    const shared = await createWishlist(pending.id, { name: 'Shared with friends', visibility: 'partner_only' });
    expect(shared.ok).toBe(true);

    await warmOnSignInJob.run({ userId: owner.id });
    // The home page and the dashboard read what the warm-up stored: no statement.
    const warmSummary = await countStatements(() => getCachedFriendSummary(owner.id));
    expect(warmSummary.statements).toBe(0);
    expect(warmSummary.result).toEqual({ friends: 2, incomingRequests: 1, outgoingRequests: 0, newcomer: false });
    const warmDashboard = await countStatements(() => getWishlistDashboard(owner.id, DEFAULT_WISHLIST_SORT));
    expect(warmDashboard.statements).toBe(0);
    expect(warmDashboard.result.friends.map((list) => list.name)).not.toContain('Shared with friends');

    const request = await prisma.connection.findFirstOrThrow({ where: { requesterId: pending.id, addresseeId: owner.id, status: 'pending' } });
    expect(await respondToFriendRequest(owner.id, request.id, 'accept')).toEqual({ ok: true, value: undefined });

    // Through the pages' own reads: the new friend counts, and their shared list.
    expect(await getCachedFriendSummary(owner.id)).toEqual({ friends: 3, incomingRequests: 0, outgoingRequests: 0, newcomer: false });
    expect((await getWishlistDashboard(owner.id, DEFAULT_WISHLIST_SORT)).friends.map((list) => list.name)).toContain('Shared with friends');
  });
});
