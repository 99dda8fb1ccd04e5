import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { Skeleton } from '@/components/ui/skeleton';
import { LEAD_STATUS_LABELS, type ConversionMetrics, type IntegrationStatusEntry, type KeywordPerformance, type LeadAnalytics, type RecentLead } from '@/lib/leads/types';
import { DailyLeadsChart } from './chart';
import { ago, count, healthTone, percent, STATUS_TONE } from './format';

/*
 * The dashboard's widgets as views of their data (no data access, no hooks): the dashboard and
 * the Projects builder's widgets (widgets.tsx) render the same ones. Rows have fixed heights, so
 * that a full widget fits its frame and its skeleton has its size.
 */

export function RecentLeadsView({ leads, title = 'Recent leads' }: { leads: RecentLead[]; title?: string }) {
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>{title}</CardTitle>
        <Link href="/leads/pipeline" className="text-sm font-medium text-brand-700 underline">
          Pipeline
        </Link>
      </div>
      {leads.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No leads yet: add keywords and a source, and leads arrive as mentions score above your threshold.</p>
      ) : (
        <ol className="mt-3 flex flex-col">
          {leads.map((lead) => (
            <li key={lead.id} className="flex h-14 items-start gap-3 overflow-hidden border-t border-slate-100 pt-2 text-sm first:border-t-0">
              <span className="w-9 shrink-0 text-right font-semibold tabular-nums" title="Lead score">
                {lead.score}
              </span>
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{lead.mention.url ? <a href={lead.mention.url} className="hover:underline" rel="noreferrer nofollow">{lead.mention.title}</a> : lead.mention.title}</p>
                <p className="truncate text-xs text-slate-600">
                  {lead.keyword.text} · {lead.mention.source}
                  {lead.mention.author ? ` · ${lead.mention.author}` : ''} · {ago(lead.createdAt)}
                </p>
              </div>
              <Badge tone={STATUS_TONE[lead.status]}>{LEAD_STATUS_LABELS[lead.status]}</Badge>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function RowsSkeletonOf({ rows, rowClass, title = 'w-40' }: { rows: number; rowClass: string; title?: string }) {
  return (
    <>
      <Skeleton className={`h-6 ${title}`} />
      <div className="mt-3 flex flex-col">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className={`${rowClass} pt-2`}>
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="mt-1.5 h-3 w-1/2" />
          </div>
        ))}
      </div>
    </>
  );
}

export function KeywordPerformanceView({ keywords }: { keywords: KeywordPerformance[] }) {
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>Keyword performance</CardTitle>
        <Link href="/leads/keywords" className="text-sm font-medium text-brand-700 underline">
          All keywords
        </Link>
      </div>
      <DataTable
        className="mt-2"
        label="Top keywords by leads"
        empty="No mentions yet: add keywords and a source."
        rows={keywords}
        rowKey={(keyword) => keyword.id}
        columns={[
          { header: 'Keyword', cell: (keyword) => <span className="line-clamp-1 font-medium">{keyword.text}</span> },
          { header: 'Mentions', numeric: true, cell: (keyword) => count(keyword.mentions) },
          { header: 'Leads', numeric: true, cell: (keyword) => count(keyword.leads) },
          { header: 'Conversion', numeric: true, cell: (keyword) => percent(keyword.conversionRate) },
          { header: 'Score', numeric: true, cell: (keyword) => count(keyword.score) },
        ]}
      />
      <p className="mt-2 text-xs text-slate-600">Score = 0.3 × mentions + 0.7 × leads; conversion = leads per mention.</p>
    </>
  );
}

export function IntegrationStatusView({ sources }: { sources: IntegrationStatusEntry[] }) {
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>Source health</CardTitle>
        <Link href="/leads/integrations" className="text-sm font-medium text-brand-700 underline">
          Sources
        </Link>
      </div>
      {sources.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No sources yet: add an RSS, Atom or JSON feed.</p>
      ) : (
        <ul className="mt-2 flex flex-col">
          {sources.map((source) => (
            <li key={source.id} className="h-[4.5rem] overflow-hidden border-t border-slate-100 pt-2 text-sm first:border-t-0">
              <div className="flex items-center justify-between gap-2">
                <Link href={`/leads/integrations/${source.id}`} className="truncate font-medium hover:underline">
                  {source.name}
                </Link>
                <span className="flex shrink-0 items-center gap-1">
                  {source.status === 'paused' && <Badge>paused</Badge>}
                  <Badge tone={healthTone(source.healthScore)}>health {source.healthScore}</Badge>
                </span>
              </div>
              {source.logs.slice(0, 2).map((line) => (
                <p key={line.id} className={`truncate text-xs ${line.level === 'error' ? 'text-red-700' : 'text-slate-600'}`}>
                  {ago(line.createdAt)}: {line.message}
                </p>
              ))}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function AnalyticsView({ analytics }: { analytics: LeadAnalytics }) {
  return (
    <>
      <CardTitle>Leads in the last {analytics.daily.length} days</CardTitle>
      <dl className="mt-2 grid grid-cols-3 gap-4">
        <div>
          <dt className="text-xs text-slate-600">Total leads</dt>
          <dd className="text-xl font-semibold tabular-nums">{count(analytics.total)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">This month</dt>
          <dd className="text-xl font-semibold tabular-nums">{count(analytics.thisMonth)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-600">Last month</dt>
          <dd className="text-xl font-semibold tabular-nums">{count(analytics.lastMonth)}</dd>
        </div>
      </dl>
      <div className="mt-2">
        <DailyLeadsChart daily={analytics.daily} label="Leads per day" />
      </div>
    </>
  );
}

export function ConversionView({ metrics }: { metrics: ConversionMetrics }) {
  const figures: [string, string][] = [
    ['Mentions', count(metrics.mentions)],
    ['Leads', count(metrics.totalLeads)],
    ['New today', count(metrics.newToday)],
    ['Qualified', count(metrics.qualified)],
    ['Converted', count(metrics.converted)],
    ['Conversion rate', percent(metrics.conversionRate)],
  ];
  return (
    <>
      <CardTitle>Conversion</CardTitle>
      <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 truncate text-sm">
        <span className="text-slate-600">Top keyword: </span>
        <span className="font-medium">{metrics.topKeyword ?? '—'}</span>
      </p>
    </>
  );
}

export function FiguresSkeleton({ cells, title = 'w-32' }: { cells: number; title?: string }) {
  return (
    <>
      <Skeleton className={`h-6 ${title}`} />
      <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-2">
        {Array.from({ length: cells }, (_, i) => (
          <div key={i}>
            <Skeleton className="h-4 w-16" />
            <Skeleton className="mt-1 h-6 w-12" />
          </div>
        ))}
      </div>
    </>
  );
}

export function AnalyticsSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-48" />
      <div className="mt-2 grid grid-cols-3 gap-4">
        {[0, 1, 2].map((i) => (
          <div key={i}>
            <Skeleton className="h-4 w-16" />
            <Skeleton className="mt-1 h-7 w-12" />
          </div>
        ))}
      </div>
      <Skeleton className="mt-2 aspect-[4/1] w-full" />
    </>
  );
}
