import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EditWishlist, EditWishlistSkeleton } from '@/components/wishlists/edit-wishlist';

export const metadata: Metadata = { title: 'Edit wishlist' };

export default function EditWishlistPage({ params }: PageProps<'/wishlists/[id]/edit'>) {
  return (
    <Suspense fallback={<EditWishlistSkeleton />}>
      <EditWishlist id={params.then((p) => p.id)} />
    </Suspense>
  );
}
