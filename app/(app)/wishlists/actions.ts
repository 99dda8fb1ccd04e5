'use server';

import { redirect } from 'next/navigation';
import { formAction, viewerAction } from '@/lib/api/action';
import type { MutationResult } from '@/lib/validation';
import { removeFriend, respondToFriendRequest, sendFriendRequest } from '@/lib/people/mutations';
import { refreshed } from '@/lib/api/refresh';
import { addItem, createWishlist, deleteWishlist, giveGift, removeItem, updateItem, updateWishlist } from '@/lib/wishlists/mutations';

// Thin wrappers (lib/api/action.ts): who is asking, the mutation, where to go next.

const LIST_FIELDS = ['name', 'description', 'visibility', 'eventType', 'eventDate'] as const;
const ITEM_FIELDS = ['name', 'url', 'price', 'currency', 'notes'] as const;

export const createWishlistAction = formAction('createWishlist', LIST_FIELDS, (viewer, values) => createWishlist(viewer.id, values), ({ id }) =>
  redirect(`/wishlists/${id}`),
);

export const updateWishlistAction = formAction(
  'updateWishlist',
  LIST_FIELDS,
  (viewer, values, wishlistId: string) => updateWishlist(viewer.id, wishlistId, values),
  (_value, wishlistId) => redirect(`/wishlists/${wishlistId}`),
);

export const deleteWishlistAction = viewerAction('deleteWishlist', async (viewer, wishlistId: string): Promise<MutationResult> => {
  const result = await deleteWishlist(viewer.id, wishlistId);
  if (result.ok) redirect('/wishlists');
  return result;
});

export const addItemAction = formAction('addItem', ITEM_FIELDS, (viewer, values, wishlistId: string) => addItem(viewer.id, wishlistId, values));

export const removeItemAction = viewerAction('removeItem', async (viewer, itemId: string) => refreshed(await removeItem(viewer.id, itemId)));

export const giftAction = viewerAction('giveGift', async (viewer, itemId: string, action: 'reserve' | 'purchase' | 'release') =>
  refreshed(await giveGift(viewer.id, itemId, action)),
);

export const sendFriendRequestAction = formAction('sendFriendRequest', ['email'], (viewer, values) => sendFriendRequest(viewer.id, values));

export const respondToFriendRequestAction = viewerAction('respondToFriendRequest', async (viewer, connectionId: string, response: 'accept' | 'decline') =>
  refreshed(await respondToFriendRequest(viewer.id, connectionId, response)),
);

export const updateItemAction = formAction(
  'updateItem',
  ITEM_FIELDS,
  (viewer, values, itemId: string) => updateItem(viewer.id, itemId, values),
  ({ wishlistId }) => redirect(`/wishlists/${wishlistId}`),
);

export const removeFriendAction = viewerAction('removeFriend', async (viewer, connectionId: string) => refreshed(await removeFriend(viewer.id, connectionId)));
