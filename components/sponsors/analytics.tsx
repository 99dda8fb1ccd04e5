import { Suspense } from 'react';
import { Button } from '@/components/ui/button';
import { CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { DataTable } from '@/components/ui/data-table';
import { controlClass } from '@/components/ui/field-frame';
import { Skeleton } from '@/components/ui/skeleton';
import { RowsSkeleton, WidgetFrame } from '@/components/ui/widget-frame';
import { composeAnalytics } from '@/lib/sponsors/analytics';
import { getAnalysisAnalytics, getCodeAnalytics, getMessageAnalytics } from '@/lib/sponsors/queries';
import { dayString, parseAnalyticsRange } from '@/lib/sponsors/schemas';
import { TIER_LABELS, TIER_PRICE_EUR, VALUE_PER_ANALYSIS_EUR, type AnalysisAnalytics, type AnalyticsRange, type CodeAnalytics, type MessageAnalytics } from '@/lib/sponsors/types';
import { Bars, LineChart } from './chart';
import { bucketLabel, count, cropName, euros, hours, percent, score } from './format';
import { SponsorHeader, sponsorAccessOf } from './sponsor-header';

/*
 * The sponsor analytics dashboard (/sponsors/[id]): every widget streams in its own frame, and
 * awaits only the parts it shows — the codes, the analyses or the messages of the range, three
 * cached reads that each run one GROUP BY over the range (lib/sponsors/queries.ts).
 */

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Where the three parts come from: Brisk's cached reads, or the benchmark's naive baseline. */
export interface AnalyticsLoaders {
  codes: (sponsorId: string, range: AnalyticsRange) => Promise<CodeAnalytics>;
  analyses: (sponsorId: string, range: AnalyticsRange) => Promise<AnalysisAnalytics>;
  messages: (sponsorId: string, range: AnalyticsRange) => Promise<MessageAnalytics>;
}

const CACHED: AnalyticsLoaders = { codes: getCodeAnalytics, analyses: getAnalysisAnalytics, messages: getMessageAnalytics };

const EMPTY_CODES: CodeAnalytics = { series: [], dealers: [], tiers: [], totals: { distributed: 0, redeemed: 0, redeemedOfDistributed: 0 } };
const EMPTY_ANALYSES: AnalysisAnalytics = { series: [], dealers: [], crops: [], totals: { analyses: 0, farmers: 0, completed: 0, failed: 0, avgHealth: null } };
const EMPTY_MESSAGES: MessageAnalytics = { series: [], totals: { messages: 0, fromSponsor: 0, fromFarmers: 0, conversations: 0, answered: 0, avgResponseHours: null } };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

async function rangeOf(search: Search) {
  const params = await search;
  return parseAnalyticsRange({ from: first(params.from), to: first(params.to), bucket: first(params.bucket) }, dayString(new Date()));
}

interface WidgetProps {
  id: Promise<string>;
  search: Search;
  loaders: AnalyticsLoaders;
}

/** The access, the range and the parts a widget asks for (the others empty): reads start together. */
async function analyticsOf({ id, search, loaders }: WidgetProps, parts: { codes?: boolean; analyses?: boolean; messages?: boolean }) {
  const [access, { range }] = await Promise.all([sponsorAccessOf(id), rangeOf(search)]);
  const [codes, analyses, messages] = await Promise.all([
    parts.codes ? loaders.codes(access.sponsorId, range) : EMPTY_CODES,
    parts.analyses ? loaders.analyses(access.sponsorId, range) : EMPTY_ANALYSES,
    parts.messages ? loaders.messages(access.sponsorId, range) : EMPTY_MESSAGES,
  ]);
  return composeAnalytics({ id: access.sponsorId, name: access.name }, range, codes, analyses, messages);
}

export function SponsorAnalyticsDashboard({ id, search, loaders = CACHED }: { id: Promise<string>; search: Search; loaders?: AnalyticsLoaders }) {
  const props = { id, search, loaders };
  return (
    <div className="flex flex-col gap-6">
      <SponsorHeader id={id} current="analytics" />
      <Suspense fallback={<RangeFormView range={null} errors={null} />}>
        <RangeForm search={search} />
      </Suspense>
      <WidgetFrame size="h-[22rem] sm:h-48 xl:h-28" label="Key figures" skeleton={<KeyFiguresSkeleton />}>
        <KeyFigures {...props} />
      </WidgetFrame>
      <div className="grid gap-6 lg:grid-cols-3">
        <WidgetFrame size="h-[23rem]" className="lg:col-span-2" label="Over time" skeleton={<RowsSkeleton rows={10} />}>
          <OverTime {...props} />
        </WidgetFrame>
        <WidgetFrame size="h-[23rem]" label="Return on investment" skeleton={<RowsSkeleton rows={10} />}>
          <ReturnOnInvestment {...props} />
        </WidgetFrame>
        <WidgetFrame size="h-80" className="lg:col-span-2" label="Dealer performance" scroll skeleton={<RowsSkeleton rows={8} />}>
          <DealerPerformance {...props} />
        </WidgetFrame>
        <WidgetFrame size="h-80" label="Messaging" skeleton={<RowsSkeleton rows={8} />}>
          <Messaging {...props} />
        </WidgetFrame>
        <WidgetFrame size="h-80" className="lg:col-span-3" label="Crops" scroll skeleton={<RowsSkeleton rows={8} />}>
          <Crops {...props} />
        </WidgetFrame>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// The range (a plain GET form: no JavaScript)

async function RangeForm({ search }: { search: Search }) {
  const parsed = await rangeOf(search);
  return <RangeFormView range={parsed.range} errors={parsed.ok ? null : parsed.errors} />;
}

function RangeFormView({ range, errors }: { range: AnalyticsRange | null; errors: Record<string, string> | null }) {
  const label = 'text-sm font-medium text-slate-800';
  return (
    <form method="get" className="flex min-h-[4.5rem] flex-col gap-1" aria-label="Date range">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span className={label}>From</span>
          <input type="date" name="from" defaultValue={range?.from} className={controlClass(errors?.from)} aria-invalid={errors?.from ? true : undefined} />
        </label>
        <label className="flex flex-col gap-1">
          <span className={label}>To</span>
          <input type="date" name="to" defaultValue={range?.to} className={controlClass(errors?.to)} aria-invalid={errors?.to ? true : undefined} />
        </label>
        <label className="flex flex-col gap-1">
          <span className={label}>By</span>
          <select name="bucket" defaultValue={range?.bucket ?? 'week'} className={controlClass(errors?.bucket)}>
            <option value="day">Day</option>
            <option value="week">Week</option>
            <option value="month">Month</option>
          </select>
        </label>
        <Button type="submit" variant="secondary">
          Show
        </Button>
      </div>
      <p role="status" className="min-h-5 text-sm text-red-700">
        {errors ? `${Object.values(errors).join(' ')} Showing the last 90 days instead.` : null}
      </p>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------
// Widgets (content only: the dashboard gives each its frame)

async function KeyFigures(props: WidgetProps) {
  const { totals } = await analyticsOf(props, { codes: true, analyses: true, messages: true });
  const figures = [
    ['Codes distributed', count(totals.codesDistributed)],
    ['Codes redeemed', count(totals.codesRedeemed)],
    ['Redemption rate', percent(totals.redemptionRate)],
    ['Analyses', count(totals.analyses)],
    ['Active farmers', count(totals.activeFarmers)],
    ['Average health', score(totals.avgHealthScore)],
    ['Messages', count(totals.messages)],
  ];
  return (
    <dl className={KEY_GRID}>
      {figures.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-slate-600">{label}</dt>
          <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const KEY_GRID = 'grid grid-cols-2 gap-4 sm:grid-cols-4 xl:grid-cols-7';

function KeyFiguresSkeleton() {
  return (
    <div className={KEY_GRID}>
      {Array.from({ length: 7 }, (_, i) => (
        <div key={i}>
          <Skeleton className="h-4 w-24" />
          <Skeleton className="mt-1 h-8 w-16" />
        </div>
      ))}
    </div>
  );
}

async function OverTime(props: WidgetProps) {
  const analytics = await analyticsOf(props, { codes: true, analyses: true, messages: true });
  const labels = analytics.series.map((point) => bucketLabel(point.bucket, analytics.range.bucket));
  return (
    <>
      <CardTitle>Over time, by {analytics.range.bucket}</CardTitle>
      <div className="mt-3">
        <LineChart
          id="over-time"
          title={`Codes, analyses and messages by ${analytics.range.bucket}`}
          height={236}
          labels={labels}
          series={[
            { label: 'Codes distributed', stroke: 'stroke-brand-600', swatch: 'bg-brand-600', values: analytics.series.map((point) => point.codesDistributed) },
            { label: 'Codes redeemed', stroke: 'stroke-emerald-600', swatch: 'bg-emerald-600', values: analytics.series.map((point) => point.codesRedeemed) },
            { label: 'Analyses', stroke: 'stroke-amber-600', swatch: 'bg-amber-600', values: analytics.series.map((point) => point.analyses) },
            { label: 'Messages', stroke: 'stroke-slate-500', swatch: 'bg-slate-500', values: analytics.series.map((point) => point.messages) },
          ]}
        />
      </div>
    </>
  );
}

async function ReturnOnInvestment(props: WidgetProps) {
  const { roi } = await analyticsOf(props, { codes: true, analyses: true });
  const rows: [string, string][] = [
    ['Invested in codes sent', euros(roi.investment)],
    ['Cost per redemption', euros(roi.costPerRedemption)],
    ['Cost per analysis', euros(roi.costPerAnalysis)],
    ['Estimated value to farmers', euros(roi.estimatedValue)],
    ['Return on investment', percent(roi.roi)],
  ];
  return (
    <>
      <CardTitle>Return on investment</CardTitle>
      <dl className="mt-3 flex flex-col gap-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-3">
            <dt className="text-slate-700">{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-3">
        <Bars rows={roi.byTier.map((tier) => ({ label: `Tier ${TIER_LABELS[tier.tier]}`, value: tier.investment, note: euros(tier.investment) }))} />
      </div>
      <p className="mt-3 text-xs text-slate-600">
        Codes cost {Object.entries(TIER_PRICE_EUR).map(([tier, price]) => `${TIER_LABELS[tier as keyof typeof TIER_PRICE_EUR]} €${price}`).join(', ')}; an analysis is valued at €{VALUE_PER_ANALYSIS_EUR} (an agronomist’s advice).
      </p>
    </>
  );
}

async function DealerPerformance(props: WidgetProps) {
  const { dealers } = await analyticsOf(props, { codes: true, analyses: true });
  return (
    <>
      <CardTitle>Dealer performance</CardTitle>
      <DataTable
        className="mt-2"
        label="Dealer performance in the range"
        empty="This sponsor has no dealers and sent no codes in this range."
        rows={dealers}
        rowKey={(dealer) => dealer.dealerId ?? 'direct'}
        columns={[
          { header: 'Dealer', cell: (dealer) => dealer.name },
          { header: 'Sent', numeric: true, cell: (dealer) => count(dealer.distributed) },
          { header: 'Redeemed', numeric: true, cell: (dealer) => count(dealer.redeemed) },
          { header: 'Rate', numeric: true, cell: (dealer) => percent(dealer.redemptionRate) },
          { header: 'In hand', numeric: true, cell: (dealer) => (dealer.dealerId === null ? '–' : count(dealer.inHand)) },
          { header: 'Analyses', numeric: true, cell: (dealer) => count(dealer.analyses) },
          { header: 'Farmers', numeric: true, cell: (dealer) => count(dealer.farmers) },
        ]}
      />
    </>
  );
}

async function Messaging(props: WidgetProps) {
  const { messaging } = await analyticsOf(props, { messages: true });
  const rows: [string, string][] = [
    ['Messages', count(messaging.messages)],
    ['From the sponsor', count(messaging.fromSponsor)],
    ['From farmers', count(messaging.fromFarmers)],
    ['Conversations', count(messaging.conversations)],
    ['Response rate', percent(messaging.responseRate)],
    ['Average response time', hours(messaging.avgResponseHours)],
  ];
  return (
    <>
      <CardTitle>Messaging</CardTitle>
      <dl className="mt-3 flex flex-col gap-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="flex justify-between gap-3">
            <dt className="text-slate-700">{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600">A farmer’s message is answered when the sponsor’s reply follows it in the range.</p>
    </>
  );
}

async function Crops(props: WidgetProps) {
  const { crops } = await analyticsOf(props, { analyses: true });
  return (
    <>
      <CardTitle>Crops</CardTitle>
      {crops.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No analyses in this range.</p>
      ) : (
        <div className={cn('mt-3 grid gap-x-8 md:grid-cols-2')}>
          <Bars rows={crops.map((crop) => ({ label: cropName(crop.cropType), value: crop.analyses, note: `${count(crop.analyses)} · ♥ ${score(crop.avgHealth)}` }))} />
        </div>
      )}
    </>
  );
}
