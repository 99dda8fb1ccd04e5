import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { env } from '@/lib/env';
import { audienceOf } from '@/lib/people/queries';
import { extractUrlMetadata } from './metadata';
import { activityStatsRead } from './queries';
import { viewerTag, wishlistTag } from './tags';

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
  await invalidate([wishlistTag(item.wishlistId), ...audience.map(viewerTag)]);
  return result.ok ? { status: 'done' } : { status: 'failed', error: result.error };
}

/** Recomputes a viewer's weekly activity stats in the cache (plan 000's ActivityStatsRefreshJob). */
export async function refreshActivityStats(userId: string): Promise<void> {
  await activityStatsRead.refresh(userId);
}
