import type { Metadata } from 'next';
import { Suspense } from 'react';
import { GivenGiftsList, ListCardSkeleton, UpcomingEventsList } from '@/components/wishlists/upcoming';

export const metadata: Metadata = { title: 'Upcoming events' };

export default function UpcomingPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Upcoming events</h1>
      <div className="grid gap-6 lg:grid-cols-2">
        <Suspense fallback={<ListCardSkeleton />}>
          <UpcomingEventsList />
        </Suspense>
        <Suspense fallback={<ListCardSkeleton />}>
          <GivenGiftsList />
        </Suspense>
      </div>
    </div>
  );
}
