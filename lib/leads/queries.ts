import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { cachedRead } from '@/lib/cache/read';
import { isUuid } from '@/lib/validation';
import { leadsCacheKinds as kinds } from './module';
import { decodeCursor, encodeCursor, type MentionFilters } from './schemas';
import { conversionRate, performanceScore } from './scoring';
import { dataTag, sourcesTag } from './tags';
import {
  LEAD_STATUSES,
  type ConversionMetrics,
  type IntegrationDetail,
  type IntegrationLogLine,
  type IntegrationStatusEntry,
  type IntegrationSummary,
  type KeywordPerformance,
  type KeywordRow,
  type LeadAnalytics,
  type LeadStatus,
  type LeadsAnalyticsReport,
  type LeadsDashboard,
  type MentionPage,
  type MentionRow,
  type Pipeline,
  type PipelineLead,
  type RecentLead,
  type ScoreReason,
} from './types';

/*
 * Reads of the Leads module. Everything belongs to one owner: every query says `owner_id =
 * viewer` in its SQL, so another viewer's answer is empty (or null) whatever they ask for.
 * Figures come from the counter caches (keywords, users, lead_status_counts, lead_daily_counts),
 * never from a recount: each read is one statement however much data the owner has.
 *
 * Every read is a cached-read descriptor shared by its page, its API route, the warm-up and the
 * Projects widgets; its key holds the viewer, its tags the viewer's data or sources tag.
 */

export const RECENT_LEADS = 10;
export const TOP_KEYWORDS = 5;
export const STATUS_WIDGET_SOURCES = 6;
export const STATUS_WIDGET_LOG_LINES = 2;
export const MENTIONS_PAGE = 25;
export const PIPELINE_COLUMN = 20;
export const DETAIL_LOG_LINES = 50;
export const CHART_DAYS = 30;
export const DEFAULT_THRESHOLD = 60;

/** Today (UTC) as YYYY-MM-DD: the analytics' reference day, part of their cache keys. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);
const iso = (value: Date | string) => new Date(value).toISOString();

// ---------------------------------------------------------------------------------------------
// Dashboard widgets

interface LeadCardRow {
  id: string;
  status: LeadStatus;
  score: number;
  created_at: Date;
  mention_id: string;
  title: string;
  url: string | null;
  source: string;
  author: string | null;
  published_at: Date;
  keyword_id: string;
  keyword_text: string;
}

const LEAD_CARD_COLUMNS = Prisma.sql`
  l.id, l.status::text AS status, l.score, l.created_at, m.id AS mention_id, m.title, m.url, m.source, m.author,
  m.published_at, k.id AS keyword_id, k.text AS keyword_text`;

const toRecentLead = (row: LeadCardRow): RecentLead => ({
  id: row.id,
  status: row.status,
  score: row.score,
  createdAt: iso(row.created_at),
  mention: { id: row.mention_id, title: row.title, url: row.url, source: row.source, author: row.author, publishedAt: iso(row.published_at) },
  keyword: { id: row.keyword_id, text: row.keyword_text },
});

/** The newest leads with their mention and keyword: one statement (leads_owner_created_idx), no N+1. */
export async function loadRecentLeads(viewerId: string): Promise<RecentLead[]> {
  const rows = await prisma.$queryRaw<LeadCardRow[]>`
    SELECT ${LEAD_CARD_COLUMNS}
    FROM leads l JOIN mentions m ON m.id = l.mention_id JOIN keywords k ON k.id = l.keyword_id
    WHERE l.owner_id = ${viewerId}
    ORDER BY l.created_at DESC, l.id DESC
    LIMIT ${RECENT_LEADS}`;
  return rows.map(toRecentLead);
}

export const recentLeadsRead = cachedRead({
  kind: kinds.recentLeads,
  key: (viewerId: string) => ['recent', viewerId],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadRecentLeads,
});

/**
 * The plan's keyword performance: the top keywords by leads among those with mentions, from
 * the counter caches (the owner's few keywords through keywords_owner_id_key, sorted in memory).
 */
export async function loadKeywordPerformance(viewerId: string): Promise<KeywordPerformance[]> {
  const rows = await prisma.$queryRaw<{ id: string; text: string; mentions_count: number; leads_count: number }[]>`
    SELECT id, text, mentions_count, leads_count FROM keywords
    WHERE owner_id = ${viewerId} AND mentions_count > 0
    ORDER BY leads_count DESC, mentions_count DESC, lower(text), id
    LIMIT ${TOP_KEYWORDS}`;
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    mentions: row.mentions_count,
    leads: row.leads_count,
    conversionRate: conversionRate(row.leads_count, row.mentions_count),
    score: performanceScore(row.mentions_count, row.leads_count),
  }));
}

export const keywordPerformanceRead = cachedRead({
  kind: kinds.keywordPerformance,
  key: (viewerId: string) => ['performance', viewerId],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadKeywordPerformance,
});

interface IntegrationRow {
  id: string;
  name: string;
  feed_url: string;
  provider: IntegrationSummary['provider'];
  status: IntegrationSummary['status'];
  health_score: number;
  recent_runs: string;
  last_searched_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  search_state: IntegrationSummary['searchState'];
  search_progress: string | null;
  search_requested_at: Date | null;
  created_at: Date;
}

const INTEGRATION_COLUMNS = Prisma.sql`
  i.id, i.name, i.feed_url, i.provider::text AS provider, i.status::text AS status, i.health_score, i.recent_runs,
  i.last_searched_at, i.last_success_at, i.last_error, i.search_state::text AS search_state, i.search_progress,
  i.search_requested_at, i.created_at`;

const toIntegration = (row: IntegrationRow): IntegrationSummary => ({
  id: row.id,
  name: row.name,
  feedUrl: row.feed_url,
  provider: row.provider,
  status: row.status,
  healthScore: row.health_score,
  recentRuns: row.recent_runs,
  lastSearchedAt: row.last_searched_at ? iso(row.last_searched_at) : null,
  lastSuccessAt: row.last_success_at ? iso(row.last_success_at) : null,
  lastError: row.last_error,
  searchState: row.search_state,
  searchProgress: row.search_progress,
  searchRequestedAt: row.search_requested_at ? iso(row.search_requested_at) : null,
  createdAt: iso(row.created_at),
});

const toLogLines = (lines: { id: string; level: IntegrationLogLine['level']; message: string; created_at: string }[] | null): IntegrationLogLine[] =>
  (lines ?? []).map((line) => ({ id: line.id, level: line.level, message: line.message, createdAt: iso(line.created_at) }));

/** The latest `limit` log lines of a source, as JSON (integration_logs_integration_created_idx). */
const latestLogs = (limit: number) => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT json_agg(json_build_object('id', l.id, 'level', l.level, 'message', l.message, 'created_at', l.created_at) ORDER BY l.created_at DESC, l.id DESC) AS lines
    FROM (SELECT * FROM integration_logs l WHERE l.integration_id = i.id ORDER BY l.created_at DESC, l.id DESC LIMIT ${limit}) l
  ) logs ON true`;

/** The plan's integration status: each source with its health and latest log lines, active ones first. One statement. */
export async function loadIntegrationStatus(viewerId: string): Promise<IntegrationStatusEntry[]> {
  const rows = await prisma.$queryRaw<(IntegrationRow & { lines: Parameters<typeof toLogLines>[0] })[]>`
    SELECT ${INTEGRATION_COLUMNS}, logs.lines
    FROM integrations i ${latestLogs(STATUS_WIDGET_LOG_LINES)}
    WHERE i.owner_id = ${viewerId}
    ORDER BY i.status, i.name, i.id
    LIMIT ${STATUS_WIDGET_SOURCES}`;
  return rows.map((row) => ({ ...toIntegration(row), logs: toLogLines(row.lines) }));
}

export const integrationStatusRead = cachedRead({
  kind: kinds.integrations,
  key: (viewerId: string) => ['status', viewerId],
  tags: (viewerId: string) => [sourcesTag(viewerId)],
  load: loadIntegrationStatus,
});

/**
 * Total leads (users.leads_count), this and last calendar month and the last 30 days (the
 * lead_daily_counts rollup): one statement reading at most 62 rollup rows, however many leads.
 */
export async function loadLeadAnalytics(viewerId: string, today: string): Promise<LeadAnalytics> {
  const [row] = await prisma.$queryRaw<{ total: number; this_month: number; last_month: number; daily: { day: string; leads: number }[] }[]>`
    SELECT coalesce((SELECT leads_count FROM users WHERE id = ${viewerId}), 0) AS total,
      (SELECT coalesce(sum(leads), 0)::int FROM lead_daily_counts
        WHERE owner_id = ${viewerId} AND day BETWEEN date_trunc('month', ${today}::date)::date AND ${today}::date) AS this_month,
      (SELECT coalesce(sum(leads), 0)::int FROM lead_daily_counts
        WHERE owner_id = ${viewerId} AND day >= (date_trunc('month', ${today}::date) - interval '1 month')::date
          AND day < date_trunc('month', ${today}::date)::date) AS last_month,
      (SELECT json_agg(json_build_object('day', to_char(d.day, 'YYYY-MM-DD'), 'leads', coalesce(c.leads, 0)) ORDER BY d.day)
        FROM generate_series(${today}::date - ${CHART_DAYS - 1}::int, ${today}::date, interval '1 day') AS d(day)
        LEFT JOIN lead_daily_counts c ON c.owner_id = ${viewerId} AND c.day = d.day::date) AS daily`;
  return { total: row?.total ?? 0, thisMonth: row?.this_month ?? 0, lastMonth: row?.last_month ?? 0, daily: row?.daily ?? [] };
}

export const analyticsRead = cachedRead({
  kind: kinds.analytics,
  key: (viewerId: string, today: string) => ['analytics', viewerId, today],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadLeadAnalytics,
});

/** The plan's conversion metrics, from the counters: one statement. */
export async function loadConversionMetrics(viewerId: string, today: string): Promise<ConversionMetrics> {
  const [row] = await prisma.$queryRaw<{ leads: number; mentions: number; new_today: number; qualified: number; converted: number; top_keyword: string | null }[]>`
    SELECT coalesce(u.leads_count, 0) AS leads, coalesce(u.mentions_count, 0) AS mentions,
      coalesce((SELECT leads FROM lead_daily_counts WHERE owner_id = ${viewerId} AND day = ${today}::date), 0) AS new_today,
      coalesce((SELECT leads FROM lead_status_counts WHERE owner_id = ${viewerId} AND status = 'qualified'), 0) AS qualified,
      coalesce((SELECT leads FROM lead_status_counts WHERE owner_id = ${viewerId} AND status = 'converted'), 0) AS converted,
      (SELECT text FROM keywords WHERE owner_id = ${viewerId} AND leads_count > 0 ORDER BY leads_count DESC, lower(text), id LIMIT 1) AS top_keyword
    FROM (SELECT 1) one LEFT JOIN users u ON u.id = ${viewerId}`;
  const mentions = row?.mentions ?? 0;
  const converted = row?.converted ?? 0;
  return {
    totalLeads: row?.leads ?? 0,
    mentions,
    newToday: row?.new_today ?? 0,
    qualified: row?.qualified ?? 0,
    converted,
    conversionRate: conversionRate(converted, mentions),
    topKeyword: row?.top_keyword ?? null,
  };
}

export const conversionMetricsRead = cachedRead({
  kind: kinds.conversions,
  key: (viewerId: string, today: string) => ['conversions', viewerId, today],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadConversionMetrics,
});

/** The dashboard, one cached read per widget (five statements cold, none warm). */
export async function getLeadsDashboard(viewerId: string): Promise<LeadsDashboard> {
  const today = todayUtc();
  const [recentLeads, keywordPerformance, integrationStatus, analytics, conversionMetrics] = await Promise.all([
    recentLeadsRead.get(viewerId),
    keywordPerformanceRead.get(viewerId),
    integrationStatusRead.get(viewerId),
    analyticsRead.get(viewerId, today),
    conversionMetricsRead.get(viewerId, today),
  ]);
  return { recentLeads, keywordPerformance, integrationStatus, analytics, conversionMetrics };
}

/** The plan's /widgets answer: the four widgets without the analytics. */
export async function getLeadsWidgets(viewerId: string) {
  const today = todayUtc();
  const [recentLeads, keywordPerformance, integrationStatus, conversionMetrics] = await Promise.all([
    recentLeadsRead.get(viewerId),
    keywordPerformanceRead.get(viewerId),
    integrationStatusRead.get(viewerId),
    conversionMetricsRead.get(viewerId, today),
  ]);
  return { recentLeads, keywordPerformance, integrationStatus, conversionMetrics };
}

/** The plan's /analytics answer: leads, conversions, every keyword by conversion rate, every source. Four statements cold. */
export async function getLeadsAnalytics(viewerId: string): Promise<LeadsAnalyticsReport> {
  const today = todayUtc();
  const [leads, conversions, keywords, integrations] = await Promise.all([
    analyticsRead.get(viewerId, today),
    conversionMetricsRead.get(viewerId, today),
    keywordsRead.get(viewerId),
    integrationsRead.get(viewerId),
  ]);
  return {
    leads,
    conversions: { mentions: conversions.mentions, qualified: conversions.qualified, converted: conversions.converted, conversionRate: conversions.conversionRate },
    keywords: keywords
      .map((k) => ({ id: k.id, name: k.text, mentions: k.mentionsCount, leads: k.leadsCount, conversionRate: conversionRate(k.leadsCount, k.mentionsCount) }))
      .sort((a, b) => b.conversionRate - a.conversionRate || a.name.localeCompare(b.name)),
    integrations: integrations.map((i) => ({ id: i.id, platform: i.provider, name: i.name, status: i.status, healthScore: i.healthScore, lastSync: i.lastSearchedAt })),
  };
}

// ---------------------------------------------------------------------------------------------
// Lists

export async function loadKeywords(viewerId: string): Promise<KeywordRow[]> {
  const rows = await prisma.$queryRaw<{ id: string; text: string; mentions_count: number; leads_count: number; created_at: Date }[]>`
    SELECT id, text, mentions_count, leads_count, created_at FROM keywords
    WHERE owner_id = ${viewerId}
    ORDER BY lower(text), id`;
  return rows.map((row) => ({ id: row.id, text: row.text, mentionsCount: row.mentions_count, leadsCount: row.leads_count, createdAt: iso(row.created_at) }));
}

export const keywordsRead = cachedRead({
  kind: kinds.lists,
  key: (viewerId: string) => ['keywords', viewerId],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadKeywords,
});

export async function loadIntegrations(viewerId: string): Promise<IntegrationSummary[]> {
  const rows = await prisma.$queryRaw<IntegrationRow[]>`
    SELECT ${INTEGRATION_COLUMNS} FROM integrations i WHERE i.owner_id = ${viewerId} ORDER BY i.created_at, i.id`;
  return rows.map(toIntegration);
}

export const integrationsRead = cachedRead({
  kind: kinds.integrations,
  key: (viewerId: string) => ['list', viewerId],
  tags: (viewerId: string) => [sourcesTag(viewerId)],
  load: loadIntegrations,
});

interface MentionDbRow {
  id: string;
  title: string;
  content: string;
  url: string | null;
  source: string;
  author: string | null;
  published_at: Date;
  score: number;
  score_reasons: ScoreReason[];
  integration_id: string | null;
  keyword_id: string;
  keyword_text: string;
  lead_id: string | null;
  lead_status: LeadStatus | null;
}

/**
 * A page of mentions, newest first, filtered by keyword, source and date range (UTC days, both
 * included), after a keyset cursor: one statement through mentions_owner_published_idx, or the
 * keyword's or source's index when filtered. A filter naming something that is not the
 * viewer's matches nothing.
 */
export async function loadMentions(viewerId: string, filters: MentionFilters): Promise<MentionPage> {
  const cursor = decodeCursor(filters.after);
  const where: Prisma.Sql[] = [Prisma.sql`m.owner_id = ${viewerId}`];
  if (filters.keyword) where.push(Prisma.sql`m.keyword_id = ${filters.keyword}::uuid`);
  if (filters.source) where.push(Prisma.sql`m.integration_id = ${filters.source}::uuid`);
  if (filters.from) where.push(Prisma.sql`m.published_at >= ${filters.from}::date`);
  if (filters.to) where.push(Prisma.sql`m.published_at < ${filters.to}::date + 1`);
  if (cursor) where.push(Prisma.sql`(m.published_at, m.id) < (${new Date(cursor.publishedAt)}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await prisma.$queryRaw<MentionDbRow[]>`
    SELECT m.id, m.title, m.content, m.url, m.source, m.author, m.published_at, m.score, m.score_reasons, m.integration_id,
           k.id AS keyword_id, k.text AS keyword_text, l.id AS lead_id, l.status::text AS lead_status
    FROM mentions m
    JOIN keywords k ON k.id = m.keyword_id
    LEFT JOIN leads l ON l.mention_id = m.id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY m.published_at DESC, m.id DESC
    LIMIT ${MENTIONS_PAGE + 1}`;
  const page = rows.slice(0, MENTIONS_PAGE);
  const mentions: MentionRow[] = page.map((row) => ({
    id: row.id,
    title: row.title,
    content: row.content,
    url: row.url,
    source: row.source,
    author: row.author,
    publishedAt: iso(row.published_at),
    score: row.score,
    scoreReasons: row.score_reasons,
    integrationId: row.integration_id,
    keyword: { id: row.keyword_id, text: row.keyword_text },
    lead: row.lead_id ? { id: row.lead_id, status: row.lead_status! } : null,
  }));
  const last = page.at(-1);
  return { mentions, nextCursor: rows.length > MENTIONS_PAGE && last ? encodeCursor(iso(last.published_at), last.id) : null };
}

export const mentionsRead = cachedRead({
  kind: kinds.lists,
  key: (viewerId: string, filters: MentionFilters) => ['mentions', viewerId, filters.keyword ?? '', filters.source ?? '', filters.from ?? '', filters.to ?? '', filters.after ?? ''],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadMentions,
});

/**
 * The pipeline: per status, the counter and the newest leads with their mention, keyword and
 * score reasons (leads_owner_status_created_idx), and the owner's threshold: one statement.
 */
export async function loadPipeline(viewerId: string): Promise<Pipeline> {
  const rows = await prisma.$queryRaw<{ status: LeadStatus; count: number; leads: (Omit<LeadCardRow, 'created_at' | 'published_at'> & { created_at: string; published_at: string; score_reasons: ScoreReason[] })[] | null; threshold: number | null }[]>`
    SELECT s.status::text AS status, coalesce(c.leads, 0) AS count, cards.leads,
           (SELECT threshold FROM lead_settings WHERE owner_id = ${viewerId}) AS threshold
    FROM unnest(enum_range(NULL::lead_status)) WITH ORDINALITY AS s(status, position)
    LEFT JOIN lead_status_counts c ON c.owner_id = ${viewerId} AND c.status = s.status
    LEFT JOIN LATERAL (
      SELECT json_agg(json_build_object(
               'id', l.id, 'status', l.status, 'score', l.score, 'score_reasons', l.score_reasons, 'created_at', l.created_at,
               'mention_id', m.id, 'title', m.title, 'url', m.url, 'source', m.source, 'author', m.author, 'published_at', m.published_at,
               'keyword_id', k.id, 'keyword_text', k.text) ORDER BY l.created_at DESC, l.id DESC) AS leads
      FROM (SELECT * FROM leads l WHERE l.owner_id = ${viewerId} AND l.status = s.status ORDER BY l.created_at DESC, l.id DESC LIMIT ${PIPELINE_COLUMN}) l
      JOIN mentions m ON m.id = l.mention_id JOIN keywords k ON k.id = l.keyword_id
    ) cards ON true
    ORDER BY s.position`;
  return {
    threshold: rows[0]?.threshold ?? DEFAULT_THRESHOLD,
    columns: rows.map((row) => ({
      status: row.status,
      count: row.count,
      leads: (row.leads ?? []).map(
        (lead): PipelineLead => ({
          ...toRecentLead({ ...lead, created_at: new Date(lead.created_at), published_at: new Date(lead.published_at) }),
          scoreReasons: lead.score_reasons,
        }),
      ),
    })),
  };
}

export const pipelineRead = cachedRead({
  kind: kinds.lists,
  key: (viewerId: string) => ['pipeline', viewerId],
  tags: (viewerId: string) => [dataTag(viewerId)],
  load: loadPipeline,
});

/** One source with its latest log lines, or null when it is not the viewer's: one statement. */
export async function loadIntegrationDetail(viewerId: string, integrationId: string): Promise<IntegrationDetail | null> {
  const [row] = await prisma.$queryRaw<(IntegrationRow & { lines: Parameters<typeof toLogLines>[0] })[]>`
    SELECT ${INTEGRATION_COLUMNS}, logs.lines
    FROM integrations i ${latestLogs(DETAIL_LOG_LINES)}
    WHERE i.id = ${integrationId}::uuid AND i.owner_id = ${viewerId}`;
  return row ? { ...toIntegration(row), logs: toLogLines(row.lines) } : null;
}

export const integrationDetailRead = cachedRead({
  kind: kinds.integrations,
  key: (viewerId: string, integrationId: string) => ['detail', viewerId, integrationId],
  tags: (viewerId: string) => [sourcesTag(viewerId)],
  load: loadIntegrationDetail,
});

export function getIntegrationDetail(viewerId: string, integrationId: string): Promise<IntegrationDetail | null> {
  // Not an id at all: no query, the same answer as another person's source.
  if (!isUuid(integrationId)) return Promise.resolve(null);
  return integrationDetailRead.get(viewerId, integrationId);
}

/** Where a search of the viewer's source is (polled while it runs): uncached, one statement. */
export async function getSearchProgress(viewerId: string, integrationId: string) {
  if (!isUuid(integrationId)) return null;
  const [row] = await prisma.$queryRaw<IntegrationRow[]>`
    SELECT ${INTEGRATION_COLUMNS} FROM integrations i WHERE i.id = ${integrationId}::uuid AND i.owner_id = ${viewerId}`;
  return row ? toIntegration(row) : null;
}

// ---------------------------------------------------------------------------------------------
// Warming and widgets

/** The plan's cache warming: the dashboard's five reads, through their descriptors. */
export async function warmDashboard(viewerId: string): Promise<string[]> {
  await getLeadsDashboard(viewerId);
  return ['recent-leads', 'keyword-performance', 'integration-status', 'analytics', 'conversions'];
}

/** The Projects builder's widgets (lib/leads/module.ts), through the same cached reads. */
export async function loadWidget(type: string, viewerId: string, config: unknown): Promise<unknown> {
  const today = todayUtc();
  const options = (config ?? {}) as { limit?: number; days?: number };
  switch (type) {
    case 'leads.recentLeads':
      return (await recentLeadsRead.get(viewerId)).slice(0, options.limit ?? 5);
    case 'leads.keywordPerformance':
      return (await keywordPerformanceRead.get(viewerId)).slice(0, options.limit ?? TOP_KEYWORDS);
    case 'leads.analytics': {
      const analytics = await analyticsRead.get(viewerId, today);
      return { ...analytics, daily: analytics.daily.slice(-(options.days ?? CHART_DAYS)) };
    }
    case 'leads.conversions':
      return conversionMetricsRead.get(viewerId, today);
    case 'leads.integrationHealth':
      return integrationStatusRead.get(viewerId);
    default:
      throw new Error(`unknown Leads widget ${type}`);
  }
}

export { LEAD_STATUSES };

/**
 * The ops console's alert when the last counter audit found drift (it repaired it): which
 * counters, by how much. One statement on lead_counter_audits_finished_idx.
 */
export async function counterAuditAlerts(): Promise<{ key: string; message: string }[]> {
  const [audit] = await prisma.$queryRaw<{ finished_at: Date; checked: number; drifted: number; samples: { counter: string; key: string; stored: number; actual: number }[] }[]>`
    SELECT finished_at, checked, drifted, samples FROM lead_counter_audits ORDER BY finished_at DESC LIMIT 1`;
  if (!audit || audit.drifted === 0) return [];
  const examples = audit.samples.slice(0, 3).map((drift) => `${drift.counter} ${drift.key}: ${drift.stored} → ${drift.actual}`).join('; ');
  return [
    {
      key: 'leads-counter-drift',
      message: `Leads: the counter audit of ${iso(audit.finished_at).slice(0, 16).replace('T', ' ')} UTC found ${audit.drifted} drifted counter${audit.drifted === 1 ? '' : 's'} among ${audit.checked.toLocaleString('en')} and repaired them (${examples}).`,
    },
  ];
}
