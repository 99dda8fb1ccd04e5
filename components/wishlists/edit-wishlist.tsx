import { notFound } from 'next/navigation';
import { ActionRow } from '@/components/ui/action-row';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import type { FormState } from '@/lib/validation';
import { getWishlistDetail } from '@/lib/wishlists/queries';
import { WishlistForm } from './wishlist-form';

/** The server actions of the edit page, passed in by the page (components never import app/). */
export interface EditWishlistActions {
  update: (wishlistId: string, previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;
  /** Deletes the list and goes to the dashboard; a refusal comes back as its message. */
  remove: (wishlistId: string) => Promise<FormState>;
}

/** Edit form for the owner; to anyone else the list does not exist. */
export async function EditWishlist({ id, actions }: { id: Promise<string>; actions: EditWishlistActions }) {
  const viewer = await requireViewer();
  const list = await getWishlistDetail(viewer.id, await id);
  if (!list || !list.viewerIsOwner) notFound();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Edit “{list.name}”</h1>
      <Card>
        <WishlistForm action={actions.update.bind(null, list.id)} list={list} submitLabel="Save changes" />
      </Card>
      <Card>
        <h2 className="text-base font-semibold">Delete this list</h2>
        <p className="mt-1 text-sm text-slate-600">Its items and their history go with it. This cannot be undone.</p>
        <ActionRow
          className="mt-3"
          size="md"
          align="start"
          actions={[
            {
              label: 'Delete list',
              variant: 'danger-secondary',
              run: actions.remove.bind(null, list.id),
              confirm: { label: 'Yes, delete it', pendingLabel: 'Deleting…', cancelLabel: 'Keep it' },
            },
          ]}
        />
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
