import Link from 'next/link';
import type { Route } from 'next';
import { Badge } from '@/components/ui/badge';
import { CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { DataTable } from '@/components/ui/data-table';
import { Skeleton } from '@/components/ui/skeleton';
import { engagementRate, relativeChange } from '@/lib/channels/period';
import type { AudienceStats, ChannelList, SubscriptionView as Subscription, TopPost, Totals } from '@/lib/channels/types';
import { Sparkline } from './charts';
import { STATUS_LABELS, TREND_CLASS, formatChange, formatCompact, formatCount, formatDay, formatDelta, formatMoment, formatRate, trendOf } from './format';

/*
 * The views of the Channels widgets: plain server components of data, shared by the pages and
 * the Projects builder's widgets. Each has a skeleton of the same layout; the frames that hold
 * them (WidgetFrame) fix their height, so nothing moves when the data replaces the skeleton.
 */

// ---------------------------------------------------------------------------------------------
// Totals against the previous period.

interface Tile {
  label: string;
  value: string;
  exact?: string;
  change: string;
  trend: ReturnType<typeof trendOf>;
}

const TILES = 'grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-5';

function countTile(label: string, current: number, previous: number): Tile {
  const change = relativeChange(current, previous);
  return { label, value: formatCompact(current), exact: formatCount(current), change: formatChange(change), trend: trendOf(change) };
}

/** Views, likes, forwards and posts of the period with their change, and one more figure (subscribers or engagement). */
export function TotalsView({ totals, previous, extra }: { totals: Totals; previous: Totals; extra: 'engagement' | { subscribers: number; change: number | null } }) {
  const tiles: Tile[] = [countTile('Views', totals.views, previous.views), countTile('Likes', totals.likes, previous.likes), countTile('Forwards', totals.forwards, previous.forwards), countTile('Posts', totals.posts, previous.posts)];
  if (extra === 'engagement') {
    const rate = engagementRate(totals);
    const before = engagementRate(previous);
    const points = (rate - before) * 100;
    tiles.push({ label: 'Engagement', value: formatRate(rate), change: `${points >= 0 ? '+' : '−'}${Math.abs(points).toFixed(1)} pts`, trend: points > 0 ? 'up' : points < 0 ? 'down' : 'flat' });
  } else {
    tiles.unshift({ label: 'Subscribers', value: formatCompact(extra.subscribers), exact: formatCount(extra.subscribers), change: formatDelta(extra.change), trend: trendOf(extra.change) });
    tiles.pop();
  }
  return (
    <dl className={TILES}>
      {tiles.map((tile) => (
        <div key={tile.label} className="h-[4.25rem]">
          <dt className="text-xs font-medium text-slate-600">{tile.label}</dt>
          <dd className="text-2xl font-semibold tabular-nums" title={tile.exact}>
            {tile.value}
          </dd>
          <dd className={cn('text-xs tabular-nums', TREND_CLASS[tile.trend])}>
            {tile.change} <span className="text-slate-600">vs previous</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function TotalsSkeleton() {
  return (
    <div className={TILES}>
      {Array.from({ length: 5 }, (_, i) => (
        <div key={i} className="h-[4.25rem]">
          <Skeleton className="h-4 w-16" />
          <Skeleton className="mt-1 h-7 w-20" />
          <Skeleton className="mt-1 h-3.5 w-24" />
        </div>
      ))}
    </div>
  );
}

/** The totals frame's height: one row of five figures from `sm`, three rows of two below. */
export const TOTALS_SIZE = 'h-[17.5rem] sm:h-[7.5rem]';

// ---------------------------------------------------------------------------------------------
// The daily chart's frame.

export const CHART_SIZE = 'h-[18rem]';

export function ChartSkeleton({ title = 'w-32' }: { title?: string }) {
  return (
    <>
      <Skeleton className={cn('h-6', title)} />
      <Skeleton className="mt-3 ml-10 h-40" />
      <Skeleton className="mt-1 ml-10 h-4 w-1/2" />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Top posts.

const POST_ROW = 'h-[3.25rem]';

function PostRow({ post, rank, showChannel, metric }: { post: TopPost; rank: number; showChannel: boolean; metric: 'views' | 'engagement' }) {
  return (
    <li className={cn(POST_ROW, 'flex gap-2 overflow-hidden text-sm')}>
      <span aria-hidden="true" className="w-4 shrink-0 text-right font-semibold text-slate-600 tabular-nums">
        {rank}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium" title={post.excerpt}>
          {post.excerpt}
        </p>
        <p className="truncate text-xs text-slate-600">
          {showChannel && `${post.channelTitle} · `}
          <time dateTime={post.publishedAt}>{formatMoment(post.publishedAt)}</time> ·{' '}
          <span className={metric === 'views' ? 'font-medium text-slate-800' : undefined}>{formatCount(post.views)} views</span> ·{' '}
          <span className={metric === 'engagement' ? 'font-medium text-slate-800' : undefined}>{formatRate(post.engagement)} engagement</span>
        </p>
      </div>
    </li>
  );
}

/** One ranking of posts (most viewed or most engaging). */
export function TopPostsList({ posts, metric, showChannel, empty }: { posts: readonly TopPost[]; metric: 'views' | 'engagement'; showChannel: boolean; empty: string }) {
  if (posts.length === 0) return <p className="mt-2 text-sm text-slate-600">{empty}</p>;
  return (
    <ol className="mt-2 flex flex-col gap-1">
      {posts.map((post, index) => (
        <PostRow key={post.id} post={post} rank={index + 1} showChannel={showChannel} metric={metric} />
      ))}
    </ol>
  );
}

export function TopPostsListSkeleton({ rows }: { rows: number }) {
  return (
    <div className="mt-2 flex flex-col gap-1">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className={cn(POST_ROW, 'flex gap-2')}>
          <Skeleton className="h-4 w-4" />
          <div className="flex-1">
            <Skeleton className="h-4 w-full" />
            <Skeleton className="mt-1.5 h-3 w-3/4" />
          </div>
        </div>
      ))}
    </div>
  );
}

/** Both rankings side by side: the most viewed and the most engaging posts of the period. */
export function TopPostsView({ byViews, byEngagement, showChannel }: { byViews: readonly TopPost[]; byEngagement: readonly TopPost[]; showChannel: boolean }) {
  return (
    <>
      <CardTitle>Top posts</CardTitle>
      <div className="mt-2 grid gap-x-6 gap-y-3 md:grid-cols-2">
        <section aria-labelledby="most-viewed">
          <h3 id="most-viewed" className="text-sm font-semibold text-slate-700">
            Most viewed
          </h3>
          <TopPostsList posts={byViews} metric="views" showChannel={showChannel} empty="No posts published in this period." />
        </section>
        <section aria-labelledby="most-engaging">
          <h3 id="most-engaging" className="text-sm font-semibold text-slate-700">
            Most engaging
          </h3>
          <TopPostsList posts={byEngagement} metric="engagement" showChannel={showChannel} empty="No post of this period has 100 views yet." />
        </section>
      </div>
    </>
  );
}

export function TopPostsSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-24" />
      <div className="mt-2 grid gap-x-6 gap-y-3 md:grid-cols-2">
        {[0, 1].map((column) => (
          <div key={column}>
            <Skeleton className="h-5 w-28" />
            <TopPostsListSkeleton rows={5} />
          </div>
        ))}
      </div>
    </>
  );
}

/** Two columns of five from `md`, one column of ten below. */
export const TOP_POSTS_SIZE = 'h-[45rem] md:h-[24rem]';

// ---------------------------------------------------------------------------------------------
// My channels.

export function ChannelsTable({ list }: { list: ChannelList }) {
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>My channels</CardTitle>
        <span className="text-xs text-slate-600">{list.channels.length === 1 ? '1 channel' : `${list.channels.length} channels`}</span>
      </div>
      <DataTable
        className="mt-2"
        label="My channels with their totals for the period"
        rows={list.channels}
        rowKey={(channel) => channel.id}
        empty={
          <>
            No channels yet.{' '}
            <Link href="/channels/new" className="font-medium text-brand-700 underline">
              Add your first channel
            </Link>{' '}
            and send its metrics to the API.
          </>
        }
        columns={[
          {
            header: 'Channel',
            cell: (channel) => (
              <>
                <Link href={`/channels/${channel.id}` as Route} className="font-medium text-brand-700 hover:underline">
                  {channel.title}
                </Link>
                <span className="block text-xs text-slate-600">@{channel.handle}</span>
              </>
            ),
          },
          {
            header: 'Subscribers',
            numeric: true,
            cell: (channel) => (
              <>
                {formatCount(channel.subscribers)}
                <span className={cn('block text-xs', TREND_CLASS[trendOf(channel.subscribersChange)])}>{formatDelta(channel.subscribersChange)}</span>
              </>
            ),
          },
          {
            header: 'Views',
            numeric: true,
            cell: (channel) => {
              const change = relativeChange(channel.totals.views, channel.previous.views);
              return (
                <>
                  {formatCount(channel.totals.views)}
                  <span className={cn('block text-xs', TREND_CLASS[trendOf(change)])}>{formatChange(change)}</span>
                </>
              );
            },
          },
          { header: 'Likes', numeric: true, cell: (channel) => formatCount(channel.totals.likes) },
          { header: 'Forwards', numeric: true, cell: (channel) => formatCount(channel.totals.forwards) },
          { header: 'Posts', numeric: true, cell: (channel) => formatCount(channel.totals.posts) },
        ]}
      />
    </>
  );
}

export const CHANNELS_TABLE_SIZE = 'h-[22rem]';

export function ChannelsTableSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-32" />
      <Skeleton className="mt-3 h-5 w-full" />
      <div className="mt-2 flex flex-col gap-2">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// The subscription.

const STATUS_TONE: Record<Subscription['status'], 'success' | 'brand' | 'warning' | 'neutral'> = {
  active: 'success',
  trial: 'brand',
  expired: 'warning',
  cancelled: 'warning',
  none: 'neutral',
};

function subscriptionLine(subscription: Subscription): string {
  const { status, expiresAt, plan } = subscription;
  if (status === 'none' || !plan) return 'You are on the free plan.';
  const date = expiresAt ? formatDay(expiresAt.slice(0, 10)) : '';
  if (status === 'active') return plan.priceCents === 0 ? `Since ${formatDay(subscription.startedAt!.slice(0, 10))}.` : `Renews on ${date}.`;
  if (status === 'trial') return `Trial ends on ${date}.`;
  if (status === 'expired') return `Your ${plan.name} plan expired on ${date}: you are on the free plan.`;
  return `Your ${plan.name} plan was cancelled: you are on the free plan.`;
}

export function SubscriptionCard({ subscription }: { subscription: Subscription }) {
  const { effectivePlan, channelsUsed } = subscription;
  const share = Math.min(1, channelsUsed / Math.max(1, effectivePlan.maxChannels));
  return (
    <>
      <CardTitle>Your plan</CardTitle>
      <div className="mt-3 flex items-center gap-2">
        <span className="text-2xl font-semibold">{subscription.plan?.name ?? effectivePlan.name}</span>
        <Badge tone={STATUS_TONE[subscription.status]}>{STATUS_LABELS[subscription.status]}</Badge>
      </div>
      <p className="mt-1 h-10 text-sm text-slate-600">{subscriptionLine(subscription)}</p>
      <p className="mt-3 text-sm">
        {channelsUsed} of {effectivePlan.maxChannels} channel{effectivePlan.maxChannels === 1 ? '' : 's'}
      </p>
      <div className="mt-1 h-2 rounded-full bg-slate-100" role="presentation">
        <div className={cn('h-2 rounded-full', share >= 1 ? 'bg-amber-600' : 'bg-brand-600')} style={{ width: `${Math.round(share * 100)}%` }} />
      </div>
      <p className="mt-2 text-sm text-slate-600">{effectivePlan.historyDays} days of history kept.</p>
      <Link href="/channels/plans" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
        Compare plans
      </Link>
    </>
  );
}

export function SubscriptionSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-24" />
      <Skeleton className="mt-3 h-8 w-32" />
      <Skeleton className="mt-1 h-10 w-full" />
      <Skeleton className="mt-3 h-5 w-28" />
      <Skeleton className="mt-1 h-2 w-full" />
      <Skeleton className="mt-2 h-5 w-40" />
      <Skeleton className="mt-3 h-5 w-28" />
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Audience.

export function AudienceView({ audience }: { audience: AudienceStats }) {
  const values = audience.days.map((d) => d.subscribers);
  return (
    <>
      <CardTitle>Audience</CardTitle>
      <p className="mt-3 text-xs font-medium text-slate-600">Subscribers</p>
      <p className="text-3xl font-semibold tabular-nums">{formatCount(audience.subscribers)}</p>
      <p className={cn('text-sm tabular-nums', TREND_CLASS[trendOf(audience.change)])}>
        {formatDelta(audience.change)} <span className="text-slate-600">since {formatDay(audience.window.start)}</span>
      </p>
      <div className="mt-4 h-20">
        {values.length > 1 ? (
          <Sparkline values={values} label={`Subscribers by day: from ${formatCount(values[0]!)} to ${formatCount(values.at(-1)!)}`} className="h-full w-full" />
        ) : (
          <p className="text-sm text-slate-600">No daily snapshots in this period yet.</p>
        )}
      </div>
      <p className="mt-2 text-xs text-slate-600">One snapshot a day: the latest the collector sent.</p>
    </>
  );
}

export function AudienceSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-24" />
      <Skeleton className="mt-3 h-4 w-20" />
      <Skeleton className="mt-1 h-9 w-28" />
      <Skeleton className="mt-1 h-5 w-36" />
      <Skeleton className="mt-4 h-20 w-full" />
      <Skeleton className="mt-2 h-4 w-48" />
    </>
  );
}
