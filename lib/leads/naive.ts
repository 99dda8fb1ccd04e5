import { prisma } from '@/lib/db/client';
import { assertBenchMode } from '@/lib/bench-mode';
import { CHART_DAYS, RECENT_LEADS, STATUS_WIDGET_LOG_LINES, STATUS_WIDGET_SOURCES, TOP_KEYWORDS, todayUtc } from './queries';
import { conversionRate, performanceScore } from './scoring';
import type { ConversionMetrics, IntegrationStatusEntry, KeywordPerformance, LeadAnalytics, LeadsDashboard, LeadStatus, RecentLead } from './types';

/*
 * THE NAIVE BASELINE, FOR `npm run bench` ONLY. Never use it in the app.
 *
 * What plan 001's dashboard did before its optimisations ("2–5 s, 50–100 queries, 200–300 MB per
 * request"), reproduced so that the benchmark measures both data paths on the same data behind
 * the same components: a count query per keyword instead of counter caches, the mention and the
 * keyword of each recent lead loaded one by one (N+1), every log line of every source loaded to
 * show two, and the analytics computed Ruby-style in JavaScript from every lead of the owner
 * (group_by_day in memory). Nothing is cached. The answers are exactly those of queries.ts (an
 * integration test compares them); only the work differs.
 *
 * Every function refuses to run outside bench mode (BRISK_BENCH=1); the N+1 guard warns about
 * its statements in the bench server's log, by design.
 */

const byIdDesc = (a: { id: string }, b: { id: string }) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const byId = (a: { id: string }, b: { id: string }) => -byIdDesc(a, b);
const day = (date: Date) => date.toISOString().slice(0, 10);

export async function loadNaiveRecentLeads(viewerId: string): Promise<RecentLead[]> {
  assertBenchMode();
  const leads = await prisma.lead.findMany({ where: { ownerId: viewerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: RECENT_LEADS });
  const result: RecentLead[] = [];
  for (const lead of leads) {
    // includes(:mention, :keyword) forgotten: two queries per lead.
    const mention = await prisma.mention.findUniqueOrThrow({ where: { id: lead.mentionId } });
    const keyword = await prisma.keyword.findUniqueOrThrow({ where: { id: mention.keywordId } });
    result.push({
      id: lead.id,
      status: lead.status,
      score: lead.score,
      createdAt: lead.createdAt.toISOString(),
      mention: { id: mention.id, title: mention.title, url: mention.url, source: mention.source, author: mention.author, publishedAt: mention.publishedAt.toISOString() },
      keyword: { id: keyword.id, text: keyword.text },
    });
  }
  return result;
}

/** Every keyword with a count query for its mentions and one for its leads (no counter caches). */
async function naiveKeywordCounts(viewerId: string) {
  const keywords = await prisma.keyword.findMany({ where: { ownerId: viewerId } });
  const counted: { id: string; text: string; mentions: number; leads: number }[] = [];
  for (const keyword of keywords) {
    const mentions = await prisma.mention.count({ where: { keywordId: keyword.id } });
    const leads = await prisma.lead.count({ where: { mention: { keywordId: keyword.id } } });
    counted.push({ id: keyword.id, text: keyword.text, mentions, leads });
  }
  return counted;
}

const performanceOrder = (a: { leads: number; mentions: number; text: string; id: string }, b: typeof a) =>
  b.leads - a.leads || b.mentions - a.mentions || (a.text.toLowerCase() < b.text.toLowerCase() ? -1 : a.text.toLowerCase() > b.text.toLowerCase() ? 1 : byId(a, b));

export async function loadNaiveKeywordPerformance(viewerId: string): Promise<KeywordPerformance[]> {
  assertBenchMode();
  return (await naiveKeywordCounts(viewerId))
    .filter((keyword) => keyword.mentions > 0)
    .sort(performanceOrder)
    .slice(0, TOP_KEYWORDS)
    .map((keyword) => ({ ...keyword, conversionRate: conversionRate(keyword.leads, keyword.mentions), score: performanceScore(keyword.mentions, keyword.leads) }));
}

export async function loadNaiveIntegrationStatus(viewerId: string): Promise<IntegrationStatusEntry[]> {
  assertBenchMode();
  const integrations = (await prisma.integration.findMany({ where: { ownerId: viewerId } }))
    .sort((a, b) => (a.status === b.status ? 0 : a.status === 'active' ? -1 : 1) || (a.name < b.name ? -1 : a.name > b.name ? 1 : byId(a, b)))
    .slice(0, STATUS_WIDGET_SOURCES);
  const result: IntegrationStatusEntry[] = [];
  for (const integration of integrations) {
    // includes(:integration_logs): every line of the source, to show the latest two.
    const logs = (await prisma.integrationLog.findMany({ where: { integrationId: integration.id } })).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byIdDesc(a, b));
    result.push({
      id: integration.id,
      name: integration.name,
      feedUrl: integration.feedUrl,
      provider: integration.provider,
      status: integration.status,
      healthScore: integration.healthScore,
      recentRuns: integration.recentRuns,
      lastSearchedAt: integration.lastSearchedAt?.toISOString() ?? null,
      lastSuccessAt: integration.lastSuccessAt?.toISOString() ?? null,
      lastError: integration.lastError,
      searchState: integration.searchState,
      searchProgress: integration.searchProgress,
      searchRequestedAt: integration.searchRequestedAt?.toISOString() ?? null,
      createdAt: integration.createdAt.toISOString(),
      logs: logs.slice(0, STATUS_WIDGET_LOG_LINES).map((line) => ({ id: line.id, level: line.level, message: line.message, createdAt: line.createdAt.toISOString() })),
    });
  }
  return result;
}

/** Every lead of the owner, aggregated in memory (the plan's group_by_day). */
export async function loadNaiveAnalytics(viewerId: string, today: string = todayUtc()): Promise<LeadAnalytics> {
  assertBenchMode();
  const leads = await prisma.lead.findMany({ where: { ownerId: viewerId } });
  const byDay = new Map<string, number>();
  for (const lead of leads) byDay.set(day(lead.createdAt), (byDay.get(day(lead.createdAt)) ?? 0) + 1);
  const end = new Date(`${today}T00:00:00Z`);
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastMonthStart = day(new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 1, 1)));
  const daily = Array.from({ length: CHART_DAYS }, (_, index) => {
    const date = day(new Date(end.getTime() - (CHART_DAYS - 1 - index) * 86_400_000));
    return { day: date, leads: byDay.get(date) ?? 0 };
  });
  let thisMonth = 0;
  let lastMonth = 0;
  for (const [date, n] of byDay) {
    if (date >= monthStart && date <= today) thisMonth += n;
    else if (date >= lastMonthStart && date < monthStart) lastMonth += n;
  }
  return { total: leads.length, thisMonth, lastMonth, daily };
}

export async function loadNaiveConversions(viewerId: string, today: string = todayUtc()): Promise<ConversionMetrics> {
  assertBenchMode();
  const mentions = await prisma.mention.count({ where: { ownerId: viewerId } });
  const leads = await prisma.lead.findMany({ where: { ownerId: viewerId }, select: { status: true, createdAt: true } });
  const count = (status: LeadStatus) => leads.filter((lead) => lead.status === status).length;
  const converted = count('converted');
  const top = (await naiveKeywordCounts(viewerId)).filter((keyword) => keyword.leads > 0).sort((a, b) => performanceOrder({ ...a, mentions: 0 }, { ...b, mentions: 0 }))[0];
  return {
    totalLeads: leads.length,
    mentions,
    newToday: leads.filter((lead) => day(lead.createdAt) === today).length,
    qualified: count('qualified'),
    converted,
    conversionRate: conversionRate(converted, mentions),
    topKeyword: top?.text ?? null,
  };
}

/** The dashboard the plan's "before" way. */
export async function loadNaiveDashboard(viewerId: string): Promise<LeadsDashboard> {
  assertBenchMode();
  const today = todayUtc();
  return {
    recentLeads: await loadNaiveRecentLeads(viewerId),
    keywordPerformance: await loadNaiveKeywordPerformance(viewerId),
    integrationStatus: await loadNaiveIntegrationStatus(viewerId),
    analytics: await loadNaiveAnalytics(viewerId, today),
    conversionMetrics: await loadNaiveConversions(viewerId, today),
  };
}
