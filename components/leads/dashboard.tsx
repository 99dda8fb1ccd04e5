import { WidgetFrame } from '@/components/ui/widget-frame';
import { requireViewer } from '@/lib/auth/viewer';
import {
  RECENT_LEADS,
  STATUS_WIDGET_SOURCES,
  analyticsRead,
  conversionMetricsRead,
  integrationStatusRead,
  keywordPerformanceRead,
  recentLeadsRead,
  todayUtc,
} from '@/lib/leads/queries';
import type { ConversionMetrics, IntegrationStatusEntry, KeywordPerformance, LeadAnalytics, RecentLead } from '@/lib/leads/types';
import { LeadsHeader } from './header';
import { AnalyticsSkeleton, AnalyticsView, ConversionView, FiguresSkeleton, IntegrationStatusView, KeywordPerformanceView, RecentLeadsView, RowsSkeletonOf } from './views';

/** Replacements for the widgets' data sources (the benchmark's naive baseline); the views stay the same. */
export interface LeadsDashboardLoaders {
  recentLeads?: (viewerId: string) => Promise<RecentLead[]>;
  keywordPerformance?: (viewerId: string) => Promise<KeywordPerformance[]>;
  integrationStatus?: (viewerId: string) => Promise<IntegrationStatusEntry[]>;
  analytics?: (viewerId: string, today: string) => Promise<LeadAnalytics>;
  conversions?: (viewerId: string, today: string) => Promise<ConversionMetrics>;
}

async function RecentLeadsWidget({ load = recentLeadsRead.get }: { load?: LeadsDashboardLoaders['recentLeads'] }) {
  const viewer = await requireViewer();
  return <RecentLeadsView leads={await load(viewer.id)} />;
}

async function KeywordPerformanceWidget({ load = keywordPerformanceRead.get }: { load?: LeadsDashboardLoaders['keywordPerformance'] }) {
  const viewer = await requireViewer();
  return <KeywordPerformanceView keywords={await load(viewer.id)} />;
}

async function IntegrationStatusWidget({ load = integrationStatusRead.get }: { load?: LeadsDashboardLoaders['integrationStatus'] }) {
  const viewer = await requireViewer();
  return <IntegrationStatusView sources={await load(viewer.id)} />;
}

async function AnalyticsWidget({ load = analyticsRead.get }: { load?: LeadsDashboardLoaders['analytics'] }) {
  const viewer = await requireViewer();
  return <AnalyticsView analytics={await load(viewer.id, todayUtc())} />;
}

async function ConversionWidget({ load = conversionMetricsRead.get }: { load?: LeadsDashboardLoaders['conversions'] }) {
  const viewer = await requireViewer();
  return <ConversionView metrics={await load(viewer.id, todayUtc())} />;
}

/**
 * The Leads dashboard (plan 001's DashboardService, one widget per part): each widget is its own
 * Suspense boundary in a frame of fixed size with a skeleton of that size; none waits for another.
 */
export function LeadsDashboard({ loaders = {} }: { loaders?: LeadsDashboardLoaders }) {
  return (
    <div className="flex flex-col gap-6">
      <LeadsHeader title="Leads" current="/leads" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <WidgetFrame size="h-[19rem]" label="Leads in the last 30 days" skeleton={<AnalyticsSkeleton />}>
          <AnalyticsWidget load={loaders.analytics} />
        </WidgetFrame>
        <WidgetFrame size="h-[19rem]" label="Conversion" skeleton={<FiguresSkeleton cells={6} />}>
          <ConversionWidget load={loaders.conversions} />
        </WidgetFrame>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <WidgetFrame size="h-[41rem]" label="Recent leads" skeleton={<RowsSkeletonOf rows={RECENT_LEADS} rowClass="h-14" />}>
          <RecentLeadsWidget load={loaders.recentLeads} />
        </WidgetFrame>
        <div className="flex flex-col gap-6">
          <WidgetFrame size="h-[17rem]" label="Keyword performance" skeleton={<RowsSkeletonOf rows={5} rowClass="h-8" title="w-48" />}>
            <KeywordPerformanceWidget load={loaders.keywordPerformance} />
          </WidgetFrame>
          <WidgetFrame size="h-[22rem]" label="Source health" scroll skeleton={<RowsSkeletonOf rows={Math.min(4, STATUS_WIDGET_SOURCES)} rowClass="h-[4.5rem]" />}>
            <IntegrationStatusWidget load={loaders.integrationStatus} />
          </WidgetFrame>
        </div>
      </div>
    </div>
  );
}
