import { beforeEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db/client';
import { settleInlineJobs } from '@/lib/jobs/inline';
import { removeFriend, respondToFriendRequest, sendFriendRequest } from '@/lib/people/mutations';
import { createCircle } from '@/test/people';
import { countStatements } from '@/test/statements';
import { addItem, createWishlist, deleteWishlist, giveGift, removeItem, updateItem, updateWishlist } from './mutations';
import { findGiftIdeas, getActivityFeed, getGivenGifts, getPublicWishlist, getUpcomingEvents, getWishlistDashboard, getWishlistDetail } from './queries';
import { GET as wishlistsRoute } from '@/app/api/v1/wishlists/route';
import { createApiToken } from '@/lib/api-tokens/mutations';

let circle: Awaited<ReturnType<typeof createCircle>>;
beforeEach(async () => {
  circle = await createCircle();
});

const newList = (overrides: Record<string, string> = {}) => ({ name: `List ${Math.random().toString(36).slice(2, 8)}`, visibility: 'partner_only', ...overrides });

async function listOf(ownerId: string, overrides: Record<string, string> = {}) {
  const created = await createWishlist(ownerId, newList(overrides));
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

describe('creating and editing lists', () => {
  it('shows a new list to its author and friends at once, and never to strangers', async () => {
    const { owner, friend, stranger, pending } = circle;
    // Warm everyone's cache first: the write must reach cached dashboards.
    await Promise.all([owner, friend, stranger, pending].map((u) => getWishlistDashboard(u.id, 'updated_desc')));
    const id = await listOf(owner.id);
    expect((await getWishlistDashboard(owner.id, 'updated_desc')).mine.map((l) => l.id)).toContain(id);
    expect((await getWishlistDashboard(friend.id, 'updated_desc')).friends.map((l) => l.id)).toContain(id);
    for (const outsider of [stranger, pending]) {
      const dashboard = await getWishlistDashboard(outsider.id, 'updated_desc');
      expect([...dashboard.friends, ...dashboard.public].map((l) => l.id)).not.toContain(id);
    }
    expect(await prisma.activity.count({ where: { wishlistId: id, kind: 'wishlist_created' } })).toBe(1);
  });

  it('rejects bad input with a message per field and writes nothing', async () => {
    const before = await prisma.wishlist.count();
    const result = await createWishlist(circle.owner.id, { name: ' ', visibility: 'everyone', eventDate: '2026-02-30' });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { name: 'Give the list a name.', visibility: 'Choose who can see the list.', eventDate: 'This is not a real date.' },
    });
    expect(await createWishlist(circle.owner.id, newList({ eventDate: '2026-12-24' }))).toMatchObject({ ok: false, fieldErrors: { eventType: 'Choose the occasion for this date.' } });
    expect(await prisma.wishlist.count()).toBe(before);
  });

  it('lets only the owner edit or delete, and shows the edit to the owner at once', async () => {
    const { owner, friend, stranger } = circle;
    const id = await listOf(owner.id);
    await Promise.all([getWishlistDetail(owner.id, id), getWishlistDetail(friend.id, id)]);
    expect(await updateWishlist(stranger.id, id, newList({ name: 'Hijacked' }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await updateWishlist(friend.id, id, newList({ name: 'Hijacked' }))).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteWishlist(friend.id, id)).toMatchObject({ ok: false, code: 'not_found' });
    expect((await updateWishlist(owner.id, id, newList({ name: 'Renamed', visibility: 'private' }))).ok).toBe(true);
    expect((await getWishlistDetail(owner.id, id))!.name).toBe('Renamed');
    // Made private: the friend's cached copy goes with it.
    expect(await getWishlistDetail(friend.id, id)).toBeNull();
    expect((await deleteWishlist(owner.id, id)).ok).toBe(true);
    expect(await getWishlistDetail(owner.id, id)).toBeNull();
  });
});

describe('a database failure right after a write commits', () => {
  it('still answers that the item was added (it is kept) and drops its author’s copy', async () => {
    const { owner } = circle;
    const listId = await listOf(owner.id);
    await getWishlistDetail(owner.id, listId);
    // The statement after the commit (who sees the change) fails, as when the database goes
    // down between the two: the item is stored, so a refusal would make the user add it twice.
    const audience = vi.spyOn(prisma, '$queryRaw').mockRejectedValueOnce(new Error("Can't reach database server"));
    try {
      const added = await addItem(owner.id, listId, { name: 'Kept through the outage' });
      expect(audience).toHaveBeenCalled();
      expect(added).toMatchObject({ ok: true });
    } finally {
      audience.mockRestore();
    }
    expect(await prisma.item.count({ where: { wishlistId: listId, name: 'Kept through the outage' } })).toBe(1);
    expect((await getWishlistDetail(owner.id, listId))?.items.map((item) => item.name)).toContain('Kept through the outage');
  });
});

describe('giving gifts', () => {
  async function listWithItem(visibility = 'partner_only') {
    const listId = await listOf(circle.owner.id, { visibility });
    const item = await addItem(circle.owner.id, listId, { name: 'Teapot', price: '30', currency: 'eur' });
    if (!item.ok) throw new Error(item.message);
    return { listId, itemId: item.value.id };
  }

  it('lets a friend reserve, keeps it from the owner, and shows it to other friends', async () => {
    const { owner, friend, otherFriend } = circle;
    const { listId, itemId } = await listWithItem();
    await Promise.all([owner, friend, otherFriend].map((u) => getWishlistDetail(u.id, listId)));
    expect(await giveGift(friend.id, itemId, 'reserve')).toEqual({ ok: true, value: { status: 'reserved' } });
    expect((await getWishlistDetail(owner.id, listId))!.items[0]).toMatchObject({ status: 'available', takenByName: null, price: '30.00', currency: 'EUR' });
    expect((await getWishlistDetail(friend.id, listId))!.items[0]).toMatchObject({ status: 'reserved', takenByMe: true });
    expect((await getWishlistDetail(otherFriend.id, listId))!.items[0]).toMatchObject({ status: 'reserved', takenByName: friend.name });
    expect(await giveGift(otherFriend.id, itemId, 'reserve')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await giveGift(otherFriend.id, itemId, 'release')).toMatchObject({ ok: false, code: 'conflict' });
    expect(await giveGift(friend.id, itemId, 'purchase')).toEqual({ ok: true, value: { status: 'purchased' } });
  });

  it('lets only one of two friends racing for a gift have it', async () => {
    const { itemId } = await listWithItem();
    const results = await Promise.all([giveGift(circle.friend.id, itemId, 'reserve'), giveGift(circle.otherFriend.id, itemId, 'reserve')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('does not let strangers, pending friends or the owner give', async () => {
    const { owner, friend, pending, stranger } = circle;
    const { itemId } = await listWithItem('public');
    expect(await giveGift(stranger.id, itemId, 'reserve')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await giveGift(pending.id, itemId, 'reserve')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await giveGift(owner.id, itemId, 'reserve')).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await giveGift(friend.id, itemId, 'steal')).toMatchObject({ ok: false, code: 'invalid' });
    expect((await prisma.item.findUniqueOrThrow({ where: { id: itemId } })).status).toBe('available');
  });

  it('hides whether a private list’s items exist', async () => {
    const { itemId } = await listWithItem('private');
    expect(await giveGift(circle.friend.id, itemId, 'reserve')).toMatchObject({ ok: false, code: 'not_found', message: 'This item does not exist.' });
  });
});

describe('items with a link', () => {
  it('queues the metadata job, which refuses private addresses and says why', async () => {
    const listId = await listOf(circle.owner.id);
    const result = await addItem(circle.owner.id, listId, { url: 'http://10.20.30.40/product' });
    if (!result.ok) throw new Error(result.message);
    expect((await prisma.item.findUniqueOrThrow({ where: { id: result.value.id } })).name).toBe('Item from 10.20.30.40');
    await settleInlineJobs();
    const item = (await getWishlistDetail(circle.owner.id, listId))!.items[0]!;
    expect(item.metadataStatus).toBe('failed');
    expect(item.metadataError).toMatch(/private address/);
  });

  it('rejects links that are not web links, bad prices, and other people’s lists', async () => {
    const listId = await listOf(circle.owner.id);
    expect(await addItem(circle.owner.id, listId, { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, fieldErrors: { url: expect.stringContaining('http') } });
    expect(await addItem(circle.owner.id, listId, { name: 'Kettle', price: '12,5', currency: 'EUR' })).toMatchObject({ ok: false, fieldErrors: { price: expect.any(String) } });
    expect(await addItem(circle.owner.id, listId, { name: 'Kettle', price: '12.50' })).toMatchObject({ ok: false, fieldErrors: { currency: 'Say which currency the price is in.' } });
    expect(await addItem(circle.friend.id, listId, { name: 'Not mine to add' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.item.count({ where: { wishlistId: listId } })).toBe(0);
  });
});

describe('friendships', () => {
  it('opens shared lists to both sides as soon as a request is accepted', async () => {
    const { owner, pending, stranger } = circle;
    const listId = await listOf(owner.id);
    expect(await getWishlistDetail(pending.id, listId)).toBeNull();
    const request = await prisma.connection.findFirstOrThrow({ where: { requesterId: pending.id, addresseeId: owner.id } });
    expect(await respondToFriendRequest(pending.id, request.id, 'accept')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await respondToFriendRequest(stranger.id, request.id, 'accept')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await respondToFriendRequest(owner.id, 'not-an-id', 'accept')).toMatchObject({ ok: false, code: 'not_found' });
    expect((await respondToFriendRequest(owner.id, request.id, 'accept')).ok).toBe(true);
    expect(await getWishlistDetail(pending.id, listId)).not.toBeNull();
    expect((await getWishlistDashboard(pending.id, 'updated_desc')).friends.map((l) => l.id)).toContain(listId);
  });

  it('sends requests by e-mail with clear refusals, and a declined pair keeps one row', async () => {
    const { owner, friend, stranger } = circle;
    expect(await sendFriendRequest(stranger.id, { email: 'nobody@example.com' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await sendFriendRequest(stranger.id, { email: stranger.email })).toMatchObject({ ok: false, fieldErrors: { email: 'That is you.' } });
    expect(await sendFriendRequest(friend.id, { email: owner.email })).toMatchObject({ ok: false, code: 'conflict', message: 'You are already friends.' });
    expect((await sendFriendRequest(stranger.id, { email: owner.email.toUpperCase() })).ok).toBe(true);
    expect(await sendFriendRequest(stranger.id, { email: owner.email })).toMatchObject({ ok: false, message: 'You have already sent a request.' });
    expect(await sendFriendRequest(owner.id, { email: stranger.email })).toMatchObject({ ok: false, message: 'They already asked you: accept their request below.' });
    const request = await prisma.connection.findFirstOrThrow({ where: { requesterId: stranger.id, addresseeId: owner.id } });
    expect((await respondToFriendRequest(owner.id, request.id, 'decline')).ok).toBe(true);
    expect((await sendFriendRequest(owner.id, { email: stranger.email })).ok).toBe(true);
    expect(await prisma.connection.count({ where: { OR: [{ requesterId: stranger.id }, { addresseeId: stranger.id }] } })).toBe(1);
  });
});

describe('editing items', () => {
  async function listWithItem(visibility = 'public') {
    const listId = await listOf(circle.owner.id, { visibility });
    const item = await addItem(circle.owner.id, listId, { name: 'Teapot', price: '30', currency: 'eur', notes: 'Cast iron' });
    if (!item.ok) throw new Error(item.message);
    return { listId, itemId: item.value.id };
  }

  it('changes name, link, price and notes, and shows them at once to the owner, friends and the share page', async () => {
    const { owner, friend } = circle;
    const { listId, itemId } = await listWithItem();
    // Warm every copy first: the edit must reach cached pages.
    await Promise.all([getWishlistDetail(owner.id, listId), getWishlistDetail(friend.id, listId), getPublicWishlist(listId)]);
    const before = await prisma.wishlist.findUniqueOrThrow({ where: { id: listId } });

    const result = await updateItem(owner.id, itemId, { name: 'Kettle', price: '45.5', currency: 'gbp', notes: '  Whistling, please  ' });
    expect(result).toEqual({ ok: true, value: { id: itemId, wishlistId: listId } });
    const expected = { name: 'Kettle', price: '45.50', currency: 'GBP', notes: 'Whistling, please', url: null };
    expect((await getWishlistDetail(owner.id, listId))!.items[0]).toMatchObject(expected);
    expect((await getWishlistDetail(friend.id, listId))!.items[0]).toMatchObject(expected);
    expect((await getPublicWishlist(listId))!.items[0]).toMatchObject(expected);
    // The list moves up in "recently updated", as when an item is added.
    expect((await prisma.wishlist.findUniqueOrThrow({ where: { id: listId } })).updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());

    // Emptied optional fields are cleared.
    expect((await updateItem(owner.id, itemId, { name: 'Kettle', notes: '' })).ok).toBe(true);
    expect((await getPublicWishlist(listId))!.items[0]).toMatchObject({ name: 'Kettle', price: null, currency: null, notes: null });
  });

  it('reads a new link again (a placeholder name when the name is left empty) and keeps what an unchanged link found', async () => {
    const { owner } = circle;
    const { listId, itemId } = await listWithItem();
    expect((await updateItem(owner.id, itemId, { url: 'http://10.1.2.3/kettle' })).ok).toBe(true);
    // The read is queued by the write (pending); the inline job may already have refused the
    // private address by now, so only "no longer unread" is certain before it settles.
    const queued = await prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    expect(queued.name).toBe('Item from 10.1.2.3');
    expect(['pending', 'failed']).toContain(queued.metadataStatus);
    await settleInlineJobs();
    expect((await getWishlistDetail(owner.id, listId))!.items[0]).toMatchObject({ metadataStatus: 'failed' });
    // Same link, new notes: the link is not read again, its outcome stays.
    expect((await updateItem(owner.id, itemId, { name: 'Kettle', url: 'http://10.1.2.3/kettle', notes: 'Any' })).ok).toBe(true);
    expect(await prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ name: 'Kettle', metadataStatus: 'failed', notes: 'Any' });
    // No link any more: no metadata state either.
    expect((await updateItem(owner.id, itemId, { name: 'Kettle' })).ok).toBe(true);
    expect(await prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ url: null, metadataStatus: null, metadataError: null });
  });

  it('validates like adding, lets only the owner edit, and writes nothing when it refuses', async () => {
    const { owner, friend, stranger } = circle;
    const { itemId } = await listWithItem();
    const before = await prisma.item.findUniqueOrThrow({ where: { id: itemId } });
    expect(await updateItem(owner.id, itemId, { name: '', url: '' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { name: 'Give the item a name or a link.' } });
    expect(await updateItem(owner.id, itemId, { name: 'Kettle', notes: 'x'.repeat(501) })).toMatchObject({ ok: false, fieldErrors: { notes: 'Use at most 500 characters.' } });
    expect(await updateItem(owner.id, itemId, { name: 'Kettle', price: '12.50' })).toMatchObject({ ok: false, fieldErrors: { currency: 'Say which currency the price is in.' } });
    expect(await updateItem(owner.id, itemId, { name: 'Kettle', url: 'ftp://example.com' })).toMatchObject({ ok: false, fieldErrors: { url: expect.stringContaining('http') } });
    for (const other of [friend, stranger]) expect(await updateItem(other.id, itemId, { name: 'Hijacked' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await updateItem(owner.id, 'not-an-id', { name: 'Kettle' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.item.findUniqueOrThrow({ where: { id: itemId } })).toEqual(before);
  });
});

describe('removing a friend', () => {
  it('takes each one’s friends-only lists off the other’s cached dashboard, feeds, events and list pages at once', async () => {
    const { owner, friend, stranger } = circle;
    const ownersList = await listOf(owner.id, { name: 'Owner shares', visibility: 'partner_only', eventType: 'birthday', eventDate: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) });
    const friendsList = await listOf(friend.id, { name: 'Friend shares', visibility: 'partner_only' });
    const publicList = await listOf(friend.id, { name: 'Friend public', visibility: 'public' });
    // Warm both sides' cached reads.
    const friendsLists = async (viewerId: string) => (await getWishlistDashboard(viewerId, 'updated_desc')).friends.map((l) => l.id);
    expect(await friendsLists(owner.id)).toEqual(expect.arrayContaining([friendsList, publicList]));
    expect(await friendsLists(friend.id)).toContain(ownersList);
    expect(await getWishlistDetail(owner.id, friendsList)).not.toBeNull();
    expect(await getWishlistDetail(friend.id, ownersList)).not.toBeNull();
    expect((await getUpcomingEvents(friend.id)).map((e) => e.wishlistId)).toContain(ownersList);
    expect((await getActivityFeed(owner.id, 'friends')).map((a) => a.wishlistId)).toContain(friendsList);

    const connection = await prisma.connection.findFirstOrThrow({ where: { requesterId: owner.id, addresseeId: friend.id } });
    expect(await removeFriend(stranger.id, connection.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await removeFriend(friend.id, 'not-an-id')).toMatchObject({ ok: false, code: 'not_found' });
    // Either side may end it (here the one who was asked).
    expect(await removeFriend(friend.id, connection.id)).toEqual({ ok: true, value: { formerFriendId: owner.id } });
    expect(await prisma.connection.count({ where: { id: connection.id } })).toBe(0);
    expect(await removeFriend(owner.id, connection.id)).toMatchObject({ ok: false, code: 'not_found' });

    expect(await friendsLists(owner.id)).not.toContain(friendsList);
    expect(await friendsLists(friend.id)).not.toContain(ownersList);
    expect(await getWishlistDetail(owner.id, friendsList)).toBeNull();
    expect(await getWishlistDetail(friend.id, ownersList)).toBeNull();
    expect((await getUpcomingEvents(friend.id)).map((e) => e.wishlistId)).not.toContain(ownersList);
    expect((await getActivityFeed(owner.id, 'friends')).map((a) => a.wishlistId)).not.toContain(friendsList);
    // A public list stays public: a stranger's view of it.
    expect((await getWishlistDetail(owner.id, publicList))!.viewerCanGive).toBe(false);
    expect((await getWishlistDashboard(owner.id, 'updated_desc')).public.map((l) => l.id)).toContain(publicList);
    await settleInlineJobs();
  });

  it('releases the gifts either had reserved on the other’s lists, keeps what they bought and others’ reservations', async () => {
    const { owner, friend, otherFriend } = circle;
    const ownersList = await listOf(owner.id);
    const friendsList = await listOf(friend.id);
    const item = async (listId: string, ownerId: string, name: string) => {
      const added = await addItem(ownerId, listId, { name });
      if (!added.ok) throw new Error(added.message);
      return added.value.id;
    };
    const [reservedByFriend, boughtByFriend, reservedByOther, reservedByOwner] = [
      await item(ownersList, owner.id, 'Reserved by the friend'),
      await item(ownersList, owner.id, 'Bought by the friend'),
      await item(ownersList, owner.id, 'Reserved by another friend'),
      await item(friendsList, friend.id, 'Reserved by the owner'),
    ];
    expect(await giveGift(friend.id, reservedByFriend, 'reserve')).toMatchObject({ ok: true });
    expect(await giveGift(friend.id, boughtByFriend, 'purchase')).toMatchObject({ ok: true });
    expect(await giveGift(otherFriend.id, reservedByOther, 'reserve')).toMatchObject({ ok: true });
    expect(await giveGift(owner.id, reservedByOwner, 'reserve')).toMatchObject({ ok: true });
    // Cached views of the gifts, warm.
    expect((await getGivenGifts(owner.id)).map((g) => g.itemId)).toEqual([reservedByOwner]);
    expect((await getWishlistDetail(otherFriend.id, ownersList))!.items.find((i) => i.id === reservedByFriend)).toMatchObject({ status: 'reserved' });

    const connection = await prisma.connection.findFirstOrThrow({ where: { requesterId: owner.id, addresseeId: friend.id } });
    expect((await removeFriend(owner.id, connection.id)).ok).toBe(true);
    await settleInlineJobs();

    const status = async (id: string) => (await prisma.item.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(reservedByFriend)).toBe('available');
    expect(await status(reservedByOwner)).toBe('available');
    expect(await status(boughtByFriend)).toBe('purchased');
    expect(await status(reservedByOther)).toBe('reserved');
    // Through the cached reads: the owner's gifts and the other friend's view of the list.
    expect(await getGivenGifts(owner.id)).toEqual([]);
    expect((await getWishlistDetail(otherFriend.id, ownersList))!.items.find((i) => i.id === reservedByFriend)).toMatchObject({ status: 'available', takenByName: null });
  });
});

describe('privacy changes reach every viewer on their next request', () => {
  it('a public list made private leaves a stranger’s warm dashboard and API answer at once', async () => {
    const { owner, stranger } = await createCircle();
    const created = await createWishlist(owner.id, { name: 'Soon private', visibility: 'public' });
    if (!created.ok) throw new Error(created.message);
    const token = await createApiToken(stranger.id, { name: 'privacy test', lifetime: '30' });
    if (!token.ok) throw new Error(token.message);
    const apiLists = async () => {
      const response = await wishlistsRoute(new Request('http://localhost/api/v1/wishlists', { headers: { authorization: `Bearer ${token.value.secret}` } }), { params: Promise.resolve({}) });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { public: { name: string }[] };
      return body.public.map((list) => list.name);
    };
    // The stranger's dashboard and API answer are cached with the list in them.
    expect((await getWishlistDashboard(stranger.id, 'updated_desc')).public.map((l) => l.name)).toContain('Soon private');
    expect(await apiLists()).toContain('Soon private');

    expect(await updateWishlist(owner.id, created.value.id, { name: 'Soon private', visibility: 'private' })).toMatchObject({ ok: true });
    expect((await getWishlistDashboard(stranger.id, 'updated_desc')).public.map((l) => l.name)).not.toContain('Soon private');
    expect(await apiLists()).not.toContain('Soon private');
    expect(await getWishlistDetail(stranger.id, created.value.id)).toBeNull();
  });
});

describe('gift ideas', () => {
  it('never include the viewer’s own lists, so an owner cannot tell which of their items are reserved', async () => {
    const { owner, friend } = await createCircle();
    const created = await createWishlist(owner.id, { name: 'Ideas list', visibility: 'public' });
    if (!created.ok) throw new Error(created.message);
    const currency = 'NOK';
    const added = await Promise.all(['Kept', 'Taken'].map((name) => addItem(owner.id, created.value.id, { name, price: '10.00', currency })));
    const [kept, taken] = added.map((result) => (result.ok ? result.value.id : ''));
    expect(await giveGift(friend.id, taken!, 'reserve')).toMatchObject({ ok: true });

    // The owner sees none of their own items, reserved or not.
    const ownView = await findGiftIdeas(owner.id, 20, currency);
    expect(ownView.map((idea) => idea.id)).not.toContain(kept);
    expect(ownView.map((idea) => idea.id)).not.toContain(taken);
    // Anyone else sees the available one only.
    const otherView = (await findGiftIdeas(friend.id, 20, currency)).map((idea) => idea.id);
    expect(otherView).toContain(kept);
    expect(otherView).not.toContain(taken);
  });
});

describe('statement budgets of the writes', () => {
  /** Adds `count` accepted friends to a user, so that a write concerns more people. */
  async function addFriends(userId: string, count: number) {
    const tag = Math.random().toString(36).slice(2, 8);
    const people = Array.from({ length: count }, (_, n) => ({ id: `usr_t_${tag}_f${n}`, name: `Friend ${n} ${tag}`, email: `f${n}-${tag}@example.com` }));
    await prisma.user.createMany({ data: people });
    await prisma.connection.createMany({ data: people.map((person) => ({ requesterId: userId, addresseeId: person.id, status: 'accepted' as const })) });
  }

  /** Runs every write once for a fresh circle and returns the statements each took. */
  async function writeCosts(friends: number) {
    const { owner, friend, pending } = await createCircle();
    await addFriends(owner.id, friends);
    const costs: Record<string, number> = {};
    const measure = async <T>(name: string, write: () => Promise<T>) => {
      const { result, statements } = await countStatements(write, `write:${name}`);
      costs[name] = statements;
      return result;
    };
    const list = await measure('createWishlist', () => createWishlist(owner.id, { name: 'Budget', visibility: 'partner_only' }));
    if (!list.ok) throw new Error(list.message);
    await measure('updateWishlist', () => updateWishlist(owner.id, list.value.id, { name: 'Budget 2', visibility: 'partner_only' }));
    const item = await measure('addItem', () => addItem(owner.id, list.value.id, { name: 'Thing', url: 'https://shop.example/thing' }));
    if (!item.ok) throw new Error(item.message);
    await measure('updateItem', () => updateItem(owner.id, item.value.id, { name: 'Thing 2', url: 'https://shop.example/thing', price: '12.50', currency: 'EUR', notes: 'The blue one' }));
    await measure('giveGift', () => giveGift(friend.id, item.value.id, 'reserve'));
    await measure('removeItem', () => removeItem(owner.id, item.value.id));
    await measure('deleteWishlist', () => deleteWishlist(owner.id, list.value.id));
    const request = await prisma.connection.findFirstOrThrow({ where: { requesterId: pending.id, addresseeId: owner.id } });
    await measure('respondToFriendRequest', () => respondToFriendRequest(owner.id, request.id, 'accept'));
    const friendship = await prisma.connection.findFirstOrThrow({ where: { requesterId: owner.id, addresseeId: friend.id } });
    await measure('removeFriend', () => removeFriend(owner.id, friendship.id));
    await settleInlineJobs();
    return costs;
  }

  it('each write costs a fixed number of statements, the same with 3 friends as with 24 (no N+1 over the audience)', async () => {
    const few = await writeCosts(1);
    const many = await writeCosts(22);
    expect(many).toEqual(few);
    // Transactions count their BEGIN and COMMIT; every write ends with one read of the author's
    // audience and one statement queuing every friend's stats refresh.
    expect(few).toEqual({
      createWishlist: 5,
      updateWishlist: 3,
      addItem: 7,
      // One statement for the item, its list's "updated" time and the ownership check.
      updateItem: 3,
      giveGift: 6,
      removeItem: 4,
      deleteWishlist: 3,
      respondToFriendRequest: 4,
      // The connection's DELETE, and the job queued to release reserved gifts.
      removeFriend: 2,
    });
  });
});
