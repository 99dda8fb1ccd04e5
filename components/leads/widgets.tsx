import type { ConversionMetrics, IntegrationStatusEntry, KeywordPerformance, LeadAnalytics, RecentLead } from '@/lib/leads/types';
import { AnalyticsSkeleton, AnalyticsView, ConversionView, FiguresSkeleton, IntegrationStatusView, KeywordPerformanceView, RecentLeadsView, RowsSkeletonOf } from './views';

/*
 * The Leads widgets of the Projects builder (their data parts are in lib/leads/module.ts,
 * `widgets`): a server view of the loaded data and a skeleton of the view's size, by type. The
 * builder places each in a frame of the widget's grid size.
 */
export const widgetViews = {
  'leads.recentLeads': {
    View: ({ data, config }: { data: RecentLead[]; config: { limit: number } }) => <RecentLeadsView leads={data.slice(0, config.limit)} />,
    Skeleton: ({ config }: { config: { limit: number } }) => <RowsSkeletonOf rows={config.limit} rowClass="h-14" />,
  },
  'leads.keywordPerformance': {
    View: ({ data, config }: { data: KeywordPerformance[]; config: { limit: number } }) => <KeywordPerformanceView keywords={data.slice(0, config.limit)} />,
    Skeleton: ({ config }: { config: { limit: number } }) => <RowsSkeletonOf rows={config.limit} rowClass="h-8" title="w-48" />,
  },
  'leads.analytics': {
    View: ({ data }: { data: LeadAnalytics; config: { days: number } }) => <AnalyticsView analytics={data} />,
    Skeleton: () => <AnalyticsSkeleton />,
  },
  'leads.conversions': {
    View: ({ data }: { data: ConversionMetrics; config: Record<string, never> }) => <ConversionView metrics={data} />,
    Skeleton: () => <FiguresSkeleton cells={6} />,
  },
  'leads.integrationHealth': {
    View: ({ data }: { data: IntegrationStatusEntry[]; config: Record<string, never> }) => <IntegrationStatusView sources={data} />,
    Skeleton: () => <RowsSkeletonOf rows={4} rowClass="h-[4.5rem]" />,
  },
};
