import type { Metadata } from 'next';
import { CHART_SIZE, SubscriptionSkeleton } from '@/components/channels/views';
import { BackToChannels, CurrentSubscription, PlansSkeleton, PlansWidget } from '@/components/channels/plans';
import { WidgetFrame } from '@/components/ui/widget-frame';

export const metadata: Metadata = { title: 'Channel plans' };

export default function PlansPage() {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Plans</h1>
        <BackToChannels />
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <WidgetFrame size="h-72" label="Plans" skeleton={<PlansSkeleton />}>
          <PlansWidget />
        </WidgetFrame>
        <WidgetFrame size={CHART_SIZE} label="Your plan" skeleton={<SubscriptionSkeleton />}>
          <CurrentSubscription />
        </WidgetFrame>
      </div>
    </div>
  );
}
