import { cacheLife, cacheTag } from 'next/cache';
import { getPublicWishlist } from '@/lib/wishlists/queries';
import { wishlistTag } from '@/lib/wishlists/tags';
import type { PublicWishlist } from '@/lib/wishlists/types';

/**
 * A public list for its share page, in Next's rendered-output cache ('use cache'): shared by the
 * page and its metadata, by every visitor, and with REDIS_URL by every instance (the cacheHandlers
 * of next.config.mjs). Tagged with the list's tag, which every write to the list or its items drops
 * through invalidate() (lib/cache/cache.ts): an edit shows on the next request, a list made
 * private answers 404 at once. "No such public list" (null) is cached under the same tag, so a
 * list made public again shows at once too. The hourly revalidation only bounds what no tag
 * covers (the owner's name).
 */
export async function sharedList(id: string): Promise<PublicWishlist | null> {
  'use cache';
  cacheLife('hours');
  cacheTag(wishlistTag(id));
  return getPublicWishlist(id);
}
