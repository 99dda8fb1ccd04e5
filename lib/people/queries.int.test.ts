import { describe, expect, it } from 'vitest';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { createCircle } from '@/test/people';
import { expectFlatStatementBudget } from '@/test/statements';
import { sendFriendRequest } from './mutations';
import { getCachedFriendSummary, getFriendsOverview, getFriendSummary } from './queries';
import { peopleTag } from './tags';

describe('getFriendSummary', () => {
  it('counts accepted friends on both sides of the pair and pending requests by direction', async () => {
    // Demo data: Ada asked Ben, Chloé asked Ada (both accepted); Dev asked Ada and Ada asked
    // Eun-ji (pending); Farah's request was declined.
    expect(await getFriendSummary('usr_ada')).toEqual({ friends: 2, incomingRequests: 1, outgoingRequests: 1, newcomer: false });
  });

  it('is all zeros for someone with no connections, who is no newcomer with an old account', async () => {
    expect(await getFriendSummary('usr_gus')).toEqual({ friends: 0, incomingRequests: 0, outgoingRequests: 0, newcomer: false });
  });

  it('greets a new account as a newcomer until its first friend request, through the cached read', async () => {
    const tag = Math.random().toString(36).slice(2, 8);
    const [fresh, other] = await Promise.all(
      ['fresh', 'other'].map((role) => prisma.user.create({ data: { id: `usr_t_${tag}_${role}`, name: `${role} ${tag}`, email: `${role}-${tag}@example.com` } })),
    );
    expect(await getCachedFriendSummary(fresh!.id)).toMatchObject({ friends: 0, newcomer: true });
    // Older than a week: no longer new, friends or not.
    await prisma.user.update({ where: { id: other!.id }, data: { createdAt: new Date(Date.now() - 8 * 86_400_000) } });
    expect(await getFriendSummary(other!.id)).toMatchObject({ newcomer: false });
    // A first request (sent or received) ends it at once, through the mutation's invalidation.
    expect(await sendFriendRequest(other!.id, { email: fresh!.email })).toMatchObject({ ok: true });
    expect(await getCachedFriendSummary(fresh!.id)).toMatchObject({ incomingRequests: 1, newcomer: false });
  });
});

describe('the statement budgets of the Friends page', () => {
  /**
   * Adds `count` accepted friends (asked by either side), `count` incoming and `count` outgoing
   * requests, and a declined one, to the viewer's connections.
   */
  async function growConnections(viewerId: string, count: number) {
    const tag = Math.random().toString(36).slice(2, 8);
    const people = Array.from({ length: 3 * count + 1 }, (_, n) => ({ id: `usr_t_${tag}_p${n}`, name: `Person ${n} ${tag}`, email: `p${n}-${tag}@example.com` }));
    await prisma.user.createMany({ data: people });
    const ids = people.map((person) => person.id);
    await prisma.connection.createMany({
      data: [
        ...ids.slice(0, count).map((id, n) => (n % 2 ? { requesterId: viewerId, addresseeId: id } : { requesterId: id, addresseeId: viewerId })).map((pair) => ({ ...pair, status: 'accepted' as const, respondedAt: new Date() })),
        ...ids.slice(count, 2 * count).map((id) => ({ requesterId: id, addresseeId: viewerId, status: 'pending' as const })),
        ...ids.slice(2 * count, 3 * count).map((id) => ({ requesterId: viewerId, addresseeId: id, status: 'pending' as const })),
        { requesterId: ids[3 * count]!, addresseeId: viewerId, status: 'declined' as const },
      ],
    });
    // The writes above bypass the mutations: drop the viewer's cached people data by hand.
    await invalidate([peopleTag(viewerId)]);
  }

  /**
   * Reads cold (exactly `cold` statements, one cache miss) and warm (no statement), for a circle
   * from createCircle and again after adding ten friends and twenty requests: the count must not
   * grow with the data.
   */
  async function expectFlatBudget<T>(read: (viewerId: string) => Promise<T>, cold: number, size: (value: T) => number) {
    const { owner } = await createCircle();
    await expectFlatStatementBudget(cold, () => read(owner.id), size, () => growConnections(owner.id, 10));
  }


  it('the friends overview costs 1 statement cold, none warm, however many friends and requests I have', async () => {
    await expectFlatBudget(getFriendsOverview, 1, (overview) => overview.friends.length + overview.requests.length);
  });

  it('the cached friend summary costs 1 statement cold, none warm, however many friends and requests I have', async () => {
    await expectFlatBudget(getCachedFriendSummary, 1, (summary) => summary.friends + summary.incomingRequests + summary.outgoingRequests);
  });
});
