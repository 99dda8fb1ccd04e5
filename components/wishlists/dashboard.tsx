import Link from 'next/link';
import { Suspense } from 'react';
import { buttonClass } from '@/components/ui/button';
import { WidgetFrame } from '@/components/ui/widget-frame';
import type { ActivityEntry, ActivityStats, UpcomingEvent, WishlistDashboard as DashboardData, WishlistSort } from '@/lib/wishlists/types';
import { DEFAULT_WISHLIST_SORT } from '@/lib/wishlists/types';
import {
  ActivityFeed,
  ActivityFeedSkeleton,
  ActivityStatsSkeleton,
  ActivityStatsWidget,
  UpcomingEventsSkeleton,
  UpcomingEventsWidget,
} from './activity-widgets';
import { DashboardLists, DashboardListsSkeleton } from './dashboard-lists';
import { SortLinks, SortLinksView } from './sort-links';

/** Replacements for the widgets' data sources (the benchmark's naive baseline); the view stays the same. */
export interface DashboardLoaders {
  dashboard?: (viewerId: string, sort: WishlistSort) => Promise<DashboardData>;
  feed?: (viewerId: string, whose: 'mine' | 'friends') => Promise<ActivityEntry[]>;
  stats?: (viewerId: string) => Promise<ActivityStats>;
  upcoming?: (viewerId: string) => Promise<UpcomingEvent[]>;
}

/** The wishlist dashboard. Every widget is its own Suspense boundary with a skeleton of its size: none waits for another. */
export function WishlistDashboard({ sort, all, loaders = {} }: { sort: Promise<WishlistSort>; all: Promise<boolean>; loaders?: DashboardLoaders }) {
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
            <DashboardLists sort={sort} all={all} load={loaders.dashboard} />
          </Suspense>
        </div>
        <aside className="flex flex-col gap-4" aria-label="Activity">
          <WidgetFrame size="h-56" label="Activity in your circle" skeleton={<ActivityStatsSkeleton />}>
            <ActivityStatsWidget load={loaders.stats} />
          </WidgetFrame>
          <WidgetFrame size="h-[25.5rem]" label="My latest activity" skeleton={<ActivityFeedSkeleton />}>
            <ActivityFeed whose="mine" load={loaders.feed} />
          </WidgetFrame>
          <WidgetFrame size="h-[25.5rem]" label="Friends’ latest activity" skeleton={<ActivityFeedSkeleton />}>
            <ActivityFeed whose="friends" load={loaders.feed} />
          </WidgetFrame>
          <WidgetFrame size="h-72" label="Upcoming events" skeleton={<UpcomingEventsSkeleton />}>
            <UpcomingEventsWidget load={loaders.upcoming} />
          </WidgetFrame>
        </aside>
      </div>
    </div>
  );
}
