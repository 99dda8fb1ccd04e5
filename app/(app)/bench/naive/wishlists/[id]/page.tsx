import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WishlistDetail, WishlistDetailSkeleton } from '@/components/wishlists/wishlist-detail';
import { loadNaiveWishlistDetail } from '@/lib/wishlists/naive';
import { addItemAction, giftAction, removeItemAction } from '@/app/(app)/wishlists/actions';
import { benchOnly } from '../../gate';

export const metadata: Metadata = { title: 'Wishlist (naive baseline)' };

const load = benchOnly(loadNaiveWishlistDetail);
const actions = { addItem: addItemAction, removeItem: removeItemAction, gift: giftAction };

/**
 * The benchmark's naive baseline of /wishlists/[id] (npm run bench; 404 unless BRISK_BENCH=1):
 * the same component as app/(app)/wishlists/[id]/page.tsx, fed by lib/wishlists/naive.ts. A list
 * the viewer may not see renders the not-found view (the real page gets its 404 from proxy.ts).
 */
export default function NaiveWishlistPage({ params }: PageProps<'/bench/naive/wishlists/[id]'>) {
  return (
    <Suspense fallback={<WishlistDetailSkeleton />}>
      <WishlistDetail id={params.then((p) => p.id)} actions={actions} load={load} />
    </Suspense>
  );
}
