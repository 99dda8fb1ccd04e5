export const WISHLIST_VISIBILITIES = ['private', 'partner_only', 'public'] as const;
export type WishlistVisibility = (typeof WISHLIST_VISIBILITIES)[number];

export const WISHLIST_EVENT_TYPES = ['birthday', 'wedding', 'holiday', 'baby', 'graduation', 'housewarming', 'other'] as const;
export type WishlistEventType = (typeof WISHLIST_EVENT_TYPES)[number];

export const WISHLIST_SORTS = ['updated_desc', 'updated_asc', 'created_desc', 'created_asc', 'name_asc', 'name_desc'] as const;
export type WishlistSort = (typeof WISHLIST_SORTS)[number];
export const DEFAULT_WISHLIST_SORT: WishlistSort = 'updated_desc';

export type ItemStatus = 'available' | 'reserved' | 'purchased';
export type MetadataStatus = 'pending' | 'done' | 'failed';

/** A list as a card: what the dashboard and the API index show. Dates are ISO strings. */
export interface WishlistCard {
  id: string;
  name: string;
  description: string | null;
  visibility: WishlistVisibility;
  eventType: WishlistEventType | null;
  eventDate: string | null;
  ownerId: string;
  ownerName: string;
  itemCount: number;
  /** Items still available to give; null on the viewer's own lists (the gifts stay a surprise). */
  availableCount: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface WishlistDashboard {
  mine: WishlistCard[];
  friends: WishlistCard[];
  public: WishlistCard[];
}

export type ActivityKind = 'wishlist_created' | 'item_added' | 'item_reserved' | 'item_purchased' | 'friend_requested' | 'friend_accepted';

export interface ActivityEntry {
  id: string;
  kind: ActivityKind;
  actorId: string;
  actorName: string;
  wishlistId: string | null;
  wishlistName: string | null;
  subjectName: string | null;
  createdAt: string;
}

/** What happened in a viewer's circle during one period, by kind. */
export interface ActivityCounts {
  wishlistsCreated: number;
  itemsAdded: number;
  giftsReserved: number;
  giftsPurchased: number;
  friendsMade: number;
}

/** The periods of the activity stats (plan 000's today, week and month): the last 1, 7 and 30 days. */
export const ACTIVITY_PERIODS = ['today', 'week', 'month'] as const;
export type ActivityPeriod = (typeof ACTIVITY_PERIODS)[number];
export const ACTIVITY_PERIOD_DAYS: Record<ActivityPeriod, number> = { today: 1, week: 7, month: 30 };

export interface ActivityStats extends Record<ActivityPeriod, ActivityCounts> {
  /** When the counts were taken (ISO): each period ends here. */
  at: string;
}

/** An item as this viewer may see it: on their own list, who took it stays hidden until the event. */
export interface ItemView {
  id: string;
  name: string;
  url: string | null;
  imageUrl: string | null;
  price: string | null;
  currency: string | null;
  status: ItemStatus;
  takenByMe: boolean;
  takenByName: string | null;
  metadataStatus: MetadataStatus | null;
  metadataError: string | null;
  /** The owner's note for givers. */
  notes: string | null;
  createdAt: string;
}

export interface WishlistDetail extends WishlistCard {
  viewerIsOwner: boolean;
  /** Accepted friends of the owner may reserve and buy. */
  viewerCanGive: boolean;
  /** On the owner's own list before the event, statuses are shown as available. */
  giftsHidden: boolean;
  items: ItemView[];
}

export interface UpcomingEvent {
  wishlistId: string;
  name: string;
  ownerId: string;
  ownerName: string;
  eventType: WishlistEventType;
  eventDate: string;
  daysAway: number;
}

export interface GivenGift {
  itemId: string;
  itemName: string;
  status: Exclude<ItemStatus, 'available'>;
  wishlistId: string;
  wishlistName: string;
  ownerName: string;
  eventDate: string | null;
  takenAt: string;
}

/**
 * A public list as anyone may see it on its share page, signed out included: no gift statuses,
 * nobody's name but the owner's, no metadata errors (a shared list is the same for everybody).
 */
export interface PublicWishlist {
  id: string;
  name: string;
  description: string | null;
  eventType: WishlistEventType | null;
  eventDate: string | null;
  ownerName: string;
  updatedAt: string;
  items: PublicItem[];
}

export interface PublicItem {
  id: string;
  name: string;
  url: string | null;
  imageUrl: string | null;
  price: string | null;
  currency: string | null;
  notes: string | null;
}

/** A public list in the browse page: no availability either (it would tell what was taken). */
export interface PublicListCard {
  id: string;
  name: string;
  description: string | null;
  eventType: WishlistEventType | null;
  eventDate: string | null;
  ownerName: string;
  itemCount: number;
  updatedAt: string;
}

/** Filters of the public lists' browse page. */
export interface PublicListFilter {
  eventType?: WishlistEventType;
  /** Lists with at least one item priced at most this much in `currency`. */
  maxPrice?: number;
  currency?: string;
}

/** A keyset position in the public lists' order (updated_at DESC, id). */
export interface PublicListCursor {
  updatedAt: string;
  id: string;
}

export interface PublicListPage {
  lists: PublicListCard[];
  /** Cursor of the page after this one (its last list), or null on the last page. */
  next: PublicListCursor | null;
  /** Cursor of the page before this one (its first list), or null on the first page. */
  previous: PublicListCursor | null;
}
