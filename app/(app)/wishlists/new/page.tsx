import type { Metadata } from 'next';
import { Card } from '@/components/ui/card';
import { WishlistForm } from '@/components/wishlists/wishlist-form';
import { createWishlistAction } from '../actions';

export const metadata: Metadata = { title: 'New wishlist' };

export default function NewWishlistPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">New wishlist</h1>
      <Card>
        <WishlistForm action={createWishlistAction} submitLabel="Create list" />
      </Card>
    </div>
  );
}
