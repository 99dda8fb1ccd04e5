import { beforeEach, describe, expect, it } from 'vitest';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { demoListId } from '@/prisma/seed/shared';
import { createCircle } from '@/test/people';
import { countStatements, expectFlatStatementBudget, expectStatementBudget } from '@/test/statements';
import {
  PUBLIC_PAGE_SIZE,
  getActivityFeed,
  getActivityStats,
  getGivenGifts,
  getPublicListsPage,
  getPublicWishlist,
  getUpcomingEvents,
  getWishlistDashboard,
  getWishlistDetail,
  loadActivityStats,
  loadPublicListsPage,
  loadUpcomingEvents,
  loadWishlistDashboard,
} from './queries';
import { publicListsTag, statsTag, viewerTag, wishlistTag } from './tags';
import type { ActivityCounts, PublicListCursor, PublicListFilter } from './types';

const ADA = 'usr_ada';
const BEN = 'usr_ben';
const CHLOE = 'usr_chloe';
const DEV = 'usr_dev'; // asked Ada: pending
const GUS = 'usr_gus'; // nobody's friend

const adaBirthday = demoListId('ada-birthday'); // partner_only
const adaOffice = demoListId('ada-office'); // private
const adaHoliday = demoListId('ada-holiday'); // public

/** Everything the dashboard shows, as the page loads it (one call per widget). */
const loadDashboardPage = (viewerId: string) =>
  Promise.all([
    getWishlistDashboard(viewerId, 'updated_desc'),
    getActivityFeed(viewerId, 'mine'),
    getActivityFeed(viewerId, 'friends'),
    getActivityStats(viewerId),
    getUpcomingEvents(viewerId),
  ]);

beforeEach(async () => {
  await invalidate([ADA, BEN, CHLOE, DEV, GUS].flatMap((id) => [viewerTag(id), statsTag(id)]).concat([adaBirthday, adaOffice, adaHoliday].map(wishlistTag)));
});

describe('the wishlist dashboard', () => {
  it('partitions my lists, my friends’ shared lists and strangers’ public lists', async () => {
    const dashboard = await loadWishlistDashboard(ADA, 'name_asc');
    expect(dashboard.mine.map((l) => l.name)).toEqual(['Birthday wishes', 'Holiday ideas', 'Home office']);
    expect(dashboard.friends.map((l) => l.name).sort()).toEqual(['Baby shower', 'Gadgets', 'Wedding registry']);
    // Ben's private list never shows; public lists of friends appear once, under friends.
    const publicOwners = new Set(dashboard.public.map((l) => l.ownerId));
    expect(publicOwners.has(ADA) || publicOwners.has(BEN) || publicOwners.has(CHLOE)).toBe(false);
    expect(dashboard.public.every((l) => l.visibility === 'public')).toBe(true);
    expect(dashboard.public.map((l) => l.name)).toContain('Camping gear');
  });

  it('hides availability on my own lists and shows it on others’', async () => {
    const dashboard = await loadWishlistDashboard(ADA, 'updated_desc');
    expect(dashboard.mine.every((l) => l.availableCount === null)).toBe(true);
    const wedding = dashboard.friends.find((l) => l.name === 'Wedding registry')!;
    expect(wedding).toMatchObject({ itemCount: 4, availableCount: 3 });
  });

  it('sorts my lists as asked', async () => {
    const byName = await loadWishlistDashboard(ADA, 'name_desc');
    expect(byName.mine.map((l) => l.name)).toEqual(['Home office', 'Holiday ideas', 'Birthday wishes']);
    const byCreated = await loadWishlistDashboard(ADA, 'created_asc');
    expect(byCreated.mine.map((l) => l.name)).toEqual(['Birthday wishes', 'Home office', 'Holiday ideas']);
  });

  it('costs 6 statements cold, 5 when anyone has read the shared public lists, and none warm', async () => {
    await invalidate([publicListsTag]);
    const cold = await countStatements(() => loadDashboardPage(ADA));
    expect(cold.statements).toBe(6);
    const coldOnceShared = await countStatements(() => loadDashboardPage(BEN));
    expect(coldOnceShared.statements).toBe(5);
    const warm = await countStatements(() => loadDashboardPage(ADA));
    expect(warm.statements).toBe(0);
    expect(warm.metrics.cache.misses).toBe(0);
  });

  it('never gives one viewer another viewer’s cached dashboard', async () => {
    const [ada, ben] = await Promise.all([getWishlistDashboard(ADA, 'updated_desc'), getWishlistDashboard(BEN, 'updated_desc')]);
    const [adaAgain, benAgain] = await Promise.all([getWishlistDashboard(ADA, 'updated_desc'), getWishlistDashboard(BEN, 'updated_desc')]);
    expect(adaAgain).toEqual(ada);
    expect(benAgain).toEqual(ben);
    expect(ada.mine.every((l) => l.ownerId === ADA)).toBe(true);
    expect(ben.mine.every((l) => l.ownerId === BEN)).toBe(true);
    expect(ben.mine.map((l) => l.name)).toContain('Secret list');
    expect([...ada.friends, ...ada.public].map((l) => l.name)).not.toContain('Secret list');
  });
});

describe('the activity sidebar', () => {
  it('never tells owners about gifts on their own lists', async () => {
    const feed = await getActivityFeed(ADA, 'friends');
    expect(feed.length).toBeGreaterThan(0);
    const mine = new Set([adaBirthday, adaOffice, adaHoliday]);
    expect(feed.filter((a) => a.wishlistId && mine.has(a.wishlistId) && (a.kind === 'item_reserved' || a.kind === 'item_purchased'))).toEqual([]);
  });

  it('never shows a stranger activity on a private list', async () => {
    const feed = await getActivityFeed(GUS, 'friends');
    expect(feed).toEqual([]);
  });

  it('lists upcoming events of me and my friends in the next 60 days, soonest first', async () => {
    const events = await getUpcomingEvents(ADA);
    expect(events.map((e) => e.name)).toEqual(['Baby shower', 'Birthday wishes', 'Holiday ideas', 'Wedding registry']);
    expect(events.map((e) => e.daysAway)).toEqual([10, 21, 40, 50]);
  });

  it('lists the gifts I am giving', async () => {
    const gifts = await getGivenGifts(BEN);
    expect(gifts).toEqual([expect.objectContaining({ itemName: 'Noise-cancelling headphones', status: 'reserved', ownerName: 'Ada Park' })]);
  });
});

describe('a wishlist page', () => {
  const matrix: [string, string, string, boolean][] = [
    ['owner', ADA, adaBirthday, true],
    ['accepted friend', BEN, adaBirthday, true],
    ['pending friend', DEV, adaBirthday, false],
    ['stranger', GUS, adaBirthday, false],
    ['owner', ADA, adaOffice, true],
    ['accepted friend', BEN, adaOffice, false],
    ['stranger', GUS, adaOffice, false],
    ['stranger', GUS, adaHoliday, true],
    ['pending friend', DEV, adaHoliday, true],
  ];

  it.each(matrix)('%s (%s) sees list %s: %s', async (_role, viewer, list, visible) => {
    const detail = await getWishlistDetail(viewer, list);
    expect(detail !== null).toBe(visible);
    // The cached path answers the same.
    expect((await getWishlistDetail(viewer, list)) !== null).toBe(visible);
  });

  it('keeps the gift a surprise for the owner, not for friends', async () => {
    const asOwner = await getWishlistDetail(ADA, adaBirthday);
    expect(asOwner!.giftsHidden).toBe(true);
    expect(asOwner!.items.every((item) => item.status === 'available' && item.takenByName === null && !item.takenByMe)).toBe(true);

    const asBen = await getWishlistDetail(BEN, adaBirthday);
    const headphones = asBen!.items.find((i) => i.name === 'Noise-cancelling headphones')!;
    const pottery = asBen!.items.find((i) => i.name === 'Pottery class for two')!;
    expect(headphones).toMatchObject({ status: 'reserved', takenByMe: true });
    expect(pottery).toMatchObject({ status: 'purchased', takenByMe: false, takenByName: 'Chloé Martin' });
    expect(asBen!.viewerCanGive).toBe(true);
  });

  it('lets strangers look at a public list but not give', async () => {
    const detail = await getWishlistDetail(GUS, adaHoliday);
    expect(detail!.viewerCanGive).toBe(false);
  });

  it('costs at most 3 statements cold and none warm', async () => {
    await expectStatementBudget(3, () => getWishlistDetail(BEN, adaBirthday));
    await expectStatementBudget(0, () => getWishlistDetail(BEN, adaBirthday));
  });

  it('answers null, without a query, for ids that are not list ids', async () => {
    await expectStatementBudget(0, async () => expect(await getWishlistDetail(ADA, 'not-a-uuid')).toBeNull());
  });
});

describe('the statement budgets of the dashboard’s widgets', () => {
  const DAY_MS = 86_400_000;
  /** A date `days` from today (UTC midnight), as an event date column takes it. */
  const inDays = (days: number) => new Date(Date.parse(new Date().toISOString().slice(0, 10)) + days * DAY_MS);

  /**
   * Widens the viewer's circle by `count` accepted friends, each with a shared list whose event
   * is coming up, an item on it the viewer has reserved, and the activities of both; the viewer
   * gets a list with an event of their own per friend too.
   */
  async function growCircle(viewerId: string, count: number) {
    const tag = Math.random().toString(36).slice(2, 8);
    for (let n = 0; n < count; n++) {
      const friend = await prisma.user.create({ data: { id: `usr_t_${tag}_f${n}`, name: `Friend ${n} ${tag}`, email: `f${n}-${tag}@example.com` } });
      await prisma.connection.create({ data: { requesterId: n % 2 ? viewerId : friend.id, addresseeId: n % 2 ? friend.id : viewerId, status: 'accepted' } });
      const theirs = await prisma.wishlist.create({ data: { ownerId: friend.id, name: `Party ${n} ${tag}`, visibility: 'partner_only', eventType: 'birthday', eventDate: inDays(7 + n) } });
      const mine = await prisma.wishlist.create({ data: { ownerId: viewerId, name: `Mine ${n} ${tag}`, visibility: 'private', eventType: 'holiday', eventDate: inDays(8 + n) } });
      const item = await prisma.item.create({
        data: { wishlistId: theirs.id, name: `Gift ${n}`, status: 'reserved', purchasedById: viewerId, purchasedAt: new Date(Date.now() - n * 1000) },
      });
      await prisma.activity.createMany({
        data: [
          { actorId: friend.id, kind: 'wishlist_created', wishlistId: theirs.id, payload: { name: theirs.name } },
          { actorId: friend.id, kind: 'item_added', wishlistId: theirs.id, payload: { name: item.name } },
          { actorId: viewerId, kind: 'wishlist_created', wishlistId: mine.id, payload: { name: mine.name } },
          { actorId: viewerId, kind: 'item_reserved', wishlistId: theirs.id, payload: { name: item.name } },
        ],
      });
    }
    // The writes above bypass the mutations: drop the viewer's cached widgets by hand.
    await invalidate([viewerTag(viewerId), statsTag(viewerId)]);
  }

  /**
   * Reads a widget cold (exactly `cold` statements, one cache miss) and warm (no statement), for a
   * circle of one friend and again for a circle of eight: the count must not grow with the data.
   */
  async function expectFlatBudget<T>(read: (viewerId: string) => Promise<T>, cold: number, size: (value: T) => number) {
    const { owner } = await createCircle();
    await growCircle(owner.id, 1);
    await expectFlatStatementBudget(cold, () => read(owner.id), size, () => growCircle(owner.id, 7));
  }


  it('upcoming events cost 1 statement cold, none warm, however many friends have events', async () => {
    await expectFlatBudget(getUpcomingEvents, 1, (events) => events.length);
  });

  it('given gifts cost 1 statement cold, none warm, however many gifts I give', async () => {
    await expectFlatBudget(getGivenGifts, 1, (gifts) => gifts.length);
  });

  it('my activity feed costs 1 statement cold, none warm, however much I do', async () => {
    await expectFlatBudget((viewerId) => getActivityFeed(viewerId, 'mine'), 1, (feed) => feed.length);
  });

  it('my friends’ activity feed costs 1 statement cold, none warm, however many friends I have', async () => {
    await expectFlatBudget((viewerId) => getActivityFeed(viewerId, 'friends'), 1, (feed) => feed.length);
  });

  it('activity stats (today, 7 days, 30 days) cost 1 statement cold, none warm, however many friends and lists I have', async () => {
    const total = (counts: ActivityCounts) => counts.wishlistsCreated + counts.itemsAdded + counts.giftsReserved + counts.giftsPurchased + counts.friendsMade;
    await expectFlatBudget(getActivityStats, 1, (stats) => total(stats.today) + total(stats.week) + total(stats.month));
  });
});

describe('what the dashboard’s reads include, whatever plan serves them', () => {
  const DAY_MS = 86_400_000;
  const inDays = (days: number) => new Date(Date.parse(new Date().toISOString().slice(0, 10)) + days * DAY_MS);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  it('upcoming events: mine whatever their visibility, friends’ shared ones only, ties by list id', async () => {
    const { owner, friend, otherFriend, pending, stranger } = await createCircle();
    const list = (ownerId: string, name: string, visibility: 'private' | 'partner_only' | 'public', days: number) =>
      prisma.wishlist.create({ data: { ownerId, name, visibility, eventType: 'birthday', eventDate: inDays(days) } });
    const shown = await Promise.all([
      list(owner.id, 'my private', 'private', 5),
      list(friend.id, 'friend shared', 'partner_only', 5),
      list(otherFriend.id, 'other friend public', 'public', 5),
    ]);
    await Promise.all([
      list(friend.id, 'friend private', 'private', 3),
      list(friend.id, 'friend too late', 'public', 61),
      list(pending.id, 'pending shared', 'partner_only', 2),
      list(pending.id, 'pending public', 'public', 2),
      list(stranger.id, 'stranger public', 'public', 1),
    ]);
    const events = await loadUpcomingEvents(owner.id);
    expect(events.map((e) => e.wishlistId)).toEqual(shown.sort(byId).map((l) => l.id));
  });

  it('weekly stats count each visible activity of me and my friends once, nobody else’s', async () => {
    const { owner, friend, otherFriend, pending, stranger } = await createCircle();
    const [mine, friendShared, friendPrivate, otherPublic, pendingPublic] = await Promise.all(
      (
        [
          [owner.id, 'private'],
          [friend.id, 'partner_only'],
          [friend.id, 'private'],
          [otherFriend.id, 'public'],
          [pending.id, 'public'],
        ] as const
      ).map(([ownerId, visibility]) => prisma.wishlist.create({ data: { ownerId, name: `${visibility} list`, visibility } })),
    );
    await prisma.activity.createMany({
      data: [
        { actorId: owner.id, kind: 'wishlist_created', wishlistId: mine!.id },
        { actorId: friend.id, kind: 'item_added', wishlistId: friendShared!.id },
        { actorId: friend.id, kind: 'friend_accepted' },
        { actorId: otherFriend.id, kind: 'item_purchased', wishlistId: otherPublic!.id },
        // Not counted: gift news on my own list, a friend's private list, too old, not a friend.
        { actorId: friend.id, kind: 'item_reserved', wishlistId: mine!.id },
        { actorId: friend.id, kind: 'wishlist_created', wishlistId: friendPrivate!.id },
        { actorId: friend.id, kind: 'item_added', wishlistId: friendShared!.id, createdAt: new Date(Date.now() - 8 * DAY_MS) },
        { actorId: pending.id, kind: 'wishlist_created', wishlistId: pendingPublic!.id },
        { actorId: stranger.id, kind: 'item_added', wishlistId: otherPublic!.id },
      ],
    });
    expect((await loadActivityStats(owner.id)).week).toEqual({ wishlistsCreated: 1, itemsAdded: 1, giftsReserved: 0, giftsPurchased: 1, friendsMade: 1 });
  });

  it('the public section is the newest public lists of strangers, ties by list id', async () => {
    const { owner, friend, stranger } = await createCircle();
    // Newer than any other list, with one shared timestamp.
    const updatedAt = new Date(Date.now() + 365 * DAY_MS);
    const lists = await Promise.all(
      (['public', 'public', 'public', 'partner_only'] as const).map((visibility, n) =>
        prisma.wishlist.create({ data: { ownerId: stranger.id, name: `tie ${n}`, visibility, updatedAt } }),
      ),
    );
    const friendsList = await prisma.wishlist.create({ data: { ownerId: friend.id, name: 'friend newest', visibility: 'public', updatedAt } });
    try {
      const dashboard = await loadWishlistDashboard(owner.id, 'updated_desc');
      const publicLists = lists.filter((l) => l.visibility === 'public').sort(byId);
      expect(dashboard.public.slice(0, 3).map((l) => l.id)).toEqual(publicLists.map((l) => l.id));
      expect(dashboard.public.map((l) => l.id)).not.toContain(friendsList.id);
      expect(dashboard.friends.map((l) => l.id)).toContain(friendsList.id);
    } finally {
      // Other tests read the newest public lists too.
      await prisma.wishlist.deleteMany({ where: { id: { in: [...lists, friendsList].map((l) => l.id) } } });
    }
  });
});

describe('activity stats over today, 7 days and 30 days', () => {
  const DAY_MS = 86_400_000;

  it('count each activity in every period it falls in, in one statement', async () => {
    const { owner, friend } = await createCircle();
    const list = await prisma.wishlist.create({ data: { ownerId: friend.id, name: 'Shared', visibility: 'partner_only' } });
    const ago = (ms: number) => new Date(Date.now() - ms);
    await prisma.activity.createMany({
      data: [
        { actorId: friend.id, kind: 'item_added', wishlistId: list.id, createdAt: ago(2 * 3_600_000) },
        { actorId: owner.id, kind: 'item_added', wishlistId: list.id, createdAt: ago(3 * DAY_MS) },
        { actorId: friend.id, kind: 'wishlist_created', wishlistId: list.id, createdAt: ago(20 * DAY_MS) },
        { actorId: owner.id, kind: 'item_purchased', wishlistId: list.id, createdAt: ago(29 * DAY_MS) },
        // Too old for any period.
        { actorId: friend.id, kind: 'item_added', wishlistId: list.id, createdAt: ago(31 * DAY_MS) },
      ],
    });
    const { result, statements } = await countStatements(() => loadActivityStats(owner.id));
    expect(statements).toBe(1);
    const zero = { wishlistsCreated: 0, itemsAdded: 0, giftsReserved: 0, giftsPurchased: 0, friendsMade: 0 };
    expect(result.today).toEqual({ ...zero, itemsAdded: 1 });
    expect(result.week).toEqual({ ...zero, itemsAdded: 2 });
    expect(result.month).toEqual({ ...zero, itemsAdded: 2, wishlistsCreated: 1, giftsPurchased: 1 });
    expect(Math.abs(Date.parse(result.at) - Date.now())).toBeLessThan(60_000);
  });
});

describe('a public list’s share page', () => {
  it('shows a public list to anyone, with its items and notes and nothing about gifts', async () => {
    const list = await getPublicWishlist(adaHoliday);
    expect(list).toMatchObject({ id: adaHoliday, name: 'Holiday ideas', ownerName: 'Ada Park', eventType: 'holiday' });
    expect(list!.items.map((item) => item.name)).toEqual(['Board game: Wingspan', 'Wool socks', 'Cookbook: Salt Fat Acid Heat']);
    expect(list!.items[1]).toEqual(expect.objectContaining({ price: '18.00', currency: 'EUR', notes: 'Size 39–42, any colour but yellow.' }));
    // Exactly these fields: no status, no buyer, no metadata error, no owner id.
    expect(Object.keys(list!).sort()).toEqual(['description', 'eventDate', 'eventType', 'id', 'items', 'name', 'ownerName', 'updatedAt']);
    expect(Object.keys(list!.items[0]!).sort()).toEqual(['currency', 'id', 'imageUrl', 'name', 'notes', 'price', 'url']);
  });

  it('does not exist for friends-only and private lists, nor for ids that are not list ids (no query)', async () => {
    expect(await getPublicWishlist(adaBirthday)).toBeNull();
    expect(await getPublicWishlist(adaOffice)).toBeNull();
    await expectStatementBudget(0, async () => expect(await getPublicWishlist('not-a-uuid')).toBeNull());
  });

  it('costs 1 statement cold, none warm, however many items the list has', async () => {
    const { owner } = await createCircle();
    const list = await prisma.wishlist.create({ data: { ownerId: owner.id, name: 'Grows', visibility: 'public' } });
    const addItems = async (count: number) => {
      await prisma.item.createMany({ data: Array.from({ length: count }, (_, n) => ({ wishlistId: list.id, name: `Thing ${n}`, price: '9.99', currency: 'EUR', notes: `Note ${n}` })) });
      await invalidate([wishlistTag(list.id)]);
    };
    await addItems(1);
    await expectFlatStatementBudget(1, () => getPublicWishlist(list.id), (value) => value!.items.length, () => addItems(7));
  });
});

describe('the public lists’ browse page', () => {
  /** Every page of a filter, forwards. */
  async function allPages(filter: PublicListFilter) {
    const pages = [];
    let after: PublicListCursor | undefined;
    for (let n = 0; n < 100; n++) {
      const page = await loadPublicListsPage(filter, after);
      pages.push(page);
      if (!page.next) break;
      after = page.next;
    }
    return pages;
  }

  it('pages through every public list once, newest update first, and comes back with "previous"', async () => {
    const pages = await allPages({});
    const ids = pages.flatMap((page) => page.lists.map((list) => list.id));
    expect(new Set(ids).size).toBe(ids.length);
    const publicIds = await prisma.wishlist.findMany({ where: { visibility: 'public' }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], select: { id: true } });
    expect(ids).toEqual(publicIds.map((list) => list.id));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.lists).toHaveLength(PUBLIC_PAGE_SIZE);
    expect(pages[0]!.previous).toBeNull();
    // Back from the second page: the first page again, which has no previous page.
    const back = await loadPublicListsPage({}, undefined, pages[1]!.previous!);
    expect(back.lists.map((list) => list.id)).toEqual(pages[0]!.lists.map((list) => list.id));
    expect(back.previous).toBeNull();
    expect(back.next).toEqual(pages[0]!.next);
  });

  it('filters by occasion, and by an item up to a price in a currency whatever its status', async () => {
    const weddings = (await allPages({ eventType: 'wedding' })).flatMap((page) => page.lists);
    expect(weddings.length).toBeGreaterThan(0);
    expect(weddings.every((list) => list.eventType === 'wedding')).toBe(true);
    expect(weddings.map((list) => list.name)).toContain('Wedding registry');

    const { owner, friend } = await createCircle();
    const list = await prisma.wishlist.create({ data: { ownerId: owner.id, name: 'Króna list', visibility: 'public' } });
    await prisma.item.createMany({
      data: [
        // Taken, but still counted: a filter on what is left would tell the owner what was taken.
        { wishlistId: list.id, name: 'Cheap', price: '15.00', currency: 'ISK', status: 'reserved', purchasedById: friend.id, purchasedAt: new Date() },
        { wishlistId: list.id, name: 'Dear', price: '900.00', currency: 'ISK' },
      ],
    });
    const names = async (filter: PublicListFilter) => (await allPages(filter)).flatMap((page) => page.lists.map((l) => l.name));
    expect(await names({ maxPrice: 20, currency: 'ISK' })).toEqual(['Króna list']);
    expect(await names({ maxPrice: 10, currency: 'ISK' })).toEqual([]);
    expect(await names({ maxPrice: 20, currency: 'EUR' })).not.toContain('Króna list');
    const [card] = (await loadPublicListsPage({ maxPrice: 1000, currency: 'ISK' })).lists;
    // No availability on a card either.
    expect(card).toEqual({ id: list.id, name: 'Króna list', description: null, eventType: null, eventDate: null, ownerName: owner.name, itemCount: 2, updatedAt: list.updatedAt.toISOString() });
    await prisma.wishlist.delete({ where: { id: list.id } });
  });

  it('costs 1 statement cold, none warm, with filters and deep pages, however many public lists there are', async () => {
    const { owner } = await createCircle();
    const tag = Math.random().toString(36).slice(2, 8);
    const currency = 'DKK';
    const created: string[] = [];
    const grow = async (count: number) => {
      for (let n = 0; n < count; n++) {
        // Each older than the last, so that later lists land on the deeper pages.
        const updatedAt = new Date(Date.now() - (created.length + 1) * 60_000);
        const list = await prisma.wishlist.create({ data: { ownerId: owner.id, name: `Browse ${tag} ${created.length}`, visibility: 'public', eventType: 'graduation', updatedAt } });
        await prisma.item.createMany({ data: [{ wishlistId: list.id, name: 'Pen', price: '30.00', currency }, { wishlistId: list.id, name: 'Bag', price: '300.00', currency }] });
        created.push(list.id);
      }
      await invalidate([publicListsTag]);
    };
    const filter: PublicListFilter = { eventType: 'graduation', maxPrice: 50, currency };
    try {
      await grow(3);
      await expectFlatStatementBudget(1, () => getPublicListsPage(filter), (page) => page.lists.length, () => grow(21));
      // A deep page: after the 20th list, still one statement.
      const first = await getPublicListsPage(filter);
      await expectFlatStatementBudget(1, () => getPublicListsPage(filter, first.next!), (page) => page.lists.length, () => grow(8));
    } finally {
      await prisma.wishlist.deleteMany({ where: { id: { in: created } } });
      await invalidate([publicListsTag]);
    }
  });
});
