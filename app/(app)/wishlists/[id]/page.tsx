import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WishlistDetail, WishlistDetailSkeleton } from '@/components/wishlists/wishlist-detail';
import { addItemAction, giftAction, removeItemAction } from '../actions';

export const metadata: Metadata = { title: 'Wishlist' };

const actions = { addItem: addItemAction, removeItem: removeItemAction, gift: giftAction };

// A list the viewer may not see is answered 404 by proxy.ts before anything streams.
export default function WishlistPage({ params }: PageProps<'/wishlists/[id]'>) {
  return (
    <Suspense fallback={<WishlistDetailSkeleton />}>
      <WishlistDetail id={params.then((p) => p.id)} actions={actions} />
    </Suspense>
  );
}
