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

export interface ActivityStats {
  since: string;
  wishlistsCreated: number;
  itemsAdded: number;
  giftsReserved: number;
  giftsPurchased: number;
  friendsMade: number;
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
