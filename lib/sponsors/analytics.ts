import { bucketStarts } from './buckets';
import {
  CODE_TIERS,
  TIER_PRICE_EUR,
  VALUE_PER_ANALYSIS_EUR,
  type AnalysisAnalytics,
  type AnalyticsRange,
  type CodeAnalytics,
  type CodeTier,
  type DealerPerformance,
  type MessageAnalytics,
  type SponsorAnalytics,
} from './types';

/*
 * The sponsor analytics as the page and the API show them, composed from the three aggregates
 * (codes, analyses, messages). Pure arithmetic on a few hundred aggregated rows: the same code
 * runs for Brisk's SQL aggregates and for the benchmark's naive baseline, so that only the work
 * that produces the aggregates differs.
 */

/** An average from a sum and a count, to one decimal (null without values). */
export const average = (sum: number, count: number) => (count > 0 ? Math.round((sum / count) * 10) / 10 : null);
/** A share (0–1) to four decimals, or null without a denominator. */
export const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);
const money = (value: number) => Math.round(value * 100) / 100;

/** Analysis figures carry sums and counts until here, so both paths round the same way. */
export interface AnalysisAggregates {
  series: { bucket: string; analyses: number; healthSum: number; healthCount: number }[];
  dealers: { dealerId: string | null; analyses: number; farmers: number }[];
  crops: { cropType: string; analyses: number; healthSum: number; healthCount: number }[];
  totals: { analyses: number; farmers: number; completed: number; failed: number; healthSum: number; healthCount: number };
}

export interface MessageAggregates {
  series: { bucket: string; fromSponsor: number; fromFarmers: number }[];
  totals: { fromSponsor: number; fromFarmers: number; conversations: number; answered: number; responseMs: number };
}

export function analysisAnalytics(aggregates: AnalysisAggregates): AnalysisAnalytics {
  return {
    series: aggregates.series.map((row) => ({ bucket: row.bucket, analyses: row.analyses, avgHealth: average(row.healthSum, row.healthCount) })),
    dealers: aggregates.dealers,
    crops: aggregates.crops
      .map((row) => ({ cropType: row.cropType, analyses: row.analyses, avgHealth: average(row.healthSum, row.healthCount) }))
      .sort((a, b) => b.analyses - a.analyses || a.cropType.localeCompare(b.cropType)),
    totals: { ...aggregates.totals, avgHealth: average(aggregates.totals.healthSum, aggregates.totals.healthCount) },
  };
}

export function messageAnalytics(aggregates: MessageAggregates): MessageAnalytics {
  const { fromSponsor, fromFarmers, conversations, answered, responseMs } = aggregates.totals;
  return {
    series: aggregates.series,
    totals: {
      messages: fromSponsor + fromFarmers,
      fromSponsor,
      fromFarmers,
      conversations,
      answered,
      avgResponseHours: answered > 0 ? Math.round((responseMs / answered / 3_600_000) * 10) / 10 : null,
    },
  };
}

const DIRECT = 'Sent by the sponsor';

export function composeAnalytics(
  sponsor: { id: string; name: string },
  range: AnalyticsRange,
  codes: CodeAnalytics,
  analyses: AnalysisAnalytics,
  messages: MessageAnalytics,
): SponsorAnalytics {
  const byBucket = <T extends { bucket: string }>(rows: T[]) => new Map(rows.map((row) => [row.bucket, row]));
  const codeSeries = byBucket(codes.series);
  const analysisSeries = byBucket(analyses.series);
  const messageSeries = byBucket(messages.series);
  const series = bucketStarts(range).map((bucket) => ({
    bucket,
    codesDistributed: codeSeries.get(bucket)?.distributed ?? 0,
    codesRedeemed: codeSeries.get(bucket)?.redeemed ?? 0,
    analyses: analysisSeries.get(bucket)?.analyses ?? 0,
    messages: (messageSeries.get(bucket)?.fromSponsor ?? 0) + (messageSeries.get(bucket)?.fromFarmers ?? 0),
  }));

  const byTier = CODE_TIERS.map((tier) => {
    const row = codes.tiers.find((candidate) => candidate.tier === tier);
    const distributed = row?.distributed ?? 0;
    return { tier, distributed, redeemed: row?.redeemed ?? 0, investment: money(distributed * TIER_PRICE_EUR[tier as CodeTier]) };
  });
  const investment = money(byTier.reduce((sum, tier) => sum + tier.investment, 0));
  const estimatedValue = money(analyses.totals.analyses * VALUE_PER_ANALYSIS_EUR);

  const dealerAnalyses = new Map(analyses.dealers.map((row) => [row.dealerId, row]));
  const dealerRows = [...codes.dealers];
  // Analyses of farmers whose code came from the sponsor itself, in a range where it sent none.
  if (dealerAnalyses.has(null) && !dealerRows.some((row) => row.dealerId === null)) {
    dealerRows.push({ dealerId: null, name: DIRECT, distributed: 0, redeemed: 0, redeemedOfDistributed: 0, inHand: 0 });
  }
  const dealers: DealerPerformance[] = dealerRows
    .map((dealer) => ({
      dealerId: dealer.dealerId,
      name: dealer.dealerId === null ? DIRECT : dealer.name,
      distributed: dealer.distributed,
      redeemed: dealer.redeemed,
      redemptionRate: ratio(dealer.redeemedOfDistributed, dealer.distributed),
      inHand: dealer.inHand,
      analyses: dealerAnalyses.get(dealer.dealerId)?.analyses ?? 0,
      farmers: dealerAnalyses.get(dealer.dealerId)?.farmers ?? 0,
    }))
    .sort((a, b) => b.distributed - a.distributed || b.analyses - a.analyses || a.name.localeCompare(b.name));

  return {
    sponsor,
    range,
    series,
    totals: {
      codesDistributed: codes.totals.distributed,
      codesRedeemed: codes.totals.redeemed,
      redemptionRate: ratio(codes.totals.redeemedOfDistributed, codes.totals.distributed),
      analyses: analyses.totals.analyses,
      activeFarmers: analyses.totals.farmers,
      avgHealthScore: analyses.totals.avgHealth,
      messages: messages.totals.messages,
    },
    roi: {
      investment,
      costPerRedemption: codes.totals.redeemed > 0 ? money(investment / codes.totals.redeemed) : null,
      costPerAnalysis: analyses.totals.analyses > 0 ? money(investment / analyses.totals.analyses) : null,
      estimatedValue,
      roi: investment > 0 ? ratio(estimatedValue - investment, investment) : null,
      byTier,
    },
    messaging: { ...messages.totals, responseRate: ratio(messages.totals.answered, messages.totals.fromFarmers) },
    dealers,
    crops: analyses.crops,
  };
}

/**
 * The codes' per-dealer rows from per-(bucket, dealer, tier) counts: every dealer of the sponsor
 * (with nothing in the range too) and "sent by the sponsor" when it sent any itself.
 */
export function codeAnalytics(
  rows: { what: 'distributed' | 'redeemed'; bucket: string; dealerId: string | null; tier: CodeTier; n: number; sinceRedeemed: number }[],
  inHand: { dealerId: string; n: number }[],
  dealers: { dealerId: string; name: string }[],
): CodeAnalytics {
  const series = new Map<string, { bucket: string; distributed: number; redeemed: number }>();
  const perDealer = new Map<string | null, { distributed: number; redeemed: number; redeemedOfDistributed: number }>();
  const perTier = new Map<CodeTier, { distributed: number; redeemed: number }>();
  const totals = { distributed: 0, redeemed: 0, redeemedOfDistributed: 0 };
  for (const row of rows) {
    const point = series.get(row.bucket) ?? { bucket: row.bucket, distributed: 0, redeemed: 0 };
    const dealer = perDealer.get(row.dealerId) ?? { distributed: 0, redeemed: 0, redeemedOfDistributed: 0 };
    const tier = perTier.get(row.tier) ?? { distributed: 0, redeemed: 0 };
    if (row.what === 'distributed') {
      point.distributed += row.n;
      dealer.distributed += row.n;
      dealer.redeemedOfDistributed += row.sinceRedeemed;
      tier.distributed += row.n;
      totals.distributed += row.n;
      totals.redeemedOfDistributed += row.sinceRedeemed;
    } else {
      point.redeemed += row.n;
      dealer.redeemed += row.n;
      tier.redeemed += row.n;
      totals.redeemed += row.n;
    }
    series.set(row.bucket, point);
    perDealer.set(row.dealerId, dealer);
    perTier.set(row.tier, tier);
  }
  const hand = new Map(inHand.map((row) => [row.dealerId, row.n]));
  const known = dealers.map((dealer) => ({ dealerId: dealer.dealerId as string | null, name: dealer.name }));
  if (perDealer.has(null)) known.push({ dealerId: null, name: DIRECT });
  return {
    series: [...series.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
    dealers: known.map(({ dealerId, name }) => ({
      dealerId,
      name,
      distributed: perDealer.get(dealerId)?.distributed ?? 0,
      redeemed: perDealer.get(dealerId)?.redeemed ?? 0,
      redeemedOfDistributed: perDealer.get(dealerId)?.redeemedOfDistributed ?? 0,
      inHand: dealerId === null ? 0 : (hand.get(dealerId) ?? 0),
    })),
    tiers: [...perTier.entries()].map(([tier, counts]) => ({ tier, ...counts })).sort((a, b) => CODE_TIERS.indexOf(a.tier) - CODE_TIERS.indexOf(b.tier)),
    totals,
  };
}
