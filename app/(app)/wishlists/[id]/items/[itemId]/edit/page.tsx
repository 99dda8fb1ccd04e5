import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EditItem, EditItemSkeleton } from '@/components/wishlists/edit-item';
import { updateItemAction } from '../../../../actions';

export const metadata: Metadata = { title: 'Edit item' };

// Only the list's owner may open it: anyone else gets a 404 from proxy.ts before anything streams.
export default function EditItemPage({ params }: PageProps<'/wishlists/[id]/items/[itemId]/edit'>) {
  return (
    <Suspense fallback={<EditItemSkeleton />}>
      <EditItem ids={params} action={updateItemAction} />
    </Suspense>
  );
}
