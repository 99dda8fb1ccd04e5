import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { cachedRead } from '@/lib/cache/read';
import { isUuid } from '@/lib/validation';
import { channelCacheKinds as kinds } from './module';
import { fillDays, periodWindow, sumTotals } from './period';
import { channelMetricsTag, channelTag, ownerMetricsTag, ownerTag, plansTag } from './tags';
import {
  FREE_PLAN_ID,
  MIN_VIEWS_FOR_ENGAGEMENT,
  TOP_POSTS_LIMIT,
  type AudienceStats,
  type BatchStatus,
  type ChannelCard,
  type ChannelDashboard,
  type ChannelDetail,
  type ChannelHeader,
  type ChannelList,
  type ChannelSummary,
  type DailyPoint,
  type DailySeries,
  type Period,
  type PeriodWindow,
  type PlanView,
  type SubscriptionView,
  type TopPost,
  type TopPosts,
} from './types';

/*
 * Reads of the Channels module. Who may see what is decided in the SQL:
 * - a channel, its posts and its analytics: its owner, and admins (read-only support);
 * - "my channels" (the dashboard): the viewer's own channels only, admins included;
 * - a subscription: its own person only.
 *
 * Every read is a cached-read descriptor (lib/cache/read.ts) shared by its page, its API route,
 * the Projects widgets and the sign-in warm-up. Reads of one channel's analytics are keyed by
 * the channel (the same for everyone allowed to see it) and are only ever reached through
 * getChannelHeader's per-viewer check. Keys hold the period's last day, so a value never outlives
 * the day its window ends on.
 *
 * None of these reads touches post_metrics: the dashboards read the daily rollup
 * (analytics_daily, index-only through its covering index), the posts' totals and the audience
 * snapshots. naive.ts is the plan's "before", which aggregates post_metrics on every request.
 */

/** Sums from PostgreSQL (bigint or numeric) as exact JS numbers: counts stay far below 2^53. */
const totalsSql = (alias: string, filter?: Prisma.Sql) => {
  const where = filter ? Prisma.sql` FILTER (WHERE ${filter})` : Prisma.empty;
  const column = (name: string) => Prisma.sql`coalesce(sum(${Prisma.raw(`${alias}.${name}`)})${where}, 0)::float8`;
  return { posts: column('posts'), views: column('views'), likes: column('likes'), forwards: column('forwards') };
};

interface DayRow {
  day: string;
  posts: number;
  views: number;
  likes: number;
  forwards: number;
}

const toPoint = (row: DayRow): DailyPoint => ({ day: row.day, posts: row.posts, views: row.views, likes: row.likes, forwards: row.forwards });

/** A series of days over a window's two periods, split into the period and the one before. */
function splitSeries(window: PeriodWindow, rows: readonly DayRow[]): DailySeries {
  const points = rows.map(toPoint);
  return { window, days: fillDays(points, window.start, window.end), previousDays: fillDays(points, window.previousStart, window.previousEnd) };
}

// ---------------------------------------------------------------------------------------------
// My channels with period totals (the dashboard's list), plan 002's cache_user_channels.

interface ChannelCardRow {
  id: string;
  title: string;
  handle: string;
  subscribers: number;
  subscribers_before: number | null;
  posts: number;
  views: number;
  likes: number;
  forwards: number;
  previous_posts: number;
  previous_views: number;
  previous_likes: number;
  previous_forwards: number;
}

/** The viewer's channels, each with its totals for the period and the previous one, in one statement. */
export async function loadChannelList(viewerId: string, period: Period, now = new Date()): Promise<ChannelList> {
  const window = periodWindow(period, now);
  const current = totalsSql('d', Prisma.sql`d.day >= ${window.start}::date`);
  const previous = totalsSql('d', Prisma.sql`d.day < ${window.start}::date`);
  const rows = await prisma.$queryRaw<ChannelCardRow[]>`
    SELECT c.id, c.title, c.handle, c.subscriber_count AS subscribers,
           (SELECT s.subscribers FROM channel_stats s
             WHERE s.channel_id = c.id AND s.period_start < ${window.start}::date
             ORDER BY s.period_start DESC LIMIT 1) AS subscribers_before,
           t.*
    FROM channels c
    CROSS JOIN LATERAL (
      SELECT ${current.posts} AS posts, ${current.views} AS views, ${current.likes} AS likes, ${current.forwards} AS forwards,
             ${previous.posts} AS previous_posts, ${previous.views} AS previous_views,
             ${previous.likes} AS previous_likes, ${previous.forwards} AS previous_forwards
      FROM analytics_daily d
      WHERE d.channel_id = c.id AND d.day BETWEEN ${window.previousStart}::date AND ${window.end}::date
    ) t
    WHERE c.owner_id = ${viewerId}
    ORDER BY lower(c.title) COLLATE "C", c.id`;
  const channels = rows.map(toCard);
  return { window, channels, totals: sumTotals(channels.map((c) => c.totals)), previous: sumTotals(channels.map((c) => c.previous)) };
}

function toCard(row: ChannelCardRow): ChannelCard {
  return {
    id: row.id,
    title: row.title,
    handle: row.handle,
    subscribers: row.subscribers,
    subscribersChange: row.subscribers_before === null ? null : row.subscribers - row.subscribers_before,
    totals: { posts: row.posts, views: row.views, likes: row.likes, forwards: row.forwards },
    previous: { posts: row.previous_posts, views: row.previous_views, likes: row.previous_likes, forwards: row.previous_forwards },
  };
}

export const channelListRead = cachedRead({
  kind: kinds.list,
  key: (viewerId: string, period: Period, now?: Date) => ['list', viewerId, period, periodWindow(period, now).end],
  tags: (viewerId: string) => [ownerTag(viewerId), ownerMetricsTag(viewerId)],
  load: loadChannelList,
});

export const getChannelList = (viewerId: string, period: Period) => channelListRead.get(viewerId, period);

// ---------------------------------------------------------------------------------------------
// The daily series across the viewer's channels (the dashboard's chart): an analytics summary.

export async function loadDashboardDaily(viewerId: string, period: Period, now = new Date()): Promise<DailySeries> {
  const window = periodWindow(period, now);
  const sums = totalsSql('d');
  // One index-only range of analytics_daily_covering_idx per channel of the viewer.
  const rows = await prisma.$queryRaw<DayRow[]>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, ${sums.posts} AS posts, ${sums.views} AS views, ${sums.likes} AS likes, ${sums.forwards} AS forwards
    FROM analytics_daily d
    WHERE d.channel_id IN (SELECT c.id FROM channels c WHERE c.owner_id = ${viewerId})
      AND d.day BETWEEN ${window.previousStart}::date AND ${window.end}::date
    GROUP BY d.day
    ORDER BY d.day`;
  return splitSeries(window, rows);
}

export const dashboardDailyRead = cachedRead({
  kind: kinds.summary,
  key: (viewerId: string, period: Period, now?: Date) => ['dashboard-daily', viewerId, period, periodWindow(period, now).end],
  tags: (viewerId: string) => [ownerTag(viewerId), ownerMetricsTag(viewerId)],
  load: loadDashboardDaily,
});

export const getDashboardDaily = (viewerId: string, period: Period) => dashboardDailyRead.get(viewerId, period);

// ---------------------------------------------------------------------------------------------
// Top posts: posts published in the period, by views and by engagement (plan 002's post metrics).

interface TopPostRow {
  ranking: 'views' | 'engagement';
  id: string;
  channel_id: string;
  channel_title: string;
  published_at: Date;
  excerpt: string;
  views: number;
  likes: number;
  forwards: number;
}

const TOP_POST_COLUMNS = Prisma.sql`p.id, p.channel_id, c.title AS channel_title, p.published_at, left(p.text, 160) AS excerpt, p.views::float8 AS views, p.likes::float8 AS likes, p.forwards::float8 AS forwards`;
const ENGAGEMENT = Prisma.sql`(p.likes + p.forwards)::float8 / p.views`;

/** Both rankings in one statement, over the posts of `channels` (a condition on `c`) published in the period. */
async function loadTopPostsWhere(window: PeriodWindow, channels: Prisma.Sql): Promise<TopPosts> {
  // Midnights UTC as moments: a date compared with a timestamptz would follow the session's time zone.
  const from = new Date(`${window.start}T00:00:00Z`);
  const until = new Date(Date.parse(`${window.end}T00:00:00Z`) + 86_400_000);
  const published = Prisma.sql`p.published_at >= ${from} AND p.published_at < ${until}`;
  const rows = await prisma.$queryRaw<TopPostRow[]>`
    (SELECT 'views' AS ranking, ${TOP_POST_COLUMNS}
     FROM posts p JOIN channels c ON c.id = p.channel_id
     WHERE ${channels} AND ${published}
     ORDER BY p.views DESC, p.id LIMIT ${TOP_POSTS_LIMIT})
    UNION ALL
    (SELECT 'engagement', ${TOP_POST_COLUMNS}
     FROM posts p JOIN channels c ON c.id = p.channel_id
     WHERE ${channels} AND ${published} AND p.views >= ${MIN_VIEWS_FOR_ENGAGEMENT}
     ORDER BY ${ENGAGEMENT} DESC, p.id LIMIT ${TOP_POSTS_LIMIT})`;
  const toPost = (row: TopPostRow): TopPost => ({
    id: row.id,
    channelId: row.channel_id,
    channelTitle: row.channel_title,
    publishedAt: row.published_at.toISOString(),
    excerpt: row.excerpt,
    views: row.views,
    likes: row.likes,
    forwards: row.forwards,
    engagement: row.views > 0 ? (row.likes + row.forwards) / row.views : 0,
  });
  return { window, byViews: rows.filter((r) => r.ranking === 'views').map(toPost), byEngagement: rows.filter((r) => r.ranking === 'engagement').map(toPost) };
}

export const loadDashboardTopPosts = (viewerId: string, period: Period, now = new Date()) =>
  loadTopPostsWhere(periodWindow(period, now), Prisma.sql`c.owner_id = ${viewerId}`);

export const dashboardTopPostsRead = cachedRead({
  kind: kinds.postMetrics,
  key: (viewerId: string, period: Period, now?: Date) => ['dashboard-top', viewerId, period, periodWindow(period, now).end],
  tags: (viewerId: string) => [ownerTag(viewerId), ownerMetricsTag(viewerId)],
  load: loadDashboardTopPosts,
});

export const getDashboardTopPosts = (viewerId: string, period: Period) => dashboardTopPostsRead.get(viewerId, period);

// ---------------------------------------------------------------------------------------------
// Subscription plans (1 hour) and the viewer's subscription.

interface PlanRow {
  id: string;
  name: string;
  price_cents: number;
  currency: string;
  max_channels: number;
  history_days: number;
}

const toPlan = (row: PlanRow): PlanView => ({ id: row.id, name: row.name, priceCents: row.price_cents, currency: row.currency, maxChannels: row.max_channels, historyDays: row.history_days });

export async function loadPlans(): Promise<PlanView[]> {
  const rows = await prisma.$queryRaw<PlanRow[]>`
    SELECT id, name, price_cents, currency, max_channels, history_days FROM subscription_plans ORDER BY position, id`;
  return rows.map(toPlan);
}

export const plansRead = cachedRead({ kind: kinds.plans, key: () => ['all'], tags: () => [plansTag], load: loadPlans });

export const getPlans = () => plansRead.get();

interface SubscriptionRow {
  status: SubscriptionView['status'] | null;
  started_at: Date | null;
  expires_at: Date | null;
  live: boolean;
  plan: PlanRow | null;
  free: PlanRow;
  channels_used: number;
}

const planJson = (alias: string) =>
  Prisma.raw(
    `json_build_object('id', ${alias}.id, 'name', ${alias}.name, 'price_cents', ${alias}.price_cents, 'currency', ${alias}.currency, 'max_channels', ${alias}.max_channels, 'history_days', ${alias}.history_days)`,
  );

/**
 * The viewer's live subscription (active or trial, not yet expired: plan 002's partial index),
 * else their latest one, with its plan, the free plan, and how many channels they have: one statement.
 */
export async function loadSubscription(viewerId: string, now = new Date()): Promise<SubscriptionView> {
  const [row] = await prisma.$queryRaw<SubscriptionRow[]>`
    SELECT s.status::text AS status, s.started_at, s.expires_at, s.live,
           CASE WHEN s.plan_id IS NULL THEN NULL ELSE ${planJson('p')} END AS plan,
           ${planJson('f')} AS free,
           (SELECT count(*)::int FROM channels c WHERE c.owner_id = ${viewerId}) AS channels_used
    FROM subscription_plans f
    LEFT JOIN LATERAL (
      SELECT * FROM (
        (SELECT s.plan_id, s.status, s.started_at, s.expires_at, true AS live, 0 AS rank
         FROM subscriptions s
         WHERE s.user_id = ${viewerId} AND s.status IN ('active', 'trial') AND s.expires_at > ${now}
         ORDER BY s.expires_at DESC LIMIT 1)
        UNION ALL
        (SELECT s.plan_id, CASE WHEN s.status IN ('active', 'trial') THEN 'expired' ELSE s.status END, s.started_at, s.expires_at, false, 1
         FROM subscriptions s
         WHERE s.user_id = ${viewerId}
         ORDER BY s.started_at DESC, s.id LIMIT 1)
      ) candidates ORDER BY rank LIMIT 1
    ) s ON true
    LEFT JOIN subscription_plans p ON p.id = s.plan_id
    WHERE f.id = ${FREE_PLAN_ID}`;
  if (!row) throw new Error(`the "${FREE_PLAN_ID}" subscription plan is missing: seed the database`);
  const plan = row.plan ? toPlan(row.plan) : null;
  return {
    status: row.status ?? 'none',
    plan,
    startedAt: row.started_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    effectivePlan: row.live && plan ? plan : toPlan(row.free),
    channelsUsed: row.channels_used,
  };
}

export const subscriptionRead = cachedRead({
  kind: kinds.subscription,
  key: (viewerId: string) => ['subscription', viewerId],
  tags: (viewerId: string) => [ownerTag(viewerId)],
  load: (viewerId: string) => loadSubscription(viewerId),
});

export const getSubscription = (viewerId: string) => subscriptionRead.get(viewerId);

// ---------------------------------------------------------------------------------------------
// The dashboard in one call (GET /api/v1/channels): its four reads, side by side.

export async function getChannelDashboard(viewerId: string, period: Period): Promise<ChannelDashboard> {
  const [list, daily, topPosts, subscription] = await Promise.all([
    getChannelList(viewerId, period),
    getDashboardDaily(viewerId, period),
    getDashboardTopPosts(viewerId, period),
    getSubscription(viewerId),
  ]);
  return { list, daily, topPosts, subscription };
}

/** The same, uncached: for tests and the benchmark's reference answers. */
export async function loadChannelDashboard(viewerId: string, period: Period, now = new Date()): Promise<ChannelDashboard> {
  const [list, daily, topPosts, subscription] = await Promise.all([
    loadChannelList(viewerId, period, now),
    loadDashboardDaily(viewerId, period, now),
    loadDashboardTopPosts(viewerId, period, now),
    loadSubscription(viewerId, now),
  ]);
  return { list, daily, topPosts, subscription };
}

// ---------------------------------------------------------------------------------------------
// One channel: who may see it, then its analytics (keyed by channel, shared by all who may).

interface HeaderRow {
  id: string;
  title: string;
  handle: string;
  owner_id: string;
  owner_name: string;
  subscriber_count: number;
  subscribers_at: Date | null;
  created_at: Date;
}

/** The channel if the viewer may see it (its owner, or an admin), else null. */
export async function loadChannelHeader(viewerId: string, channelId: string): Promise<ChannelHeader | null> {
  if (!isUuid(channelId)) return null;
  const [row] = await prisma.$queryRaw<HeaderRow[]>`
    SELECT c.id, c.title, c.handle, c.owner_id, u.name AS owner_name, c.subscriber_count, c.subscribers_at, c.created_at
    FROM channels c JOIN users u ON u.id = c.owner_id
    WHERE c.id = ${channelId}::uuid
      AND (c.owner_id = ${viewerId} OR EXISTS (SELECT 1 FROM users a WHERE a.id = ${viewerId} AND a.role = 'admin'))`;
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    handle: row.handle,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    subscribers: row.subscriber_count,
    subscribersAt: row.subscribers_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    viewerIsOwner: row.owner_id === viewerId,
  };
}

export const channelHeaderRead = cachedRead({
  kind: kinds.list,
  key: (viewerId: string, channelId: string) => ['channel', viewerId, channelId],
  // The header shows the subscriber count, which audience snapshots change.
  tags: (viewerId: string, channelId: string) => [channelTag(channelId), ownerTag(viewerId), channelMetricsTag(channelId)],
  load: loadChannelHeader,
});

/** The channel as the viewer may see it, or null (also, without a query, for ids that are not ids). */
export async function getChannelHeader(viewerId: string, channelId: string): Promise<ChannelHeader | null> {
  if (!isUuid(channelId)) return null;
  return channelHeaderRead.get(viewerId, channelId.toLowerCase());
}

/**
 * A channel's analytics summary (plan 002's get_analytics_summary, 10 minutes): its days over the
 * period and the one before, from analytics_daily_covering_idx alone (an index-only scan).
 */
export async function loadChannelSummary(channelId: string, period: Period, now = new Date()): Promise<ChannelSummary> {
  const window = periodWindow(period, now);
  const rows = await prisma.$queryRaw<DayRow[]>`${channelDaysSql(channelId, window)}`;
  const series = splitSeries(window, rows);
  return { channelId, ...series, totals: sumTotals(series.days), previous: sumTotals(series.previousDays) };
}

/** The statement of loadChannelSummary (its EXPLAIN is asserted in the integration tests). */
export function channelDaysSql(channelId: string, window: Pick<PeriodWindow, 'previousStart' | 'end'>): Prisma.Sql {
  return Prisma.sql`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.posts, d.views::float8 AS views, d.likes::float8 AS likes, d.forwards::float8 AS forwards
    FROM analytics_daily d
    WHERE d.channel_id = ${channelId}::uuid AND d.day BETWEEN ${window.previousStart}::date AND ${window.end}::date
    ORDER BY d.day`;
}

export const channelSummaryRead = cachedRead({
  kind: kinds.summary,
  key: (channelId: string, period: Period, now?: Date) => ['summary', channelId, period, periodWindow(period, now).end],
  tags: (channelId: string) => [channelTag(channelId), channelMetricsTag(channelId)],
  load: loadChannelSummary,
});

interface AudienceRow {
  day: string;
  subscribers: number;
  before: boolean;
}

/** A channel's audience over the period (plan 002's channel stats, 7 minutes): one statement on channel_stats' key. */
export async function loadAudience(channelId: string, period: Period, now = new Date()): Promise<AudienceStats> {
  const window = periodWindow(period, now);
  const rows = await prisma.$queryRaw<AudienceRow[]>`
    (SELECT to_char(s.period_start, 'YYYY-MM-DD') AS day, s.subscribers, true AS before
     FROM channel_stats s
     WHERE s.channel_id = ${channelId}::uuid AND s.period_start < ${window.start}::date
     ORDER BY s.period_start DESC LIMIT 1)
    UNION ALL
    (SELECT to_char(s.period_start, 'YYYY-MM-DD'), s.subscribers, false
     FROM channel_stats s
     WHERE s.channel_id = ${channelId}::uuid AND s.period_start BETWEEN ${window.start}::date AND ${window.end}::date
     ORDER BY s.period_start)
    UNION ALL
    (SELECT NULL, c.subscriber_count, false FROM channels c WHERE c.id = ${channelId}::uuid)`;
  const atStart = rows.find((row) => row.before)?.subscribers ?? null;
  const days = rows.filter((row) => !row.before && row.day !== null).map((row) => ({ day: row.day, subscribers: row.subscribers }));
  const subscribers = rows.find((row) => !row.before && row.day === null)?.subscribers ?? days.at(-1)?.subscribers ?? 0;
  return { channelId, window, subscribers, atStart, change: atStart === null ? null : subscribers - atStart, days };
}

export const audienceRead = cachedRead({
  kind: kinds.stats,
  key: (channelId: string, period: Period, now?: Date) => ['audience', channelId, period, periodWindow(period, now).end],
  tags: (channelId: string) => [channelTag(channelId), channelMetricsTag(channelId)],
  load: loadAudience,
});

export const loadChannelTopPosts = (channelId: string, period: Period, now = new Date()) =>
  loadTopPostsWhere(periodWindow(period, now), Prisma.sql`c.id = ${channelId}::uuid`);

export const channelTopPostsRead = cachedRead({
  kind: kinds.postMetrics,
  key: (channelId: string, period: Period, now?: Date) => ['channel-top', channelId, period, periodWindow(period, now).end],
  tags: (channelId: string) => [channelTag(channelId), channelMetricsTag(channelId)],
  load: loadChannelTopPosts,
});

/** A channel's reads, each behind the viewer's access check (itself cached per viewer). */
export async function getChannelSummary(viewerId: string, channelId: string, period: Period): Promise<ChannelSummary | null> {
  const channel = await getChannelHeader(viewerId, channelId);
  return channel ? channelSummaryRead.get(channel.id, period) : null;
}

export async function getAudience(viewerId: string, channelId: string, period: Period): Promise<AudienceStats | null> {
  const channel = await getChannelHeader(viewerId, channelId);
  return channel ? audienceRead.get(channel.id, period) : null;
}

export async function getChannelTopPosts(viewerId: string, channelId: string, period: Period): Promise<TopPosts | null> {
  const channel = await getChannelHeader(viewerId, channelId);
  return channel ? channelTopPostsRead.get(channel.id, period) : null;
}

/** A channel's page in one call (GET /api/v1/channels/{id}), or null when the viewer may not see it. */
export async function getChannelDetail(viewerId: string, channelId: string, period: Period): Promise<ChannelDetail | null> {
  const channel = await getChannelHeader(viewerId, channelId);
  if (!channel) return null;
  const [summary, audience, topPosts] = await Promise.all([
    channelSummaryRead.get(channel.id, period),
    audienceRead.get(channel.id, period),
    channelTopPostsRead.get(channel.id, period),
  ]);
  return { channel, summary, audience, topPosts };
}

// ---------------------------------------------------------------------------------------------
// Ingestion batches: their status is read fresh (it changes when the job has run; nothing caches it).

export async function getBatchStatus(viewerId: string, batchId: string): Promise<BatchStatus | null> {
  if (!isUuid(batchId)) return null;
  const batch = await prisma.metricBatch.findFirst({
    where: { id: batchId, userId: viewerId },
    select: { id: true, status: true, postCount: true, channelCount: true, receivedAt: true, processedAt: true },
  });
  if (!batch) return null;
  return {
    batchId: batch.id,
    status: batch.status,
    posts: batch.postCount,
    channels: batch.channelCount,
    receivedAt: batch.receivedAt.toISOString(),
    processedAt: batch.processedAt?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------------

/** What a person is about to read after signing in (their dashboard at its default period). */
export async function warmViewer(userId: string): Promise<string[]> {
  const { DEFAULT_PERIOD } = await import('./types');
  await Promise.all([
    channelListRead.get(userId, DEFAULT_PERIOD),
    dashboardDailyRead.get(userId, DEFAULT_PERIOD),
    dashboardTopPostsRead.get(userId, DEFAULT_PERIOD),
    subscriptionRead.get(userId),
  ]);
  return ['list', 'daily', 'top-posts', 'subscription'];
}
