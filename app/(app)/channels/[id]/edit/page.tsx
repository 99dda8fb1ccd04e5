import type { Metadata } from 'next';
import { Suspense } from 'react';
import { EditChannel, EditChannelSkeleton } from '@/components/channels/edit-channel';
import { deleteChannelAction, updateChannelAction } from '../../actions';

export const metadata: Metadata = { title: 'Edit channel' };

const actions = { update: updateChannelAction, remove: deleteChannelAction };

// Anyone but the owner is answered 404 by proxy.ts before anything streams.
export default function EditChannelPage({ params }: PageProps<'/channels/[id]/edit'>) {
  return (
    <Suspense fallback={<EditChannelSkeleton />}>
      <EditChannel id={params.then((p) => p.id)} actions={actions} />
    </Suspense>
  );
}
