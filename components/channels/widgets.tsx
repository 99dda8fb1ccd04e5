import { CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { relativeChange } from '@/lib/channels/period';
import type { DailyChartConfig, PeriodTotalsConfig, TopPostsConfig } from '@/lib/channels/schemas';
import type { DailyViewsData, PeriodTotalsData, TopPostsData } from '@/lib/channels/widgets';
import { DailyChart } from './charts';
import { PERIOD_LABELS, TREND_CLASS, formatChange, formatCompact, formatCount, trendOf } from './format';
import { TopPostsList, TopPostsListSkeleton } from './views';

/*
 * The views of the Channels widgets of the Projects builder, keyed by widget type (the data comes
 * from each definition's `load` in lib/channels/module.ts). Each View is a server component of
 * its data and config; its Skeleton has the same layout, for the frame the builder sizes.
 */

const UNAVAILABLE = 'This channel is not available to you.';

function Heading({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <div className="flex h-6 items-baseline justify-between gap-2 overflow-hidden">
      <CardTitle>{title}</CardTitle>
      <span className="shrink-0 text-xs text-slate-600">{subtitle}</span>
    </div>
  );
}

const HeadingSkeleton = () => (
  <div className="flex h-6 items-center justify-between">
    <Skeleton className="h-5 w-40" />
    <Skeleton className="h-3.5 w-20" />
  </div>
);

const TOTAL_KEYS = [
  ['views', 'Views'],
  ['likes', 'Likes'],
  ['forwards', 'Forwards'],
  ['posts', 'Posts'],
] as const;

function PeriodTotalsView({ data, config }: { data: PeriodTotalsData | null; config: PeriodTotalsConfig }) {
  if (!data) return <p className="text-sm text-slate-600">{UNAVAILABLE}</p>;
  return (
    <>
      <Heading title={data.title} subtitle={PERIOD_LABELS[config.period]} />
      <dl className="mt-3 grid grid-cols-4 gap-3">
        {TOTAL_KEYS.map(([key, label]) => {
          const change = relativeChange(data.totals[key], data.previous[key]);
          return (
            <div key={key} className="h-[3.75rem] min-w-0">
              <dt className="truncate text-xs font-medium text-slate-600">{label}</dt>
              <dd className="text-xl font-semibold tabular-nums" title={formatCount(data.totals[key])}>
                {formatCompact(data.totals[key])}
              </dd>
              <dd className={cn('truncate text-xs tabular-nums', TREND_CLASS[trendOf(change)])}>{formatChange(change)}</dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}

function PeriodTotalsSkeleton() {
  return (
    <>
      <HeadingSkeleton />
      <div className="mt-3 grid grid-cols-4 gap-3">
        {TOTAL_KEYS.map(([key]) => (
          <div key={key} className="h-[3.75rem]">
            <Skeleton className="h-4 w-12" />
            <Skeleton className="mt-1 h-6 w-16" />
            <Skeleton className="mt-1 h-3.5 w-12" />
          </div>
        ))}
      </div>
    </>
  );
}

function TopPostsWidgetView({ data, config }: { data: TopPostsData | null; config: TopPostsConfig }) {
  if (!data) return <p className="text-sm text-slate-600">{UNAVAILABLE}</p>;
  return (
    <>
      <Heading title={config.by === 'views' ? 'Most viewed posts' : 'Most engaging posts'} subtitle={`${data.title} · ${PERIOD_LABELS[config.period]}`} />
      <TopPostsList posts={data.posts} metric={config.by} showChannel={config.channelId === null} empty="No posts in this period." />
    </>
  );
}

function TopPostsWidgetSkeleton({ config }: { config: TopPostsConfig }) {
  return (
    <>
      <HeadingSkeleton />
      <TopPostsListSkeleton rows={config.limit} />
    </>
  );
}

function DailyViewsView({ data, config }: { data: DailyViewsData | null; config: DailyChartConfig }) {
  if (!data) return <p className="text-sm text-slate-600">{UNAVAILABLE}</p>;
  return (
    <>
      <Heading title={`Views by day: ${data.title}`} subtitle={PERIOD_LABELS[config.period]} />
      <div className="mt-3">
        <DailyChart days={data.days} previousDays={data.previousDays} label={`Views by day of ${data.title}, ${PERIOD_LABELS[config.period].toLowerCase()}`} />
      </div>
    </>
  );
}

function DailyViewsSkeleton() {
  return (
    <>
      <HeadingSkeleton />
      <Skeleton className="mt-3 ml-10 h-40" />
      <Skeleton className="mt-1 ml-10 h-4 w-1/2" />
    </>
  );
}

export const widgetViews = {
  'channels.period-totals': { View: PeriodTotalsView, Skeleton: PeriodTotalsSkeleton },
  'channels.top-posts': { View: TopPostsWidgetView, Skeleton: TopPostsWidgetSkeleton },
  'channels.daily-views': { View: DailyViewsView, Skeleton: DailyViewsSkeleton },
};
