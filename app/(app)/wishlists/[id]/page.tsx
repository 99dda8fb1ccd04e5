import type { Metadata } from 'next';
import { Suspense } from 'react';
import { WishlistDetail, WishlistDetailSkeleton } from '@/components/wishlists/wishlist-detail';

export const metadata: Metadata = { title: 'Wishlist' };

// A list the viewer may not see is answered 404 by proxy.ts before anything streams.
export default function WishlistPage({ params }: PageProps<'/wishlists/[id]'>) {
  return (
    <Suspense fallback={<WishlistDetailSkeleton />}>
      <WishlistDetail id={params.then((p) => p.id)} />
    </Suspense>
  );
}
