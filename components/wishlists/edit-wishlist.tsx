import { notFound } from 'next/navigation';
import { deleteWishlistAction, updateWishlistAction } from '@/app/(app)/wishlists/actions';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getWishlistDetail } from '@/lib/wishlists/queries';
import { WishlistForm } from './wishlist-form';

/** Edit form for the owner; to anyone else the list does not exist. */
export async function EditWishlist({ id }: { id: Promise<string> }) {
  const viewer = await requireViewer();
  const list = await getWishlistDetail(viewer.id, await id);
  if (!list || !list.viewerIsOwner) notFound();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Edit “{list.name}”</h1>
      <Card>
        <WishlistForm action={updateWishlistAction.bind(null, list.id)} list={list} submitLabel="Save changes" />
      </Card>
      <Card>
        <h2 className="text-base font-semibold">Delete this list</h2>
        <p className="mt-1 text-sm text-slate-600">Its items and their history go with it. This cannot be undone.</p>
        <form action={async () => { 'use server'; await deleteWishlistAction(list.id); }} className="mt-3">
          <Button type="submit" variant="secondary" className="border-red-300 text-red-800 hover:bg-red-50">
            Delete list
          </Button>
        </form>
      </Card>
    </div>
  );
}

export function EditWishlistSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-[30rem] w-full max-w-2xl" />
    </div>
  );
}
