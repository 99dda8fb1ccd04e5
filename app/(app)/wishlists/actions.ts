'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/lib/auth/viewer';
import { measure } from '@/lib/metrics/request';
import { respondToFriendRequest, sendFriendRequest } from '@/lib/people/mutations';
import { formValues, type FormState } from '@/lib/validation';
import { addItem, createWishlist, deleteWishlist, giveGift, removeItem, updateWishlist } from '@/lib/wishlists/mutations';

// Thin wrappers: who is asking, the mutation, where to go next. Each runs as a measured request.
// After a change that stays on the page, refresh() re-renders it with the fresh data.

function refreshed<T>(result: FormState<T>): FormState<T> {
  if (result?.ok) refresh();
  return result;
}

const LIST_FIELDS = ['name', 'description', 'visibility', 'eventType', 'eventDate'] as const;
const ITEM_FIELDS = ['name', 'url', 'price', 'currency'] as const;

export async function createWishlistAction(_previous: FormState<{ id: string }>, formData: FormData): Promise<FormState<{ id: string }>> {
  const viewer = await requireViewer();
  const values = formValues(formData, LIST_FIELDS);
  const { result } = await measure('action:createWishlist', 'action', () => createWishlist(viewer.id, values));
  if (!result.ok) return { ...result, values };
  redirect(`/wishlists/${result.value.id}`);
}

export async function updateWishlistAction(wishlistId: string, _previous: FormState<{ id: string }>, formData: FormData): Promise<FormState<{ id: string }>> {
  const viewer = await requireViewer();
  const values = formValues(formData, LIST_FIELDS);
  const { result } = await measure('action:updateWishlist', 'action', () => updateWishlist(viewer.id, wishlistId, values));
  if (!result.ok) return { ...result, values };
  redirect(`/wishlists/${wishlistId}`);
}

export async function deleteWishlistAction(wishlistId: string): Promise<FormState> {
  const viewer = await requireViewer();
  const { result } = await measure('action:deleteWishlist', 'action', () => deleteWishlist(viewer.id, wishlistId));
  if (!result.ok) return result;
  redirect('/wishlists');
}

export async function addItemAction(wishlistId: string, _previous: FormState<{ id: string }>, formData: FormData): Promise<FormState<{ id: string }>> {
  const viewer = await requireViewer();
  const values = formValues(formData, ITEM_FIELDS);
  const { result } = await measure('action:addItem', 'action', () => addItem(viewer.id, wishlistId, values));
  return refreshed(result.ok ? result : { ...result, values });
}

export async function removeItemAction(itemId: string): Promise<FormState> {
  const viewer = await requireViewer();
  const { result } = await measure('action:removeItem', 'action', () => removeItem(viewer.id, itemId));
  return refreshed(result);
}

export async function giftAction(itemId: string, action: 'reserve' | 'purchase' | 'release'): Promise<FormState<{ status: string }>> {
  const viewer = await requireViewer();
  const { result } = await measure('action:giveGift', 'action', () => giveGift(viewer.id, itemId, action));
  return refreshed(result);
}

export async function sendFriendRequestAction(_previous: FormState<{ connectionId: string }>, formData: FormData): Promise<FormState<{ connectionId: string }>> {
  const viewer = await requireViewer();
  const values = formValues(formData, ['email']);
  const { result } = await measure('action:sendFriendRequest', 'action', () => sendFriendRequest(viewer.id, values));
  return refreshed(result.ok ? result : { ...result, values });
}

export async function respondToFriendRequestAction(connectionId: string, response: 'accept' | 'decline'): Promise<FormState> {
  const viewer = await requireViewer();
  const { result } = await measure('action:respondToFriendRequest', 'action', () => respondToFriendRequest(viewer.id, connectionId, response));
  return refreshed(result);
}
