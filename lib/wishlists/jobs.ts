import { invalidate, refreshCached } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { env } from '@/lib/env';
import { defineJob } from '@/lib/jobs/define';
import { audienceOf } from '@/lib/people/queries';
import { extractUrlMetadata } from './metadata';
import { activityStatsRead } from './queries';
import { viewerTag, wishlistTag } from './tags';

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

  const result = await extractUrlMetadata(item.url, { allowedPrivateOrigins: env().METADATA_ALLOWED_PRIVATE_ORIGINS });
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
  await refreshCached(activityStatsRead(userId));
}

export const extractItemMetadataJob = defineJob({
  name: 'wishlists/extract-item-metadata',
  description: 'Reads the page behind a new item link: title, image, price and currency.',
  trigger: { event: 'wishlists/item.url-added' },
  retries: 2,
  // Pages are fetched politely: a few at a time overall, one at a time per item.
  inngest: { concurrency: [{ limit: 5 }, { key: 'event.data.itemId', limit: 1 }] },
  run: ({ itemId }) => extractItemMetadata(itemId),
});

export const refreshActivityStatsJob = defineJob({
  name: 'wishlists/refresh-activity-stats',
  description: 'Recomputes a viewer’s weekly activity stats after their circle changed something.',
  trigger: { event: 'wishlists/activity-stats.stale' },
  retries: 3,
  // A burst of changes in someone's circle refreshes their stats once.
  inngest: { debounce: { key: 'event.data.userId', period: '30s' } },
  run: ({ userId }) => refreshActivityStats(userId),
});
