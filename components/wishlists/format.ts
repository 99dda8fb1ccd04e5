import type { ActivityEntry, WishlistEventType, WishlistVisibility } from '@/lib/wishlists/types';

export const VISIBILITY_LABELS: Record<WishlistVisibility, string> = {
  private: 'Only me',
  partner_only: 'Friends',
  public: 'Everyone',
};

export const EVENT_LABELS: Record<WishlistEventType, string> = {
  birthday: 'Birthday',
  wedding: 'Wedding',
  holiday: 'Holiday',
  baby: 'Baby',
  graduation: 'Graduation',
  housewarming: 'Housewarming',
  other: 'Other occasion',
};

export function formatPrice(price: string | null, currency: string | null): string | null {
  if (price === null) return null;
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency ?? 'EUR' }).format(Number(price));
  } catch {
    return `${price} ${currency ?? ''}`.trim();
  }
}

export function describeActivity(activity: ActivityEntry): string {
  const subject = activity.subjectName ? `“${activity.subjectName}”` : 'something';
  const list = activity.wishlistName ? ` on ${activity.wishlistName}` : '';
  switch (activity.kind) {
    case 'wishlist_created':
      return `created the list ${subject}`;
    case 'item_added':
      return `added ${subject}${list}`;
    case 'item_reserved':
      return `reserved ${subject}${list}`;
    case 'item_purchased':
      return `bought ${subject}${list}`;
    case 'friend_requested':
      return 'sent a friend request';
    case 'friend_accepted':
      return activity.subjectName ? `became friends with ${activity.subjectName}` : 'made a new friend';
  }
}
