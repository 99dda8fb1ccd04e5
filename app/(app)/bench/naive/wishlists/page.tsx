import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { buttonClass } from '@/components/ui/button';
import {
  ActivityFeed,
  ActivityFeedSkeleton,
  ActivityStatsSkeleton,
  ActivityStatsWidget,
  UpcomingEventsSkeleton,
  UpcomingEventsWidget,
} from '@/components/wishlists/activity-widgets';
import { DashboardLists, DashboardListsSkeleton } from '@/components/wishlists/dashboard-lists';
import { SortLinks, SortLinksView } from '@/components/wishlists/sort-links';
import { loadNaiveActivityFeed, loadNaiveActivityStats, loadNaiveDashboard, loadNaiveUpcomingEvents } from '@/lib/wishlists/naive';
import { wishlistSortSchema } from '@/lib/wishlists/schemas';
import { DEFAULT_WISHLIST_SORT } from '@/lib/wishlists/types';
import { benchOnly } from '../gate';

export const metadata: Metadata = { title: 'Wishlists (naive baseline)' };

const naive = {
  dashboard: benchOnly(loadNaiveDashboard),
  feed: benchOnly(loadNaiveActivityFeed),
  stats: benchOnly(loadNaiveActivityStats),
  upcoming: benchOnly(loadNaiveUpcomingEvents),
};

/**
 * The benchmark's naive baseline of /wishlists (npm run bench; 404 unless BRISK_BENCH=1): the
 * same markup and components as app/(app)/wishlists/page.tsx (keep the two in step), fed by
 * lib/wishlists/naive.ts, so that only the data path differs.
 */
export default function NaiveWishlistsPage({ searchParams }: PageProps<'/bench/naive/wishlists'>) {
  const sort = searchParams.then((params) => wishlistSortSchema.parse(params.sort));
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Wishlists</h1>
        <div className="flex gap-2">
          <Link href="/wishlists/friends" className={buttonClass('secondary')}>
            Friends
          </Link>
          <Link href="/wishlists/upcoming" className={buttonClass('secondary')}>
            Upcoming
          </Link>
          <Link href="/wishlists/new" className={buttonClass('primary')}>
            New list
          </Link>
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="flex flex-col gap-4">
          <Suspense fallback={<SortLinksView current={DEFAULT_WISHLIST_SORT} />}>
            <SortLinks sort={sort} />
          </Suspense>
          <Suspense fallback={<DashboardListsSkeleton />}>
            <DashboardLists sort={sort} load={naive.dashboard} />
          </Suspense>
        </div>
        <aside className="flex flex-col gap-4" aria-label="Activity">
          <Suspense fallback={<ActivityStatsSkeleton />}>
            <ActivityStatsWidget load={naive.stats} />
          </Suspense>
          <Suspense fallback={<ActivityFeedSkeleton />}>
            <ActivityFeed whose="mine" load={naive.feed} />
          </Suspense>
          <Suspense fallback={<ActivityFeedSkeleton />}>
            <ActivityFeed whose="friends" load={naive.feed} />
          </Suspense>
          <Suspense fallback={<UpcomingEventsSkeleton />}>
            <UpcomingEventsWidget load={naive.upcoming} />
          </Suspense>
        </aside>
      </div>
    </div>
  );
}
