import { assertBenchMode } from '@/lib/bench-mode';
import { prisma } from '@/lib/db/client';
import { analysisAnalytics, codeAnalytics, composeAnalytics, messageAnalytics, type AnalysisAggregates, type MessageAggregates } from './analytics';
import { bucketStart, rangeBounds } from './buckets';
import type { AnalysisAnalytics, AnalyticsRange, CodeAnalytics, CodeTier, MessageAnalytics, SponsorAnalytics } from './types';

/*
 * THE NAIVE BASELINE, FOR `npm run bench` ONLY. Never use it in the app.
 *
 * What plan 003's GetSponsorTemporalAnalyticsQuery did before its phase 3 ("Lines 98-103: Loads
 * ALL data, filters in memory"): every code of the sponsor and every analysis of the sponsor,
 * whole rows (the analyses' JSON documents included, as the repository's GetListAsync returned
 * entities), then every message of those analyses, one query after the other; the date range,
 * the buckets and every figure are computed in memory. Nothing is cached. The result is exactly
 * that of lib/sponsors/queries.ts (an integration test compares them): only the work differs,
 * and the work grows with everything the sponsor ever had, not with the range asked for.
 *
 * Every function refuses to run outside bench mode (BRISK_BENCH=1).
 */

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

export interface NaiveParts {
  codes: CodeAnalytics;
  analyses: AnalysisAnalytics;
  messages: MessageAnalytics;
}

export async function loadNaiveAnalyticsParts(sponsorId: string, range: AnalyticsRange): Promise<NaiveParts> {
  assertBenchMode();
  const { start, end } = rangeBounds(range);
  const inRange = (date: Date | null): date is Date => date !== null && date >= start && date < end;
  const bucketOf = (date: Date) => bucketStart(dayOf(date), range.bucket);

  // var allCodes = await _codeRepository.GetListAsync(c => c.SponsorId == request.SponsorId);
  const allCodes = await prisma.sponsorshipCode.findMany({ where: { sponsorId } });
  // var allAnalyses = await _analysisRepository.GetListAsync(a => a.SponsorCompanyId == request.SponsorId);
  const allAnalyses = await prisma.plantAnalysis.findMany({ where: { sponsorId } });
  // The messages of the sponsor's analyses, all of them.
  const allMessages = await prisma.analysisMessage.findMany({ where: { sponsorId } });
  const dealers = await prisma.dealer.findMany({ where: { sponsorId } });

  // ---- Codes, filtered in memory.
  const codeRows = new Map<string, { what: 'distributed' | 'redeemed'; bucket: string; dealerId: string | null; tier: CodeTier; n: number; sinceRedeemed: number }>();
  const count = (what: 'distributed' | 'redeemed', date: Date, dealerId: string | null, tier: CodeTier, redeemed: boolean) => {
    const bucket = bucketOf(date);
    const key = `${what}|${bucket}|${dealerId}|${tier}`;
    const row = codeRows.get(key) ?? { what, bucket, dealerId, tier, n: 0, sinceRedeemed: 0 };
    row.n += 1;
    if (redeemed) row.sinceRedeemed += 1;
    codeRows.set(key, row);
  };
  const inHand = new Map<string, number>();
  for (const code of allCodes) {
    const tier = code.tier as CodeTier;
    if (inRange(code.distributedAt)) count('distributed', code.distributedAt, code.dealerId, tier, code.redeemedAt !== null);
    if (inRange(code.redeemedAt)) count('redeemed', code.redeemedAt, code.dealerId, tier, false);
    if (code.dealerId && code.distributedAt === null && code.redeemedAt === null) inHand.set(code.dealerId, (inHand.get(code.dealerId) ?? 0) + 1);
  }
  const codes = codeAnalytics(
    [...codeRows.values()],
    [...inHand.entries()].map(([dealerId, n]) => ({ dealerId, n })),
    dealers.map((dealer) => ({ dealerId: dealer.id, name: dealer.name })).sort((a, b) => a.name.localeCompare(b.name) || a.dealerId.localeCompare(b.dealerId)),
  );

  // ---- Analyses, filtered in memory.
  const analysesInRange = allAnalyses.filter((analysis) => inRange(analysis.analysisDate));
  const series = new Map<string, { bucket: string; analyses: number; healthSum: number; healthCount: number }>();
  const perDealer = new Map<string | null, { dealerId: string | null; analyses: number; farmers: Set<string> }>();
  const perCrop = new Map<string, { cropType: string; analyses: number; healthSum: number; healthCount: number }>();
  const farmers = new Set<string>();
  const totals = { analyses: 0, farmers: 0, completed: 0, failed: 0, healthSum: 0, healthCount: 0 };
  for (const analysis of analysesInRange) {
    const score = analysis.overallHealthScore;
    const bucket = bucketOf(analysis.analysisDate);
    const point = series.get(bucket) ?? { bucket, analyses: 0, healthSum: 0, healthCount: 0 };
    const dealer = perDealer.get(analysis.dealerId) ?? { dealerId: analysis.dealerId, analyses: 0, farmers: new Set<string>() };
    const crop = perCrop.get(analysis.cropType) ?? { cropType: analysis.cropType, analyses: 0, healthSum: 0, healthCount: 0 };
    for (const target of [point, crop, totals]) {
      target.analyses += 1;
      if (score !== null) {
        target.healthSum += score;
        target.healthCount += 1;
      }
    }
    dealer.analyses += 1;
    dealer.farmers.add(analysis.farmerId);
    farmers.add(analysis.farmerId);
    if (analysis.status === 'completed') totals.completed += 1;
    if (analysis.status === 'failed') totals.failed += 1;
    series.set(bucket, point);
    perDealer.set(analysis.dealerId, dealer);
    perCrop.set(analysis.cropType, crop);
  }
  totals.farmers = farmers.size;
  const aggregates: AnalysisAggregates = {
    series: [...series.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)),
    dealers: [...perDealer.values()].map((dealer) => ({ dealerId: dealer.dealerId, analyses: dealer.analyses, farmers: dealer.farmers.size })),
    crops: [...perCrop.values()],
    totals,
  };

  // ---- Messages, filtered in memory; a farmer's message is answered when the next message on its analysis is the sponsor's.
  const messagesInRange = allMessages.filter((message) => inRange(message.sentAt));
  const byAnalysis = new Map<string, typeof messagesInRange>();
  for (const message of messagesInRange) byAnalysis.set(message.analysisId, [...(byAnalysis.get(message.analysisId) ?? []), message]);
  const messageSeries = new Map<string, { bucket: string; fromSponsor: number; fromFarmers: number }>();
  const messageTotals = { fromSponsor: 0, fromFarmers: 0, conversations: byAnalysis.size, answered: 0, responseMs: 0 };
  for (const thread of byAnalysis.values()) {
    thread.sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime());
    thread.forEach((message, i) => {
      const bucket = bucketOf(message.sentAt);
      const point = messageSeries.get(bucket) ?? { bucket, fromSponsor: 0, fromFarmers: 0 };
      if (message.senderRole === 'sponsor') {
        point.fromSponsor += 1;
        messageTotals.fromSponsor += 1;
      } else {
        point.fromFarmers += 1;
        messageTotals.fromFarmers += 1;
        const next = thread[i + 1];
        if (next?.senderRole === 'sponsor') {
          messageTotals.answered += 1;
          messageTotals.responseMs += next.sentAt.getTime() - message.sentAt.getTime();
        }
      }
      messageSeries.set(bucket, point);
    });
  }
  const messageAggregates: MessageAggregates = { series: [...messageSeries.values()].sort((a, b) => a.bucket.localeCompare(b.bucket)), totals: messageTotals };

  return { codes, analyses: analysisAnalytics(aggregates), messages: messageAnalytics(messageAggregates) };
}

/** The whole analytics, the plan's way (the same result as loadSponsorAnalytics in queries.ts). */
export async function loadNaiveSponsorAnalytics(sponsor: { id: string; name: string }, range: AnalyticsRange): Promise<SponsorAnalytics> {
  const parts = await loadNaiveAnalyticsParts(sponsor.id, range);
  return composeAnalytics(sponsor, range, parts.codes, parts.analyses, parts.messages);
}
