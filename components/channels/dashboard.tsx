import Link from 'next/link';
import { Suspense } from 'react';
import { buttonClass } from '@/components/ui/button';
import { CardTitle } from '@/components/ui/card';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { requireViewer } from '@/lib/auth/viewer';
import { getChannelList, getDashboardDaily, getDashboardTopPosts, getSubscription } from '@/lib/channels/queries';
import { DEFAULT_PERIOD, type ChannelList, type DailySeries, type Period, type SubscriptionView, type TopPosts } from '@/lib/channels/types';
import { DailyChart } from './charts';
import { PERIOD_LABELS } from './format';
import { PeriodLinks, PeriodLinksView } from './period-links';
import {
  CHANNELS_TABLE_SIZE,
  CHART_SIZE,
  ChannelsTable,
  ChannelsTableSkeleton,
  ChartSkeleton,
  SubscriptionCard,
  SubscriptionSkeleton,
  TOP_POSTS_SIZE,
  TOTALS_SIZE,
  TopPostsSkeleton,
  TopPostsView,
  TotalsSkeleton,
  TotalsView,
} from './views';

/** Replacements for the widgets' data sources (the benchmark's naive baseline); the views stay the same. */
export interface DashboardLoaders {
  list?: (viewerId: string, period: Period) => Promise<ChannelList>;
  daily?: (viewerId: string, period: Period) => Promise<DailySeries>;
  topPosts?: (viewerId: string, period: Period) => Promise<TopPosts>;
  subscription?: (viewerId: string) => Promise<SubscriptionView>;
}

/**
 * The Channels dashboard: my channels with their totals for the period (7, 30 or 90 days, in the
 * URL) against the previous one, views by day, top posts and my plan. Every widget is its own
 * Suspense boundary in a frame of fixed size: none waits for another.
 */
export function ChannelsDashboard({ period, loaders = {} }: { period: Promise<Period>; loaders?: DashboardLoaders }) {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Channels</h1>
        <div className="flex gap-2">
          <Link href="/channels/plans" className={buttonClass('secondary')}>
            Plans
          </Link>
          <Link href="/channels/new" className={buttonClass('primary')}>
            New channel
          </Link>
        </div>
      </div>
      <Suspense fallback={<PeriodLinksView current={DEFAULT_PERIOD} basePath="/channels" />}>
        <PeriodLinks period={period} basePath="/channels" />
      </Suspense>
      <WidgetFrame size={TOTALS_SIZE} label="Totals of my channels" skeleton={<TotalsSkeleton />}>
        <DashboardTotals period={period} load={loaders.list} />
      </WidgetFrame>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <WidgetFrame size={CHART_SIZE} label="Views by day" skeleton={<ChartSkeleton />}>
          <DashboardChart period={period} load={loaders.daily} />
        </WidgetFrame>
        <WidgetFrame size={CHART_SIZE} label="Your plan" skeleton={<SubscriptionSkeleton />}>
          <DashboardSubscription load={loaders.subscription} />
        </WidgetFrame>
      </div>
      <WidgetFrame size={CHANNELS_TABLE_SIZE} label="My channels" skeleton={<ChannelsTableSkeleton />} scroll>
        <DashboardChannels period={period} load={loaders.list} />
      </WidgetFrame>
      <WidgetFrame size={TOP_POSTS_SIZE} label="Top posts" skeleton={<TopPostsSkeleton />}>
        <DashboardTopPosts period={period} load={loaders.topPosts} />
      </WidgetFrame>
    </div>
  );
}

async function DashboardTotals({ period, load = getChannelList }: { period: Promise<Period>; load?: DashboardLoaders['list'] }) {
  const viewer = await requireViewer();
  const list = await load(viewer.id, await period);
  const subscribers = list.channels.reduce((sum, c) => sum + c.subscribers, 0);
  const known = list.channels.filter((c) => c.subscribersChange !== null);
  const change = known.length ? known.reduce((sum, c) => sum + c.subscribersChange!, 0) : null;
  return <TotalsView totals={list.totals} previous={list.previous} extra={{ subscribers, change }} />;
}

async function DashboardChart({ period, load = getDashboardDaily }: { period: Promise<Period>; load?: DashboardLoaders['daily'] }) {
  const viewer = await requireViewer();
  const chosen = await period;
  const series = await load(viewer.id, chosen);
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>Views by day</CardTitle>
        <span className="text-xs text-slate-600">{PERIOD_LABELS[chosen]}, all channels</span>
      </div>
      <div className="mt-3">
        <DailyChart days={series.days} previousDays={series.previousDays} label={`Views by day, ${PERIOD_LABELS[chosen].toLowerCase()}`} />
      </div>
    </>
  );
}

async function DashboardSubscription({ load = getSubscription }: { load?: DashboardLoaders['subscription'] }) {
  const viewer = await requireViewer();
  return <SubscriptionCard subscription={await load(viewer.id)} />;
}

async function DashboardChannels({ period, load = getChannelList }: { period: Promise<Period>; load?: DashboardLoaders['list'] }) {
  const viewer = await requireViewer();
  return <ChannelsTable list={await load(viewer.id, await period)} />;
}

async function DashboardTopPosts({ period, load = getDashboardTopPosts }: { period: Promise<Period>; load?: DashboardLoaders['topPosts'] }) {
  const viewer = await requireViewer();
  const top = await load(viewer.id, await period);
  return <TopPostsView byViews={top.byViews} byEngagement={top.byEngagement} showChannel />;
}
