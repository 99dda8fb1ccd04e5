import type { Metadata } from 'next';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { GivenGiftsList, ListCardSkeleton, UpcomingEventsList } from '@/components/wishlists/upcoming';

export const metadata: Metadata = { title: 'Upcoming events' };

export default function UpcomingPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Upcoming events</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <WidgetFrame size="h-[26rem]" label="Events in the next 60 days" scroll skeleton={<ListCardSkeleton />}>
          <UpcomingEventsList />
        </WidgetFrame>
        <WidgetFrame size="h-[26rem]" label="Gifts you are giving" scroll skeleton={<ListCardSkeleton />}>
          <GivenGiftsList />
        </WidgetFrame>
      </div>
    </div>
  );
}
