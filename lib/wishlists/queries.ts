import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { isUuid } from '@/lib/validation';
import { cachedRead } from '@/lib/cache/read';
import { peopleTag } from '@/lib/people/tags';
import type {
  ActivityEntry,
  ActivityStats,
  GivenGift,
  ItemView,
  UpcomingEvent,
  WishlistCard,
  WishlistDashboard,
  WishlistDetail,
  WishlistEventType,
  WishlistSort,
} from './types';
import { DEFAULT_WISHLIST_SORT } from './types';
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

/** This week's activity of the viewer and their friends, by kind (plan 000: cached 15 minutes). */
export async function loadActivityStats(viewerId: string): Promise<ActivityStats> {
  const since = new Date(Date.now() - 7 * 86_400_000);
  const [row] = await prisma.$queryRaw<
    { wishlists_created: number; items_added: number; gifts_reserved: number; gifts_purchased: number; friends_made: number }[]
  >`
    WITH ${friendsCte(viewerId)}
    SELECT count(*) FILTER (WHERE a.kind = 'wishlist_created')::int AS wishlists_created,
           count(*) FILTER (WHERE a.kind = 'item_added')::int AS items_added,
           count(*) FILTER (WHERE a.kind = 'item_reserved')::int AS gifts_reserved,
           count(*) FILTER (WHERE a.kind = 'item_purchased')::int AS gifts_purchased,
           count(*) FILTER (WHERE a.kind = 'friend_accepted')::int AS friends_made
    FROM activities a
    LEFT JOIN wishlists w ON w.id = a.wishlist_id
    WHERE a.actor_id = ANY (${viewerAndFriends(viewerId)})
      AND a.created_at >= ${since}
      AND ${visibleActivity(viewerId)}`;
  return {
    since: since.toISOString(),
    wishlistsCreated: row?.wishlists_created ?? 0,
    itemsAdded: row?.items_added ?? 0,
    giftsReserved: row?.gifts_reserved ?? 0,
    giftsPurchased: row?.gifts_purchased ?? 0,
    friendsMade: row?.friends_made ?? 0,
  };
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
      created_at: Date;
    }[]
  >`
    SELECT i.id, i.name, i.url, i.image_url, i.price::text AS price, i.currency,
           CASE WHEN ${giftsHidden} THEN 'available' ELSE i.status::text END AS status,
           (NOT ${giftsHidden} AND i.purchased_by_id IS NOT DISTINCT FROM ${viewerId}) AS taken_by_me,
           CASE WHEN ${giftsHidden} THEN NULL ELSE buyer.name END AS taken_by_name,
           i.metadata_status::text AS metadata_status,
           -- Why a link could not be read is the owner's business only.
           CASE WHEN ${viewerIsOwner} THEN i.metadata_error END AS metadata_error, i.created_at
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
