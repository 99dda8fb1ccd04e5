import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { RowsSkeleton } from '@/components/ui/widget-frame';
import { Skeleton } from '@/components/ui/skeleton';
import type { AnalyticsRange, DealerPerformance, SponsorAnalytics } from '@/lib/sponsors/types';
import { LineChart } from './chart';
import { bucketLabel, count, percent } from './format';

/*
 * The Sponsors widgets of the Projects builder (lib/sponsors/module.ts declares their data: type,
 * config, size and loader through the module's cached reads). Each View fills the box the
 * dashboard gives it, as its Skeleton does; `data` is null when the viewer is not a member of the
 * sponsor the widget was set up for.
 */

type TemporalData = { sponsorName: string; range: AnalyticsRange; series: SponsorAnalytics['series']; totals: SponsorAnalytics['totals'] } | null;
type DealerData = { sponsorName: string; range: AnalyticsRange; dealers: DealerPerformance[] } | null;

const NO_ACCESS = <p className="mt-2 text-sm text-slate-600">You are not a member of this sponsor.</p>;

function TemporalView({ data, config }: { data: TemporalData; config: { bucket: 'day' | 'week' | 'month'; days: number } }) {
  return (
    <div className="flex h-full flex-col">
      <CardTitle>{data ? `${data.sponsorName}: the last ${config.days} days` : 'Sponsor analytics'}</CardTitle>
      {data ? (
        <>
          <p className="mt-1 text-xs text-slate-600">
            {count(data.totals.codesDistributed)} codes sent · {count(data.totals.codesRedeemed)} redeemed ({percent(data.totals.redemptionRate)}) · {count(data.totals.analyses)} analyses · {count(data.totals.messages)} messages
          </p>
          <div className="mt-2">
            <LineChart
              id={`sponsor-temporal-${data.range.from}`}
              title={`Codes, analyses and messages by ${data.range.bucket}`}
              height={180}
              labels={data.series.map((point) => bucketLabel(point.bucket, data.range.bucket))}
              series={[
                { label: 'Codes distributed', stroke: 'stroke-brand-600', swatch: 'bg-brand-600', values: data.series.map((point) => point.codesDistributed) },
                { label: 'Codes redeemed', stroke: 'stroke-emerald-600', swatch: 'bg-emerald-600', values: data.series.map((point) => point.codesRedeemed) },
                { label: 'Analyses', stroke: 'stroke-amber-600', swatch: 'bg-amber-600', values: data.series.map((point) => point.analyses) },
                { label: 'Messages', stroke: 'stroke-slate-500', swatch: 'bg-slate-500', values: data.series.map((point) => point.messages) },
              ]}
            />
          </div>
        </>
      ) : (
        NO_ACCESS
      )}
    </div>
  );
}

function TemporalSkeleton() {
  return (
    <div className="flex h-full flex-col" aria-hidden="true">
      <Skeleton className="h-6 w-64" />
      <Skeleton className="mt-1 h-4 w-80 max-w-full" />
      <Skeleton className="mt-2 h-[180px] w-full" />
      <Skeleton className="mt-2 h-4 w-72" />
    </div>
  );
}

function DealerView({ data }: { data: DealerData }) {
  return (
    <div className="flex h-full flex-col overflow-y-auto">
      <CardTitle>{data ? `${data.sponsorName}: dealers` : 'Dealer performance'}</CardTitle>
      {data ? (
        <DataTable
          className="mt-2"
          label="Dealer performance"
          empty="No dealers."
          rows={data.dealers}
          rowKey={(dealer) => dealer.dealerId ?? 'direct'}
          columns={[
            { header: 'Dealer', cell: (dealer) => dealer.name },
            { header: 'Sent', numeric: true, cell: (dealer) => count(dealer.distributed) },
            { header: 'Rate', numeric: true, cell: (dealer) => percent(dealer.redemptionRate) },
            { header: 'Analyses', numeric: true, cell: (dealer) => count(dealer.analyses) },
          ]}
        />
      ) : (
        NO_ACCESS
      )}
    </div>
  );
}

function DealerSkeleton() {
  return (
    <div className="flex h-full flex-col" aria-hidden="true">
      <RowsSkeleton rows={6} title="w-56" />
    </div>
  );
}

export const widgetViews = {
  'sponsors.temporalAnalytics': { View: TemporalView, Skeleton: TemporalSkeleton },
  'sponsors.dealerPerformance': { View: DealerView, Skeleton: DealerSkeleton },
};
