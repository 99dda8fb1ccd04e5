import type { Route } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getWishlistDetail } from '@/lib/wishlists/queries';
import type { FormState } from '@/lib/validation';
import { ItemEditForm } from './item-edit-form';

type UpdateItemAction = (itemId: string, previous: FormState<{ id: string; wishlistId: string }>, formData: FormData) => Promise<FormState<{ id: string; wishlistId: string }>>;

/**
 * The owner's edit page of one item, from the list's cached read (no statement of its own). To
 * anyone else, or for an item of another list, it does not exist (the proxy answers 404 first).
 */
export async function EditItem({ ids, action }: { ids: Promise<{ id: string; itemId: string }>; action: UpdateItemAction }) {
  const viewer = await requireViewer();
  const { id, itemId } = await ids;
  const list = await getWishlistDetail(viewer.id, id);
  const item = list?.viewerIsOwner ? list.items.find((candidate) => candidate.id === itemId) : undefined;
  if (!list || !item) notFound();
  const listHref = `/wishlists/${list.id}` as Route;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Edit “{item.name}”</h1>
        <p className="mt-1 text-slate-600">
          On{' '}
          <Link href={listHref} className="font-medium text-brand-700 underline">
            {list.name}
          </Link>
          . A new link is read again for its title, image and price.
        </p>
      </div>
      <Card>
        <ItemEditForm action={action.bind(null, item.id)} item={item} listHref={listHref} />
      </Card>
    </div>
  );
}

export function EditItemSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <div>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="mt-1 h-6 w-96 max-w-full" />
      </div>
      <Skeleton className="h-[33.25rem] w-full" />
    </div>
  );
}
