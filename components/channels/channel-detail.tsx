import Link from 'next/link';
import type { Route } from 'next';
import { Suspense } from 'react';
import { buttonClass } from '@/components/ui/button';
import { Card, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { requireViewer } from '@/lib/auth/viewer';
import { getAudience, getChannelHeader, getChannelSummary, getChannelTopPosts } from '@/lib/channels/queries';
import type { Period } from '@/lib/channels/types';
import type { FormState } from '@/lib/validation';
import { DailyChart } from './charts';
import { PERIOD_LABELS, formatCount } from './format';
import { PeriodLinks } from './period-links';
import { PostForm } from './post-form';
import {
  AudienceSkeleton,
  AudienceView,
  CHART_SIZE,
  ChartSkeleton,
  TOP_POSTS_SIZE,
  TOTALS_SIZE,
  TopPostsSkeleton,
  TopPostsView,
  TotalsSkeleton,
  TotalsView,
} from './views';

/** The server actions of a channel's page, passed in by the page (components never import app/). */
export interface ChannelDetailActions {
  publishPost: (channelId: string, previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;
}

const GONE = 'This channel is no longer available.';

/**
 * One channel's page: its totals for the period against the previous one, views by day, its
 * audience, its top posts, and (for its owner) a form to publish a post. Whoever may not see the
 * channel got a 404 from the proxy before anything streamed; every widget streams on its own.
 */
export function ChannelDetail({ id, period, actions }: { id: Promise<string>; period: Promise<Period>; actions: ChannelDetailActions }) {
  return (
    <div className="flex flex-col gap-6">
      <Suspense fallback={<ChannelHeaderSkeleton />}>
        <ChannelHeading id={id} />
      </Suspense>
      <Suspense fallback={<Skeleton className="h-9 w-72" />}>
        <PeriodLinks period={period} basePath={id.then((channelId) => `/channels/${channelId}`)} />
      </Suspense>
      <WidgetFrame size={TOTALS_SIZE} label="Totals of the channel" skeleton={<TotalsSkeleton />}>
        <ChannelTotals id={id} period={period} />
      </WidgetFrame>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <WidgetFrame size={CHART_SIZE} label="Views by day" skeleton={<ChartSkeleton />}>
          <ChannelChart id={id} period={period} />
        </WidgetFrame>
        <WidgetFrame size={CHART_SIZE} label="Audience" skeleton={<AudienceSkeleton />}>
          <ChannelAudience id={id} period={period} />
        </WidgetFrame>
      </div>
      <WidgetFrame size={TOP_POSTS_SIZE} label="Top posts" skeleton={<TopPostsSkeleton />}>
        <ChannelTopPosts id={id} period={period} />
      </WidgetFrame>
      {/* Last on the page: it appears for the owner without moving anything above it. */}
      <Suspense fallback={null}>
        <OwnerTools id={id} actions={actions} />
      </Suspense>
    </div>
  );
}

async function ChannelHeading({ id }: { id: Promise<string> }) {
  const viewer = await requireViewer();
  const channel = await getChannelHeader(viewer.id, await id);
  if (!channel) return <h1 className="h-[4.5rem] text-2xl font-semibold">{GONE}</h1>;
  return (
    <header className="flex h-[4.5rem] flex-wrap items-start gap-3 overflow-hidden">
      <div className="min-w-0 flex-1">
        <h1 className="truncate text-2xl font-semibold">{channel.title}</h1>
        <p className="truncate text-slate-600">
          @{channel.handle} · {formatCount(channel.subscribers)} subscribers
          {!channel.viewerIsOwner && ` · ${channel.ownerName}’s channel (read-only)`}
        </p>
      </div>
      {channel.viewerIsOwner && (
        <Link href={`/channels/${channel.id}/edit` as Route} className={buttonClass('secondary', 'h-9')}>
          Edit channel
        </Link>
      )}
    </header>
  );
}

function ChannelHeaderSkeleton() {
  return (
    <div className="h-[4.5rem]">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="mt-2 h-5 w-56" />
    </div>
  );
}

async function ChannelTotals({ id, period }: { id: Promise<string>; period: Promise<Period> }) {
  const viewer = await requireViewer();
  const summary = await getChannelSummary(viewer.id, await id, await period);
  if (!summary) return <p className="text-sm text-slate-600">{GONE}</p>;
  return <TotalsView totals={summary.totals} previous={summary.previous} extra="engagement" />;
}

async function ChannelChart({ id, period }: { id: Promise<string>; period: Promise<Period> }) {
  const viewer = await requireViewer();
  const chosen = await period;
  const summary = await getChannelSummary(viewer.id, await id, chosen);
  if (!summary) return <p className="text-sm text-slate-600">{GONE}</p>;
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>Views by day</CardTitle>
        <span className="text-xs text-slate-600">{PERIOD_LABELS[chosen]}</span>
      </div>
      <div className="mt-3">
        <DailyChart days={summary.days} previousDays={summary.previousDays} label={`Views by day, ${PERIOD_LABELS[chosen].toLowerCase()}`} />
      </div>
    </>
  );
}

async function ChannelAudience({ id, period }: { id: Promise<string>; period: Promise<Period> }) {
  const viewer = await requireViewer();
  const audience = await getAudience(viewer.id, await id, await period);
  if (!audience) return <p className="text-sm text-slate-600">{GONE}</p>;
  return <AudienceView audience={audience} />;
}

async function ChannelTopPosts({ id, period }: { id: Promise<string>; period: Promise<Period> }) {
  const viewer = await requireViewer();
  const top = await getChannelTopPosts(viewer.id, await id, await period);
  if (!top) return <p className="text-sm text-slate-600">{GONE}</p>;
  return <TopPostsView byViews={top.byViews} byEngagement={top.byEngagement} showChannel={false} />;
}

async function OwnerTools({ id, actions }: { id: Promise<string>; actions: ChannelDetailActions }) {
  const viewer = await requireViewer();
  const channel = await getChannelHeader(viewer.id, await id);
  if (!channel?.viewerIsOwner) return null;
  return (
    <Card>
      <h2 className="mb-2 text-lg font-semibold">Publish a post</h2>
      <p className="mb-3 text-sm text-slate-600">It counts in today’s posts at once; its views, likes and forwards arrive with the next metrics your collector sends.</p>
      <PostForm action={actions.publishPost.bind(null, channel.id)} />
    </Card>
  );
}
