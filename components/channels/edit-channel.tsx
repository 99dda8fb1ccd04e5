import { notFound } from 'next/navigation';
import { ActionRow } from '@/components/ui/action-row';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getChannelHeader } from '@/lib/channels/queries';
import type { FormState } from '@/lib/validation';
import { ChannelForm } from './channel-form';

/** The server actions of the edit page, passed in by the page (components never import app/). */
export interface EditChannelActions {
  update: (channelId: string, previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;
  /** Deletes the channel and goes to the dashboard; a refusal comes back as its message. */
  remove: (channelId: string) => Promise<FormState>;
}

/** The edit form for the owner; to anyone else the channel does not exist (the proxy answered 404 already). */
export async function EditChannel({ id, actions }: { id: Promise<string>; actions: EditChannelActions }) {
  const viewer = await requireViewer();
  const channel = await getChannelHeader(viewer.id, await id);
  if (!channel?.viewerIsOwner) notFound();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Edit “{channel.title}”</h1>
      <Card>
        <ChannelForm action={actions.update.bind(null, channel.id)} channel={channel} submitLabel="Save changes" />
      </Card>
      <Card>
        <h2 className="text-base font-semibold">Delete this channel</h2>
        <p className="mt-1 text-sm text-slate-600">Its posts, their metrics and its audience history go with it. This cannot be undone.</p>
        <ActionRow
          className="mt-3"
          size="md"
          align="start"
          actions={[
            {
              label: 'Delete channel',
              variant: 'danger-secondary',
              run: actions.remove.bind(null, channel.id),
              confirm: { label: 'Yes, delete it', pendingLabel: 'Deleting…', cancelLabel: 'Keep it' },
            },
          ]}
        />
      </Card>
    </div>
  );
}

export function EditChannelSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-[17rem] w-full max-w-2xl" />
      <Skeleton className="h-36 w-full" />
    </div>
  );
}
