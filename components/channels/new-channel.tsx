import { Suspense } from 'react';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getSubscription } from '@/lib/channels/queries';
import type { FormState } from '@/lib/validation';
import { ChannelForm } from './channel-form';

type CreateAction = (previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;

/** The form for a new channel, and how many more the viewer's plan allows. */
export function NewChannel({ create }: { create: CreateAction }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">New channel</h1>
      <div className="h-6 text-slate-600">
        <Suspense fallback={<PlanLimitSkeleton />}>
          <PlanLimit />
        </Suspense>
      </div>
      <Card>
        <ChannelForm action={create} submitLabel="Create channel" />
      </Card>
    </div>
  );
}

/** "3 of 5 channels on your Pro plan." Streams (it depends on the viewer). */
export async function PlanLimit() {
  const viewer = await requireViewer();
  const { channelsUsed, effectivePlan } = await getSubscription(viewer.id);
  const left = effectivePlan.maxChannels - channelsUsed;
  return (
    <>
      {channelsUsed} of {effectivePlan.maxChannels} channel{effectivePlan.maxChannels === 1 ? '' : 's'} on your {effectivePlan.name} plan
      {left > 0 ? '.' : ': delete one or upgrade to add another.'}
    </>
  );
}

export const PlanLimitSkeleton = () => <Skeleton className="h-5 w-64" />;
