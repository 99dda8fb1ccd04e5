import { beforeEach, describe, expect, it, vi } from 'vitest';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { sendEvent } from '@/lib/jobs/backend';
import { configureInlineJobs, settleInlineJobs } from '@/lib/jobs/inline';
import { createCircle } from '@/test/people';
import { countStatements } from '@/test/statements';
import { METADATA_GAVE_UP, extractItemMetadata, refreshActivityStats } from './jobs';
import { extractUrlMetadata } from './metadata';
import { itemUrlAdded } from './module';
import { getActivityStats, getPublicListsPage, getPublicWishlist, getWishlistDetail } from './queries';
import { publicListsTag } from './tags';

// The page behind a link, without the network: every link "is" the same product page.
vi.mock('./metadata', () => ({
  extractUrlMetadata: vi.fn(async (url: string) => ({
    ok: true,
    finalUrl: url,
    metadata: { title: 'Walnut desk lamp', imageUrl: 'https://shop.example/lamp.jpg', price: '89.00', currency: 'EUR' },
  })),
}));

beforeEach(async () => {
  await invalidate([publicListsTag]);
});

describe('the activity stats refresh job', () => {
  it('recomputes the cached entry in one statement: the next read is fresh and runs none', async () => {
    const { owner, friend } = await createCircle();
    const list = await prisma.wishlist.create({ data: { ownerId: friend.id, name: 'Shared', visibility: 'partner_only' } });
    const before = await getActivityStats(owner.id);
    // Changed behind the cache (no mutation, no invalidation): the cached entry is stale.
    await prisma.activity.createMany({
      data: [
        { actorId: friend.id, kind: 'item_added', wishlistId: list.id },
        { actorId: friend.id, kind: 'item_added', wishlistId: list.id, createdAt: new Date(Date.now() - 3 * 86_400_000) },
        { actorId: friend.id, kind: 'item_reserved', wishlistId: list.id, createdAt: new Date(Date.now() - 20 * 86_400_000) },
      ],
    });
    expect(await getActivityStats(owner.id)).toEqual(before);

    const job = await countStatements(() => refreshActivityStats(owner.id));
    expect(job.statements).toBe(1);

    const after = await countStatements(() => getActivityStats(owner.id));
    expect(after.statements).toBe(0);
    expect(after.metrics.cache).toMatchObject({ hits: 1, misses: 0 });
    expect(after.result.today.itemsAdded).toBe(before.today.itemsAdded + 1);
    expect(after.result.week.itemsAdded).toBe(before.week.itemsAdded + 2);
    expect(after.result.month).toMatchObject({ itemsAdded: before.month.itemsAdded + 2, giftsReserved: before.month.giftsReserved + 1 });
  });
});

describe('the URL metadata job', () => {
  it('drops the share page’s copy of a public list and the browse pages (a new name, a new price)', async () => {
    const { owner } = await createCircle();
    const list = await prisma.wishlist.create({ data: { ownerId: owner.id, name: 'Lamps', visibility: 'public' } });
    const item = await prisma.item.create({ data: { wishlistId: list.id, name: 'Item from shop.example', url: 'https://shop.example/lamp', metadataStatus: 'pending' } });
    // Both cached before the job runs.
    expect((await getPublicWishlist(list.id))!.items[0]!.name).toBe('Item from shop.example');
    const cheapLamps = { maxPrice: 100, currency: 'EUR' };
    expect((await getPublicListsPage(cheapLamps)).lists.map((l) => l.id)).not.toContain(list.id);

    expect(await extractItemMetadata(item.id)).toEqual({ status: 'done' });

    expect((await getPublicWishlist(list.id))!.items[0]).toMatchObject({ name: 'Walnut desk lamp', price: '89.00', currency: 'EUR', imageUrl: 'https://shop.example/lamp.jpg' });
    expect((await getPublicListsPage(cheapLamps)).lists.map((l) => l.id)).toContain(list.id);
    await prisma.wishlist.delete({ where: { id: list.id } });
  });

  it('when every attempt fails (the database away, say), the item tells its owner instead of reading the link for good', async () => {
    const restore = configureInlineJobs({ backoffMs: 1 });
    try {
      const { owner } = await createCircle();
      const list = await prisma.wishlist.create({ data: { ownerId: owner.id, name: 'Desks', visibility: 'partner_only' } });
      const item = await prisma.item.create({ data: { wishlistId: list.id, name: 'Item from shop.example', url: 'https://shop.example/desk', metadataStatus: 'pending' } });
      // The owner's page is cached while the item is pending.
      expect((await getWishlistDetail(owner.id, list.id))!.items[0]).toMatchObject({ metadataStatus: 'pending' });
      vi.mocked(extractUrlMetadata).mockRejectedValue(new Error('connection terminated'));

      await sendEvent(itemUrlAdded, { itemId: item.id });
      await settleInlineJobs();

      expect(vi.mocked(extractUrlMetadata).mock.calls.filter(([url]) => url === 'https://shop.example/desk').length).toBeGreaterThan(1);
      expect((await getWishlistDetail(owner.id, list.id))!.items[0]).toMatchObject({ metadataStatus: 'failed', metadataError: METADATA_GAVE_UP });
    } finally {
      vi.mocked(extractUrlMetadata).mockReset();
      restore();
    }
  });
});
