import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EditWishlist, EditWishlistSkeleton } from '@/components/wishlists/edit-wishlist';
import { deleteWishlistAction, updateWishlistAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit wishlist' };

const actions = { update: updateWishlistAction, remove: deleteWishlistAction };

export default function EditWishlistPage({ params }: PageProps<'/wishlists/[id]/edit'>) {
  return (
    <Suspense fallback={<EditWishlistSkeleton />}>
      <EditWishlist id={params.then((p) => p.id)} actions={actions} />
    </Suspense>
  );
}
