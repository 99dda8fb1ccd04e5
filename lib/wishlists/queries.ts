import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { isUuid } from '@/lib/validation';
import { cachedRead } from '@/lib/cache/read';
import { peopleTag } from '@/lib/people/tags';
import type {
  ActivityCounts,
  ActivityEntry,
  ActivityPeriod,
  ActivityStats,
  GivenGift,
  ItemView,
  PublicListCard,
  PublicListCursor,
  PublicListFilter,
  PublicListPage,
  PublicWishlist,
  UpcomingEvent,
  WishlistCard,
  WishlistDashboard,
  WishlistDetail,
  WishlistEventType,
  WishlistSort,
} from './types';
import { ACTIVITY_PERIOD_DAYS, ACTIVITY_PERIODS, DEFAULT_WISHLIST_SORT } from './types';
import { wishlistCacheKinds as kinds } from './module';
import { publicListsTag, statsTag, viewerTag, wishlistTag } from './tags';

/*
 * Reads of the Wishlists module. Who may see what is decided in the SQL of each query:
 * - a private list: its owner only;
 * - a partner_only list: its owner and the owner's accepted friends;
 * - a public list: everyone signed in.
 * On their own lists, owners never learn who reserved or bought what before the event date.
 *
 * Every read is a cached-read descriptor (lib/cache/read.ts) shared by its page, its API route
 * and the sign-in warm-up. A read whose answer follows the viewer's friendships carries the
 * viewer's people tag, which every friendship change drops (lib/people/mutations.ts).
 */

export const DASHBOARD_LIMITS = { mine: 100, friends: 48, public: 12 } as const;
export const FEED_LIMIT = 5;
export const UPCOMING_DAYS = 60;

/** The viewer's accepted friends, as a CTE every query below starts from. */
const friendsCte = (viewerId: string) => Prisma.sql`
  friends AS (
    SELECT CASE WHEN c.requester_id = ${viewerId} THEN c.addressee_id ELSE c.requester_id END AS id
    FROM connections c
    WHERE (c.requester_id = ${viewerId} OR c.addressee_id = ${viewerId}) AND c.status = 'accepted'
  )`;

/**
 * The viewer and their friends as one array, for `column = ANY (…)`: PostgreSQL turns that into
 * one index range scan per id, where `column = viewer OR column IN (friends)` made it scan the
 * whole table at large scale. Membership, as before: nobody counts twice.
 */
const viewerAndFriends = (viewerId: string) => Prisma.sql`ARRAY(SELECT ${viewerId}::text UNION ALL SELECT id FROM friends)`;

const MINE_ORDER: Record<WishlistSort, Prisma.Sql> = {
  updated_desc: Prisma.sql`w.updated_at DESC, w.id`,
  updated_asc: Prisma.sql`w.updated_at ASC, w.id`,
  created_desc: Prisma.sql`w.created_at DESC, w.id`,
  created_asc: Prisma.sql`w.created_at ASC, w.id`,
  name_asc: Prisma.sql`lower(w.name) ASC, w.id`,
  name_desc: Prisma.sql`lower(w.name) DESC, w.id`,
};

interface CardRow {
  id: string;
  name: string;
  description: string | null;
  visibility: WishlistCard['visibility'];
  event_type: WishlistEventType | null;
  event_date: string | null;
  owner_id: string;
  owner_name: string;
  item_count: number;
  available_count: number;
  created_at: Date;
  updated_at: Date;
  section: number;
}

function toCard(row: CardRow, viewerId: string): WishlistCard {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    visibility: row.visibility,
    eventType: row.event_type,
    eventDate: row.event_date,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    itemCount: row.item_count,
    availableCount: row.owner_id === viewerId ? null : row.available_count,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

const CARD_COLUMNS = Prisma.sql`
  p.id, p.name, p.description, p.visibility::text AS visibility, p.event_type::text AS event_type,
  to_char(p.event_date, 'YYYY-MM-DD') AS event_date, p.owner_id, u.name AS owner_name,
  counts.total::int AS item_count, counts.available::int AS available_count, p.created_at, p.updated_at`;

const ITEM_COUNTS = Prisma.sql`
  CROSS JOIN LATERAL (
    SELECT count(*) AS total, count(*) FILTER (WHERE i.status = 'available') AS available
    FROM items i WHERE i.wishlist_id = p.id
  ) counts`;

/** The viewer's lists and their friends' shared lists, and who the friends are (to keep them out of the public section). */
interface ViewerLists {
  mine: WishlistCard[];
  friends: WishlistCard[];
  friendIds: string[];
}

/**
 * The viewer's own sections of the dashboard in one statement (plan 000 §1.2, "unified
 * loading"): my lists in the chosen order and my friends' shared lists by recent update.
 */
export async function loadViewerLists(viewerId: string, sort: WishlistSort): Promise<ViewerLists> {
  const rows = await prisma.$queryRaw<(CardRow & { friend_ids: string[] })[]>`
    WITH ${friendsCte(viewerId)},
    picked AS (
      (SELECT w.*, 1 AS section, row_number() OVER (ORDER BY ${MINE_ORDER[sort]}) AS position
       FROM wishlists w WHERE w.owner_id = ${viewerId}
       ORDER BY ${MINE_ORDER[sort]} LIMIT ${DASHBOARD_LIMITS.mine})
      UNION ALL
      (SELECT w.*, 2, row_number() OVER (ORDER BY w.updated_at DESC, w.id)
       FROM wishlists w JOIN friends f ON f.id = w.owner_id
       WHERE w.visibility IN ('partner_only', 'public')
       ORDER BY w.updated_at DESC, w.id LIMIT ${DASHBOARD_LIMITS.friends})
    ),
    cards AS (
      SELECT ${CARD_COLUMNS}, p.section, p.position
      FROM picked p JOIN users u ON u.id = p.owner_id
      ${ITEM_COUNTS}
    )
    -- One row even without any list: it carries the friends' ids.
    SELECT ARRAY(SELECT id FROM friends ORDER BY id) AS friend_ids, c.*
    FROM (SELECT 1) one LEFT JOIN cards c ON true
    ORDER BY c.section, c.position`;
  const lists: ViewerLists = { mine: [], friends: [], friendIds: rows[0]?.friend_ids ?? [] };
  for (const row of rows) {
    if (row.section === 1) lists.mine.push(toCard(row, viewerId));
    else if (row.section === 2) lists.friends.push(toCard(row, viewerId));
  }
  return lists;
}

/**
 * Public lists by recent update, the same for everybody: one cache entry that any change to a
 * list drops (publicListsTag), so a list made private leaves every viewer's dashboard at once.
 * More than the section shows, since each viewer's own and friends' lists are left out of it.
 */
const PUBLIC_POOL = 60;

export async function loadPublicLists(): Promise<WishlistCard[]> {
  // Read in the order of wishlists_public_updated_idx, stopping at the limit: no sort of every public list.
  const rows = await prisma.$queryRaw<CardRow[]>`
    SELECT ${CARD_COLUMNS}, 3 AS section
    FROM (SELECT * FROM wishlists w WHERE w.visibility = 'public' ORDER BY w.updated_at DESC, w.id LIMIT ${PUBLIC_POOL}) p
    JOIN users u ON u.id = p.owner_id
    ${ITEM_COUNTS}
    ORDER BY p.updated_at DESC, p.id`;
  // Nobody is the owner here: available counts are shown, and each viewer's own lists are left out below.
  return rows.map((row) => toCard(row, ''));
}

export const viewerListsRead = cachedRead({
  kind: kinds.dashboard,
  key: (viewerId: string, sort: WishlistSort) => ['lists', viewerId, sort],
  tags: (viewerId: string) => [viewerTag(viewerId), peopleTag(viewerId)],
  load: loadViewerLists,
});

export const publicListsRead = cachedRead({
  kind: kinds.publicLists,
  key: () => ['recent'],
  tags: () => [publicListsTag],
  load: loadPublicLists,
});

/** The dashboard from its two cached parts: the viewer's, and the public lists everybody shares. */
export async function getWishlistDashboard(viewerId: string, sort: WishlistSort): Promise<WishlistDashboard> {
  const [viewerLists, publicLists] = await Promise.all([viewerListsRead.get(viewerId, sort), publicListsRead.get()]);
  return composeDashboard(viewerId, viewerLists, publicLists);
}

/** The uncached dashboard (two statements), for tests and the benchmark's reference answers. */
export async function loadWishlistDashboard(viewerId: string, sort: WishlistSort): Promise<WishlistDashboard> {
  const [viewerLists, publicLists] = await Promise.all([loadViewerLists(viewerId, sort), loadPublicLists()]);
  return composeDashboard(viewerId, viewerLists, publicLists);
}

function composeDashboard(viewerId: string, { mine, friends, friendIds }: ViewerLists, publicLists: WishlistCard[]): WishlistDashboard {
  const known = new Set([viewerId, ...friendIds]);
  return { mine, friends, public: publicLists.filter((list) => !known.has(list.ownerId)).slice(0, DASHBOARD_LIMITS.public) };
}

interface ActivityRow {
  id: string;
  kind: ActivityEntry['kind'];
  actor_id: string;
  actor_name: string;
  wishlist_id: string | null;
  wishlist_name: string | null;
  subject_name: string | null;
  created_at: Date;
}

const toActivity = (row: ActivityRow): ActivityEntry => ({
  id: row.id,
  kind: row.kind,
  actorId: row.actor_id,
  actorName: row.actor_name,
  wishlistId: row.wishlist_id,
  wishlistName: row.wishlist_name,
  subjectName: row.subject_name,
  createdAt: row.created_at.toISOString(),
});

/**
 * What a viewer may see of an activity: none on lists they may not see, and no gift news about
 * their own lists (that would spoil the surprise).
 */
const visibleActivity = (viewerId: string) => Prisma.sql`
  (a.wishlist_id IS NULL
   OR (w.owner_id = ${viewerId} AND a.kind NOT IN ('item_reserved', 'item_purchased'))
   OR (w.owner_id <> ${viewerId} AND (w.visibility = 'public'
        OR (w.visibility = 'partner_only' AND EXISTS (SELECT 1 FROM friends f WHERE f.id = w.owner_id)))))`;

export async function loadActivityFeed(viewerId: string, whose: 'mine' | 'friends'): Promise<ActivityEntry[]> {
  const actors = whose === 'mine' ? Prisma.sql`a.actor_id = ${viewerId}` : Prisma.sql`a.actor_id IN (SELECT id FROM friends)`;
  const rows = await prisma.$queryRaw<ActivityRow[]>`
    WITH ${friendsCte(viewerId)}
    SELECT a.id, a.kind::text AS kind, a.actor_id, u.name AS actor_name, a.wishlist_id, w.name AS wishlist_name,
           a.payload->>'name' AS subject_name, a.created_at
    FROM activities a
    JOIN users u ON u.id = a.actor_id
    LEFT JOIN wishlists w ON w.id = a.wishlist_id
    WHERE ${actors} AND ${visibleActivity(viewerId)}
    ORDER BY a.created_at DESC, a.id
    LIMIT ${FEED_LIMIT}`;
  return rows.map(toActivity);
}

export const activityFeedRead = cachedRead({
  kind: kinds.activityFeed,
  key: (viewerId: string, whose: 'mine' | 'friends') => ['feed', viewerId, whose],
  tags: (viewerId: string) => [viewerTag(viewerId), peopleTag(viewerId)],
  load: loadActivityFeed,
});

export const getActivityFeed = (viewerId: string, whose: 'mine' | 'friends') => activityFeedRead.get(viewerId, whose);

const STAT_KINDS: [keyof ActivityCounts, string][] = [
  ['wishlistsCreated', 'wishlist_created'],
  ['itemsAdded', 'item_added'],
  ['giftsReserved', 'item_reserved'],
  ['giftsPurchased', 'item_purchased'],
  ['friendsMade', 'friend_accepted'],
];

/**
 * The activity of the viewer and their friends over the last day, 7 days and 30 days, by kind
 * (plan 000's today, week and month, cached 15 minutes): one statement, one index range per
 * person over the last 30 days, counted once per period and kind with FILTER.
 */
export async function loadActivityStats(viewerId: string): Promise<ActivityStats> {
  // Periods end at the database's now(), whose clock also stamped the activities.
  const since = (period: ActivityPeriod) => Prisma.sql`now() - make_interval(days => ${ACTIVITY_PERIOD_DAYS[period]}::int)`;
  const columns = Prisma.join(
    ACTIVITY_PERIODS.flatMap((period) =>
      STAT_KINDS.map(
        ([, kind]) => Prisma.sql`count(*) FILTER (WHERE a.kind = ${kind}::activity_kind AND a.created_at >= ${since(period)})::int AS ${Prisma.raw(`"${period}_${kind}"`)}`,
      ),
    ),
  );
  const [row] = await prisma.$queryRaw<(Record<string, number> & { at: Date })[]>`
    WITH ${friendsCte(viewerId)}
    SELECT now() AS at, ${columns}
    FROM activities a
    LEFT JOIN wishlists w ON w.id = a.wishlist_id
    WHERE a.actor_id = ANY (${viewerAndFriends(viewerId)})
      AND a.created_at >= ${since('month')}
      AND ${visibleActivity(viewerId)}`;
  const counts = (period: ActivityPeriod) => Object.fromEntries(STAT_KINDS.map(([key, kind]) => [key, row?.[`${period}_${kind}`] ?? 0])) as unknown as ActivityCounts;
  return { at: (row?.at ?? new Date()).toISOString(), today: counts('today'), week: counts('week'), month: counts('month') };
}

/** A viewer's stats: read by the dashboard, recomputed by the refresh job (plan 000: 15 minutes). */
export const activityStatsRead = cachedRead({
  kind: kinds.activityStats,
  key: (viewerId: string) => ['stats', viewerId],
  tags: (viewerId: string) => [statsTag(viewerId), peopleTag(viewerId)],
  load: loadActivityStats,
});

export const getActivityStats = (viewerId: string) => activityStatsRead.get(viewerId);

interface UpcomingRow {
  id: string;
  name: string;
  owner_id: string;
  owner_name: string;
  event_type: WishlistEventType;
  event_date: string;
  days_away: number;
}

/** Lists of the viewer and their friends whose event falls in the next 60 days, soonest first. */
export async function loadUpcomingEvents(viewerId: string): Promise<UpcomingEvent[]> {
  const rows = await prisma.$queryRaw<UpcomingRow[]>`
    WITH ${friendsCte(viewerId)}
    SELECT w.id, w.name, w.owner_id, u.name AS owner_name, w.event_type::text AS event_type,
           to_char(w.event_date, 'YYYY-MM-DD') AS event_date, (w.event_date - current_date)::int AS days_away
    FROM wishlists w JOIN users u ON u.id = w.owner_id
    WHERE w.event_date BETWEEN current_date AND current_date + ${UPCOMING_DAYS}::int
      AND w.event_type IS NOT NULL
      -- From the owners' lists (owner index), not from every list with an event in the window.
      AND w.owner_id = ANY (${viewerAndFriends(viewerId)})
      AND (w.owner_id = ${viewerId} OR w.visibility IN ('partner_only', 'public'))
    ORDER BY w.event_date, w.id
    LIMIT 50`;
  return rows.map((row) => ({
    wishlistId: row.id,
    name: row.name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    eventType: row.event_type,
    eventDate: row.event_date,
    daysAway: row.days_away,
  }));
}

export const upcomingEventsRead = cachedRead({
  kind: kinds.dashboard,
  key: (viewerId: string) => ['upcoming', viewerId],
  tags: (viewerId: string) => [viewerTag(viewerId), peopleTag(viewerId)],
  load: loadUpcomingEvents,
});

export const getUpcomingEvents = (viewerId: string) => upcomingEventsRead.get(viewerId);

/** Gifts the viewer has reserved or bought on other people's lists, newest first. */
export async function loadGivenGifts(viewerId: string): Promise<GivenGift[]> {
  const rows = await prisma.$queryRaw<
    { item_id: string; item_name: string; status: GivenGift['status']; wishlist_id: string; wishlist_name: string; owner_name: string; event_date: string | null; taken_at: Date }[]
  >`
    SELECT i.id AS item_id, i.name AS item_name, i.status::text AS status, w.id AS wishlist_id, w.name AS wishlist_name,
           u.name AS owner_name, to_char(w.event_date, 'YYYY-MM-DD') AS event_date, i.purchased_at AS taken_at
    FROM items i
    JOIN wishlists w ON w.id = i.wishlist_id
    JOIN users u ON u.id = w.owner_id
    WHERE i.purchased_by_id = ${viewerId} AND i.purchased_at IS NOT NULL
    ORDER BY i.purchased_at DESC
    LIMIT 50`;
  return rows.map((row) => ({
    itemId: row.item_id,
    itemName: row.item_name,
    status: row.status,
    wishlistId: row.wishlist_id,
    wishlistName: row.wishlist_name,
    ownerName: row.owner_name,
    eventDate: row.event_date,
    takenAt: row.taken_at.toISOString(),
  }));
}

export const givenGiftsRead = cachedRead({
  kind: kinds.dashboard,
  key: (viewerId: string) => ['given', viewerId],
  tags: (viewerId: string) => [viewerTag(viewerId)],
  load: loadGivenGifts,
});

export const getGivenGifts = (viewerId: string) => givenGiftsRead.get(viewerId);

/**
 * One list and its items as this viewer may see them, or null when the viewer may not see it
 * (pages answer 404 either way, so nobody learns that a private list exists). Two statements.
 */
export async function loadWishlistDetail(viewerId: string, wishlistId: string): Promise<WishlistDetail | null> {
  const [list] = await prisma.$queryRaw<(CardRow & { viewer_is_friend: boolean })[]>`
    WITH ${friendsCte(viewerId)}
    SELECT ${CARD_COLUMNS}, 0 AS section, EXISTS (SELECT 1 FROM friends f WHERE f.id = p.owner_id) AS viewer_is_friend
    FROM wishlists p JOIN users u ON u.id = p.owner_id
    ${ITEM_COUNTS}
    WHERE p.id = ${wishlistId}::uuid
      AND (p.owner_id = ${viewerId}
           OR p.visibility = 'public'
           OR (p.visibility = 'partner_only' AND EXISTS (SELECT 1 FROM friends f WHERE f.id = p.owner_id)))`;
  if (!list) return null;
  const viewerIsOwner = list.owner_id === viewerId;
  const eventPassed = list.event_date !== null && list.event_date < new Date().toISOString().slice(0, 10);
  const giftsHidden = viewerIsOwner && !eventPassed;
  const items = await prisma.$queryRaw<
    {
      id: string;
      name: string;
      url: string | null;
      image_url: string | null;
      price: string | null;
      currency: string | null;
      status: ItemView['status'];
      taken_by_me: boolean;
      taken_by_name: string | null;
      metadata_status: ItemView['metadataStatus'];
      metadata_error: string | null;
      notes: string | null;
      created_at: Date;
    }[]
  >`
    SELECT i.id, i.name, i.url, i.image_url, i.price::text AS price, i.currency,
           CASE WHEN ${giftsHidden} THEN 'available' ELSE i.status::text END AS status,
           (NOT ${giftsHidden} AND i.purchased_by_id IS NOT DISTINCT FROM ${viewerId}) AS taken_by_me,
           CASE WHEN ${giftsHidden} THEN NULL ELSE buyer.name END AS taken_by_name,
           i.metadata_status::text AS metadata_status,
           -- Why a link could not be read is the owner's business only.
           CASE WHEN ${viewerIsOwner} THEN i.metadata_error END AS metadata_error, i.notes, i.created_at
    FROM items i
    LEFT JOIN users buyer ON buyer.id = i.purchased_by_id
    WHERE i.wishlist_id = ${wishlistId}::uuid
    ORDER BY i.created_at, i.id`;
  const card = toCard(list, viewerId);
  return {
    ...card,
    viewerIsOwner,
    viewerCanGive: !viewerIsOwner && list.viewer_is_friend,
    giftsHidden,
    items: items.map((item) => ({
      id: item.id,
      name: item.name,
      url: item.url,
      imageUrl: item.image_url,
      price: item.price,
      currency: item.currency,
      status: item.status,
      takenByMe: item.taken_by_me,
      takenByName: item.taken_by_name,
      metadataStatus: item.metadata_status,
      metadataError: item.metadata_error,
      notes: item.notes,
      createdAt: item.created_at.toISOString(),
    })),
  };
}

export const wishlistDetailRead = cachedRead({
  kind: kinds.detail,
  key: (viewerId: string, wishlistId: string) => ['detail', wishlistId, viewerId],
  tags: (viewerId: string, wishlistId: string) => [wishlistTag(wishlistId), viewerTag(viewerId), peopleTag(viewerId)],
  load: loadWishlistDetail,
});

export function getWishlistDetail(viewerId: string, wishlistId: string): Promise<WishlistDetail | null> {
  // Not a list id at all: no query, same answer as a list the viewer may not see.
  if (!isUuid(wishlistId)) return Promise.resolve(null);
  return wishlistDetailRead.get(viewerId, wishlistId);
}

/**
 * Plan 000's cache warming after sign-in: the dashboard (default order, and the public lists),
 * both feeds, the stats and the upcoming events, through the pages' own reads. Returns what it warmed.
 */
export async function warmViewer(viewerId: string): Promise<string[]> {
  await Promise.all([
    viewerListsRead.get(viewerId, DEFAULT_WISHLIST_SORT),
    publicListsRead.get(),
    activityFeedRead.get(viewerId, 'mine'),
    activityFeedRead.get(viewerId, 'friends'),
    activityStatsRead.get(viewerId),
    upcomingEventsRead.get(viewerId),
  ]);
  return ['dashboard', 'public-lists', 'feeds', 'stats', 'upcoming'];
}

/** A list's items' metadata states, for the page's polling while extraction runs (uncached). */
export async function getItemMetadataStates(viewerId: string, wishlistId: string) {
  if (!isUuid(wishlistId)) return null;
  const detail = await loadWishlistDetail(viewerId, wishlistId);
  return detail?.items ?? null;
}

/**
 * Public lists by event type with an event still ahead (the API's discovery filter), soonest
 * first: served by the (visibility, event_type, event_date) index.
 */
export async function findPublicWishlistsByEvent(viewerId: string, eventType: WishlistEventType, limit = 20): Promise<WishlistCard[]> {
  const rows = await prisma.$queryRaw<CardRow[]>`
    SELECT ${CARD_COLUMNS}, 0 AS section
    FROM wishlists p JOIN users u ON u.id = p.owner_id
    ${ITEM_COUNTS}
    WHERE p.visibility = 'public' AND p.event_type = ${eventType}::wishlist_event_type AND p.event_date >= current_date
    ORDER BY p.event_date, p.id
    LIMIT ${limit}`;
  return rows.map((row) => toCard(row, viewerId));
}

/**
 * Gift ideas: available items on other people's public lists under a price, newest first (the
 * API's price discovery): served by the (price, currency, created_at) index. The viewer's own
 * lists are left out: their reserved items would be missing from the answer, which would tell
 * the owner what their friends have reserved.
 */
export async function findGiftIdeas(viewerId: string, maxPrice: number, currency: string, limit = 20) {
  const rows = await prisma.$queryRaw<{ id: string; name: string; price: string; currency: string; wishlist_id: string; wishlist_name: string; created_at: Date }[]>`
    SELECT i.id, i.name, i.price::text AS price, i.currency, w.id AS wishlist_id, w.name AS wishlist_name, i.created_at
    FROM items i JOIN wishlists w ON w.id = i.wishlist_id
    WHERE i.price <= ${maxPrice} AND i.currency = ${currency} AND i.status = 'available' AND w.visibility = 'public'
      AND w.owner_id <> ${viewerId}
    ORDER BY i.created_at DESC
    LIMIT ${limit}`;
  return rows.map((row) => ({ id: row.id, name: row.name, price: row.price, currency: row.currency, wishlistId: row.wishlist_id, wishlistName: row.wishlist_name, createdAt: row.created_at.toISOString() }));
}

/*
 * Public lists for everybody, signed out included: the share page of a list and the browse page.
 * Only lists whose visibility is Everyone ('public'); nothing that depends on who looks, so one
 * entry serves every visitor. No gift statuses (they are the owner's friends' business, and an
 * owner could read them here), no metadata errors, nobody's name but the owner's.
 */

interface PublicWishlistRow {
  id: string;
  name: string;
  description: string | null;
  event_type: WishlistEventType | null;
  event_date: string | null;
  owner_name: string;
  updated_at: Date;
  items: { id: string; name: string; url: string | null; image_url: string | null; price: string | null; currency: string | null; notes: string | null }[];
}

/** A public list and its items for its share page, or null when there is no such public list. One statement. */
export async function loadPublicWishlist(wishlistId: string): Promise<PublicWishlist | null> {
  const [row] = await prisma.$queryRaw<PublicWishlistRow[]>`
    SELECT w.id, w.name, w.description, w.event_type::text AS event_type, to_char(w.event_date, 'YYYY-MM-DD') AS event_date,
           u.name AS owner_name, w.updated_at,
           COALESCE((SELECT json_agg(json_build_object('id', i.id, 'name', i.name, 'url', i.url, 'image_url', i.image_url,
                                                       'price', i.price::text, 'currency', i.currency, 'notes', i.notes)
                                     ORDER BY i.created_at, i.id)
                     FROM items i WHERE i.wishlist_id = w.id), '[]'::json) AS items
    FROM wishlists w JOIN users u ON u.id = w.owner_id
    WHERE w.id = ${wishlistId}::uuid AND w.visibility = 'public'`;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    eventType: row.event_type,
    eventDate: row.event_date,
    ownerName: row.owner_name,
    updatedAt: row.updated_at.toISOString(),
    items: row.items.map((item) => ({
      id: item.id,
      name: item.name,
      url: item.url,
      imageUrl: item.image_url,
      price: item.price,
      currency: item.currency?.trim() ?? null,
      notes: item.notes,
    })),
  };
}

/**
 * The share page's read: one entry per list for everybody, dropped with the list's tag, which
 * every change to the list or its items drops (mutations.ts, jobs.ts). The page keeps its
 * rendered output in Next's cache under the same tag.
 */
export const publicWishlistRead = cachedRead({
  kind: kinds.publicLists,
  key: (wishlistId: string) => ['list', wishlistId],
  tags: (wishlistId: string) => [wishlistTag(wishlistId)],
  load: loadPublicWishlist,
});

export function getPublicWishlist(wishlistId: string): Promise<PublicWishlist | null> {
  if (!isUuid(wishlistId)) return Promise.resolve(null);
  return publicWishlistRead.get(wishlistId.toLowerCase());
}

export const PUBLIC_PAGE_SIZE = 20;

interface PublicCardRow {
  id: string;
  name: string;
  description: string | null;
  event_type: WishlistEventType | null;
  event_date: string | null;
  owner_name: string;
  item_count: number;
  updated_at: Date;
}

/**
 * One page of public lists, newest update first (updated_at DESC, id), after or before a cursor,
 * with optional filters: the occasion, and "has an item priced at most this much in that
 * currency" (whatever its status: a filter on what is still available would tell an owner which
 * of their items were taken). One statement: the page and its item counts.
 *
 * Keyset pagination on the partial index wishlists_public_updated_idx (public lists in this
 * very order): the next page starts right after the cursor's row, however deep it is, where an
 * OFFSET would read and drop every row before it.
 */
export async function loadPublicListsPage(filter: PublicListFilter, after?: PublicListCursor, before?: PublicListCursor): Promise<PublicListPage> {
  const conditions: Prisma.Sql[] = [Prisma.sql`w.visibility = 'public'`];
  if (filter.eventType) conditions.push(Prisma.sql`w.event_type = ${filter.eventType}::wishlist_event_type`);
  if (filter.maxPrice !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM items i WHERE i.wishlist_id = w.id AND i.currency = ${filter.currency ?? 'EUR'} AND i.price <= ${filter.maxPrice})`);
  }
  // The cursor's row itself is on the page before (after) or after (before) this one.
  if (after) {
    const at = new Date(after.updatedAt);
    conditions.push(Prisma.sql`w.updated_at <= ${at} AND (w.updated_at < ${at} OR w.id > ${after.id}::uuid)`);
  } else if (before) {
    const at = new Date(before.updatedAt);
    conditions.push(Prisma.sql`w.updated_at >= ${at} AND (w.updated_at > ${at} OR w.id < ${before.id}::uuid)`);
  }
  // Backwards, the rows just before the cursor are read in reverse (the same index, read backwards).
  const order = before ? Prisma.sql`w.updated_at ASC, w.id DESC` : Prisma.sql`w.updated_at DESC, w.id`;
  const rows = await prisma.$queryRaw<PublicCardRow[]>`
    SELECT p.id, p.name, p.description, p.event_type::text AS event_type, to_char(p.event_date, 'YYYY-MM-DD') AS event_date,
           u.name AS owner_name, (SELECT count(*) FROM items i WHERE i.wishlist_id = p.id)::int AS item_count, p.updated_at
    FROM (SELECT w.* FROM wishlists w WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY ${order} LIMIT ${PUBLIC_PAGE_SIZE + 1}) p
    JOIN users u ON u.id = p.owner_id
    ORDER BY ${Prisma.raw(before ? 'p.updated_at ASC, p.id DESC' : 'p.updated_at DESC, p.id')}`;
  // One more row than a page tells whether there is another page in the direction read;
  // backwards, the rows come nearest first and are turned around.
  const more = rows.length > PUBLIC_PAGE_SIZE;
  const read = rows.slice(0, PUBLIC_PAGE_SIZE);
  const page = (before ? read.reverse() : read).map(
    (row): PublicListCard => ({
      id: row.id,
      name: row.name,
      description: row.description,
      eventType: row.event_type,
      eventDate: row.event_date,
      ownerName: row.owner_name,
      itemCount: row.item_count,
      updatedAt: row.updated_at.toISOString(),
    }),
  );
  const cursorOf = (card: PublicListCard | undefined): PublicListCursor | null => (card ? { updatedAt: card.updatedAt, id: card.id } : null);
  return {
    lists: page,
    // Read forwards: a next page if there was one more row; a previous one whenever a cursor led here.
    next: before ? cursorOf(page.at(-1)) : more ? cursorOf(page.at(-1)) : null,
    previous: before ? (more ? cursorOf(page[0]) : null) : after ? cursorOf(page[0]) : null,
  };
}

/** One entry per filter and cursor, the same for everybody, dropped by any change to any list (publicListsTag). */
export const publicListsPageRead = cachedRead({
  kind: kinds.publicLists,
  key: (filter: PublicListFilter, after?: PublicListCursor, before?: PublicListCursor) => [
    'browse',
    filter.eventType ?? '',
    filter.maxPrice ?? '',
    filter.maxPrice !== undefined ? (filter.currency ?? 'EUR') : '',
    after ? `a${after.updatedAt}~${after.id}` : '',
    before ? `b${before.updatedAt}~${before.id}` : '',
  ],
  tags: () => [publicListsTag],
  load: loadPublicListsPage,
});

export const getPublicListsPage = (filter: PublicListFilter, after?: PublicListCursor, before?: PublicListCursor) => publicListsPageRead.get(filter, after, before);
