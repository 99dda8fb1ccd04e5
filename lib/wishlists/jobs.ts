import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { env } from '@/lib/env';
import { audienceOf } from '@/lib/people/queries';
import { extractUrlMetadata } from './metadata';
import { activityStatsRead } from './queries';
import { publicListsTag, viewerTag, wishlistTag } from './tags';

/*
 * The logic of the Wishlists jobs, declared with their events in ./module.ts.
 */

/**
 * Reads the page behind an item's link (plan 000 §3.2) and fills in what the owner left empty:
 * the name (when it was only a placeholder), the image, and the price with its currency. A page
 * that cannot be read marks the item failed with the reason, visible on the list. Idempotent:
 * an item no longer pending is left alone.
 */
export async function extractItemMetadata(itemId: string): Promise<{ status: 'done' | 'failed' | 'skipped'; error?: string }> {
  const item = await prisma.item.findUnique({
    where: { id: itemId },
    select: { url: true, name: true, imageUrl: true, price: true, metadataStatus: true, wishlistId: true, wishlist: { select: { ownerId: true } } },
  });
  if (!item || !item.url || item.metadataStatus !== 'pending') return { status: 'skipped' };

  const result = await extractUrlMetadata(item.url, { allowedPrivateOrigins: env().SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS });
  const placeholder = item.name.startsWith('Item from ');
  // Only a still-pending item with the same link is updated: the owner may have edited it meanwhile.
  const where = { id: itemId, url: item.url, metadataStatus: 'pending' as const };
  if (result.ok) {
    const { title, imageUrl, price, currency } = result.metadata;
    await prisma.item.updateMany({
      where,
      data: {
        metadataStatus: 'done',
        metadataError: null,
        ...(title && placeholder ? { name: title } : {}),
        ...(imageUrl && !item.imageUrl ? { imageUrl } : {}),
        ...(price && currency && item.price === null ? { price, currency } : {}),
      },
    });
  } else {
    await prisma.item.updateMany({ where, data: { metadataStatus: 'failed', metadataError: result.error.slice(0, 500) } });
  }
  const audience = await audienceOf(item.wishlist.ownerId);
  // The list's tag drops every copy of it, its share page's rendered output included (a public
  // list's new name or image); the public lists' tag, the browse page's price filter (the job may
  // have found a price).
  await invalidate([wishlistTag(item.wishlistId), ...audience.map(viewerTag), publicListsTag]);
  return result.ok ? { status: 'done' } : { status: 'failed', error: result.error };
}

/** What the owner reads when the page could not be read at all (every attempt of the job failed). */
export const METADATA_GAVE_UP = 'Could not read the page: reading it failed several times. Edit the link to try again.';

/**
 * The metadata job gave up (every attempt failed, e.g. the database was away): the item says so
 * to its owner instead of staying "reading the link…" for good. Only a still-pending item with
 * that link changes.
 */
export async function markItemMetadataGaveUp(itemId: string): Promise<void> {
  const [item] = await prisma.$queryRaw<{ wishlist_id: string; owner_id: string }[]>`
    UPDATE items i SET metadata_status = 'failed', metadata_error = ${METADATA_GAVE_UP}
    FROM wishlists w
    WHERE i.id = ${itemId}::uuid AND i.metadata_status = 'pending' AND w.id = i.wishlist_id
    RETURNING i.wishlist_id, w.owner_id`;
  if (!item) return;
  await invalidate([wishlistTag(item.wishlist_id), ...(await audienceOf(item.owner_id)).map(viewerTag)]);
}

/**
 * Recomputes a viewer's activity stats (today, this week, this month: one statement) and stores
 * them in the cache under the page's own key and tags (plan 000's ActivityStatsRefreshJob), so
 * the next dashboard reads fresh numbers without running the query itself.
 */
export async function refreshActivityStats(userId: string): Promise<void> {
  await activityStatsRead.refresh(userId);
}

/**
 * After two people stopped being friends: the gifts either had reserved on the other's lists go
 * back to available (purchases stay). Neither can see the other's friends-only lists any more,
 * so a reservation could never be released or followed up by its holder, and the owner's other
 * friends should be free to take the gift. One statement; it does nothing if the two are
 * friends again by the time it runs (idempotent). Drops the lists' copies and the dashboards of
 * both people's circles (the lists' available counts).
 */
export async function releaseGiftsBetween(userId: string, formerFriendId: string): Promise<{ released: number }> {
  const released = await prisma.$queryRaw<{ wishlist_id: string }[]>`
    UPDATE items i
    SET status = 'available', purchased_by_id = NULL, purchased_at = NULL, updated_at = now()
    FROM wishlists w
    WHERE w.id = i.wishlist_id AND i.status = 'reserved'
      AND ((w.owner_id = ${userId} AND i.purchased_by_id = ${formerFriendId}) OR (w.owner_id = ${formerFriendId} AND i.purchased_by_id = ${userId}))
      AND NOT EXISTS (
        SELECT 1 FROM connections c
        WHERE c.status = 'accepted'
          AND ((c.requester_id = ${userId} AND c.addressee_id = ${formerFriendId}) OR (c.requester_id = ${formerFriendId} AND c.addressee_id = ${userId})))
    RETURNING i.wishlist_id`;
  if (released.length === 0) return { released: 0 };
  const [audience, otherAudience] = await Promise.all([audienceOf(userId), audienceOf(formerFriendId)]);
  const lists = [...new Set(released.map((row) => row.wishlist_id))];
  await invalidate([...new Set([...audience, ...otherAudience])].map(viewerTag).concat(lists.map(wishlistTag), [publicListsTag]));
  return { released: released.length };
}
