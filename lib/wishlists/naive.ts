import { prisma } from '@/lib/db/client';
import { assertBenchMode } from '@/lib/bench-mode';
import { isUuid } from '@/lib/validation';
import { DASHBOARD_LIMITS, FEED_LIMIT, UPCOMING_DAYS } from './queries';
import type { ActivityCounts, ActivityEntry, ActivityStats, UpcomingEvent, WishlistCard, WishlistDashboard, WishlistDetail, WishlistSort } from './types';
import { ACTIVITY_PERIOD_DAYS, ACTIVITY_PERIODS } from './types';

/*
 * THE NAIVE BASELINE, FOR `npm run bench` ONLY. Never use it in the app.
 *
 * What plan 000 ("Wishare") did before its optimisations, reproduced so that the benchmark can
 * measure both data paths in the same run, on the same data, behind the same components: the
 * friends loaded one query per friend, each friend's lists one query per friend, the items and
 * owner of each card one query per list, the activity feeds one query per person and per list,
 * the filtering and sorting done in memory, and nothing cached. The results are exactly those of
 * lib/wishlists/queries.ts (an integration test compares them); only the work differs.
 *
 * Every function refuses to run outside bench mode (BRISK_BENCH=1), and these statements repeat
 * by design: the N+1 guard warns about them in the bench server's log. Do not test them inside a
 * measured request (tests turn the guard's warning into a failure).
 */

type ListRow = Awaited<ReturnType<typeof prisma.wishlist.findMany>>[number];
type ActivityRow = Awaited<ReturnType<typeof prisma.activity.findMany>>[number];

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const newestFirst = (a: ListRow, b: ListRow) => b.updatedAt.getTime() - a.updatedAt.getTime() || byId(a, b);
const lower = (name: string) => name.toLowerCase();

const MINE_ORDER: Record<WishlistSort, (a: ListRow, b: ListRow) => number> = {
  updated_desc: newestFirst,
  updated_asc: (a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || byId(a, b),
  created_desc: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(a, b),
  created_asc: (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || byId(a, b),
  name_asc: (a, b) => (lower(a.name) < lower(b.name) ? -1 : lower(a.name) > lower(b.name) ? 1 : byId(a, b)),
  name_desc: (a, b) => (lower(a.name) > lower(b.name) ? -1 : lower(a.name) < lower(b.name) ? 1 : byId(a, b)),
};

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

function todayUtc(): Date {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  return today;
}

/** The viewer's accepted friends (id → name): every connection, filtered in memory, then one query per friend. */
async function naiveFriends(viewerId: string): Promise<Map<string, string>> {
  const connections = await prisma.connection.findMany({ where: { OR: [{ requesterId: viewerId }, { addresseeId: viewerId }] } });
  const friends = new Map<string, string>();
  for (const connection of connections) {
    if (connection.status !== 'accepted') continue;
    const friendId = connection.requesterId === viewerId ? connection.addresseeId : connection.requesterId;
    const friend = await prisma.user.findUnique({ where: { id: friendId }, select: { id: true, name: true } });
    if (friend) friends.set(friend.id, friend.name);
  }
  return friends;
}

async function viewerName(viewerId: string): Promise<string> {
  const viewer = await prisma.user.findUnique({ where: { id: viewerId }, select: { name: true } });
  return viewer?.name ?? '';
}

/** A card: the list's items loaded to count them (one query per list), its owner's name given or loaded (one per list). */
async function naiveCard(list: ListRow, viewerId: string, ownerName: string | undefined): Promise<WishlistCard> {
  const items = await prisma.item.findMany({ where: { wishlistId: list.id }, select: { status: true } });
  const name = ownerName ?? (await prisma.user.findUnique({ where: { id: list.ownerId }, select: { name: true } }))?.name ?? '';
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    visibility: list.visibility,
    eventType: list.eventType,
    eventDate: isoDate(list.eventDate),
    ownerId: list.ownerId,
    ownerName: name,
    itemCount: items.length,
    availableCount: list.ownerId === viewerId ? null : items.filter((item) => item.status === 'available').length,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
  };
}

/** The dashboard's three sections, the slow way (the same result as loadWishlistDashboard). */
export async function loadNaiveDashboard(viewerId: string, sort: WishlistSort): Promise<WishlistDashboard> {
  assertBenchMode();
  const me = await viewerName(viewerId);
  const friends = await naiveFriends(viewerId);

  const mine = (await prisma.wishlist.findMany({ where: { ownerId: viewerId } })).sort(MINE_ORDER[sort]).slice(0, DASHBOARD_LIMITS.mine);

  const shared: ListRow[] = [];
  for (const friendId of friends.keys()) {
    const lists = await prisma.wishlist.findMany({ where: { ownerId: friendId } });
    shared.push(...lists.filter((list) => list.visibility !== 'private'));
  }
  const friendLists = shared.sort(newestFirst).slice(0, DASHBOARD_LIMITS.friends);

  // Public lists, newest first, a page at a time; the viewer's own and friends' are dropped in memory.
  const publicLists: ListRow[] = [];
  const PAGE = 50;
  for (let skip = 0; publicLists.length < DASHBOARD_LIMITS.public; skip += PAGE) {
    const page = await prisma.wishlist.findMany({ where: { visibility: 'public' }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], skip, take: PAGE });
    publicLists.push(...page.filter((list) => list.ownerId !== viewerId && !friends.has(list.ownerId)));
    if (page.length < PAGE) break;
  }

  const dashboard: WishlistDashboard = { mine: [], friends: [], public: [] };
  for (const list of mine) dashboard.mine.push(await naiveCard(list, viewerId, me));
  for (const list of friendLists) dashboard.friends.push(await naiveCard(list, viewerId, friends.get(list.ownerId)));
  for (const list of publicLists.slice(0, DASHBOARD_LIMITS.public)) dashboard.public.push(await naiveCard(list, viewerId, undefined));
  return dashboard;
}

type ListInfo = Pick<ListRow, 'id' | 'name' | 'ownerId' | 'visibility'>;

/** Looks each activity's list up (one query per list) and applies queries.ts's visibility rule in memory. */
function activityFilter(viewerId: string, friends: Map<string, string>) {
  const lists = new Map<string, ListInfo | null>();
  const listOf = async (activity: ActivityRow): Promise<ListInfo | null> => {
    if (!activity.wishlistId) return null;
    if (!lists.has(activity.wishlistId)) {
      lists.set(activity.wishlistId, await prisma.wishlist.findUnique({ where: { id: activity.wishlistId }, select: { id: true, name: true, ownerId: true, visibility: true } }));
    }
    return lists.get(activity.wishlistId)!;
  };
  const visible = async (activity: ActivityRow): Promise<boolean> => {
    if (!activity.wishlistId) return true;
    const list = await listOf(activity);
    if (!list) return false;
    if (list.ownerId === viewerId) return activity.kind !== 'item_reserved' && activity.kind !== 'item_purchased';
    return list.visibility === 'public' || (list.visibility === 'partner_only' && friends.has(list.ownerId));
  };
  return { listOf, visible };
}

const newestActivityFirst = (a: ActivityRow, b: ActivityRow) => b.createdAt.getTime() - a.createdAt.getTime() || byId(a, b);

function payloadName(payload: unknown): string | null {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const value = (payload as Record<string, unknown>).name;
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "My latest activity" or "Friends' latest activity": every activity of each person (one query per person), filtered in memory. */
export async function loadNaiveActivityFeed(viewerId: string, whose: 'mine' | 'friends'): Promise<ActivityEntry[]> {
  assertBenchMode();
  const friends = await naiveFriends(viewerId);
  const names = whose === 'mine' ? new Map([[viewerId, await viewerName(viewerId)]]) : friends;
  const all: ActivityRow[] = [];
  for (const actorId of names.keys()) all.push(...(await prisma.activity.findMany({ where: { actorId } })));
  const { listOf, visible } = activityFilter(viewerId, friends);
  const shown: ActivityEntry[] = [];
  for (const activity of all.sort(newestActivityFirst)) {
    if (!(await visible(activity))) continue;
    const list = await listOf(activity);
    shown.push({
      id: activity.id,
      kind: activity.kind,
      actorId: activity.actorId,
      actorName: names.get(activity.actorId) ?? '',
      wishlistId: activity.wishlistId,
      wishlistName: list?.name ?? null,
      subjectName: payloadName(activity.payload),
      createdAt: activity.createdAt.toISOString(),
    });
  }
  return shown.slice(0, FEED_LIMIT);
}

/** The activity of the viewer and friends over 1, 7 and 30 days: one query per person, counted in memory, never cached. */
export async function loadNaiveActivityStats(viewerId: string): Promise<ActivityStats> {
  assertBenchMode();
  const at = Date.now();
  const friends = await naiveFriends(viewerId);
  const { visible } = activityFilter(viewerId, friends);
  const empty = (): ActivityCounts => ({ wishlistsCreated: 0, itemsAdded: 0, giftsReserved: 0, giftsPurchased: 0, friendsMade: 0 });
  const stats: ActivityStats = { at: new Date(at).toISOString(), today: empty(), week: empty(), month: empty() };
  const keys: Partial<Record<ActivityRow['kind'], keyof ActivityCounts>> = {
    wishlist_created: 'wishlistsCreated',
    item_added: 'itemsAdded',
    item_reserved: 'giftsReserved',
    item_purchased: 'giftsPurchased',
    friend_accepted: 'friendsMade',
  };
  const since = new Date(at - ACTIVITY_PERIOD_DAYS.month * 86_400_000);
  for (const actorId of [viewerId, ...friends.keys()]) {
    for (const activity of await prisma.activity.findMany({ where: { actorId, createdAt: { gte: since } } })) {
      const key = keys[activity.kind];
      if (!key || !(await visible(activity))) continue;
      for (const period of ACTIVITY_PERIODS) {
        if (activity.createdAt.getTime() >= at - ACTIVITY_PERIOD_DAYS[period] * 86_400_000) stats[period][key] += 1;
      }
    }
  }
  return stats;
}

/** Events in the next 60 days: the viewer's lists and each friend's (one query per friend), filtered in memory. */
export async function loadNaiveUpcomingEvents(viewerId: string): Promise<UpcomingEvent[]> {
  assertBenchMode();
  const friends = await naiveFriends(viewerId);
  const names = new Map([[viewerId, await viewerName(viewerId)], ...friends]);
  const lists: ListRow[] = [];
  for (const ownerId of names.keys()) lists.push(...(await prisma.wishlist.findMany({ where: { ownerId } })));
  const today = todayUtc().getTime();
  const last = today + UPCOMING_DAYS * 86_400_000;
  return lists
    .filter((list) => list.eventType !== null && list.eventDate !== null)
    .filter((list) => list.eventDate!.getTime() >= today && list.eventDate!.getTime() <= last)
    .filter((list) => list.ownerId === viewerId || list.visibility !== 'private')
    .sort((a, b) => a.eventDate!.getTime() - b.eventDate!.getTime() || byId(a, b))
    .slice(0, 50)
    .map((list) => ({
      wishlistId: list.id,
      name: list.name,
      ownerId: list.ownerId,
      ownerName: names.get(list.ownerId) ?? '',
      eventType: list.eventType!,
      eventDate: isoDate(list.eventDate)!,
      daysAway: Math.round((list.eventDate!.getTime() - today) / 86_400_000),
    }));
}

/** One list as the viewer may see it: list, owner, friendship, items, then each buyer (one query per taken item). */
export async function loadNaiveWishlistDetail(viewerId: string, wishlistId: string): Promise<WishlistDetail | null> {
  assertBenchMode();
  if (!isUuid(wishlistId)) return null;
  const list = await prisma.wishlist.findUnique({ where: { id: wishlistId } });
  if (!list) return null;
  const owner = await prisma.user.findUnique({ where: { id: list.ownerId }, select: { name: true } });
  const connections = await prisma.connection.findMany({ where: { OR: [{ requesterId: viewerId }, { addresseeId: viewerId }] } });
  const viewerIsFriend = connections.some(
    (c) => c.status === 'accepted' && (c.requesterId === viewerId ? c.addresseeId : c.requesterId) === list.ownerId,
  );
  const viewerIsOwner = list.ownerId === viewerId;
  if (!viewerIsOwner && list.visibility !== 'public' && !(list.visibility === 'partner_only' && viewerIsFriend)) return null;

  const eventDate = isoDate(list.eventDate);
  const eventPassed = eventDate !== null && eventDate < new Date().toISOString().slice(0, 10);
  const giftsHidden = viewerIsOwner && !eventPassed;
  const items = await prisma.item.findMany({ where: { wishlistId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  const itemViews: WishlistDetail['items'] = [];
  for (const item of items) {
    const buyer = item.purchasedById ? await prisma.user.findUnique({ where: { id: item.purchasedById }, select: { name: true } }) : null;
    itemViews.push({
      id: item.id,
      name: item.name,
      url: item.url,
      imageUrl: item.imageUrl,
      price: item.price === null ? null : item.price.toFixed(2),
      currency: item.currency,
      status: giftsHidden ? 'available' : item.status,
      takenByMe: !giftsHidden && item.purchasedById === viewerId,
      takenByName: giftsHidden ? null : (buyer?.name ?? null),
      metadataStatus: item.metadataStatus,
      metadataError: item.metadataError,
      notes: item.notes,
      createdAt: item.createdAt.toISOString(),
    });
  }
  return {
    id: list.id,
    name: list.name,
    description: list.description,
    visibility: list.visibility,
    eventType: list.eventType,
    eventDate,
    ownerId: list.ownerId,
    ownerName: owner?.name ?? '',
    itemCount: items.length,
    availableCount: viewerIsOwner ? null : items.filter((item) => item.status === 'available').length,
    createdAt: list.createdAt.toISOString(),
    updatedAt: list.updatedAt.toISOString(),
    viewerIsOwner,
    viewerCanGive: !viewerIsOwner && viewerIsFriend,
    giftsHidden,
    items: itemViews,
  };
}
