import { prisma } from '@/lib/db/client';
import { assertBenchMode } from '@/lib/bench-mode';
import { fillDays, periodWindow, sumTotals } from './period';
import {
  FREE_PLAN_ID,
  MIN_VIEWS_FOR_ENGAGEMENT,
  TOP_POSTS_LIMIT,
  type ChannelCard,
  type ChannelDashboard,
  type ChannelList,
  type DailyPoint,
  type DailySeries,
  type Period,
  type PlanView,
  type SubscriptionView,
  type TopPost,
  type TopPosts,
} from './types';

/*
 * THE NAIVE BASELINE, FOR `npm run bench` ONLY. Never use it in the app.
 *
 * What plan 002's service did before its optimisations, reproduced so that the benchmark can
 * measure both data paths in the same run, on the same data, behind the same components: the
 * analytics are aggregated from post_metrics (the raw time series) on every request, one
 * channel at a time (the totals, the posts and the audience of each channel: three queries per
 * channel), the top posts by summing every post's metrics, the subscription found by loading
 * all of the person's subscriptions and the plans and filtering in memory, and nothing cached.
 * The results are exactly those of lib/channels/queries.ts (an integration test compares them:
 * which also proves the rollups exact); only the work differs.
 *
 * Every function refuses to run outside bench mode (BRISK_BENCH=1), and these statements repeat
 * by design: the N+1 guard warns about them in the bench server's log. Do not test them inside a
 * measured request (tests turn the guard's warning into a failure).
 */

const DAY_MS = 86_400_000;
const midnight = (day: string) => new Date(`${day}T00:00:00Z`);
const after = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS);
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface SumRow {
  views: number;
  likes: number;
  forwards: number;
  previous_views: number;
  previous_likes: number;
  previous_forwards: number;
}

/** My channels with period totals: each channel's metrics summed from post_metrics, one channel at a time. */
export async function loadNaiveChannelList(viewerId: string, period: Period, now = new Date()): Promise<ChannelList> {
  assertBenchMode();
  const window = periodWindow(period, now);
  const channels = await prisma.channel.findMany({ where: { ownerId: viewerId }, select: { id: true, title: true, handle: true, subscriberCount: true } });
  channels.sort((a, b) => byCodeUnits(a.title.toLowerCase(), b.title.toLowerCase()) || byCodeUnits(a.id, b.id));
  const cards: ChannelCard[] = [];
  for (const channel of channels) {
    const [sums] = await prisma.$queryRaw<SumRow[]>`
      SELECT coalesce(sum(m.views) FILTER (WHERE m.captured_at >= ${midnight(window.start)}), 0)::float8 AS views,
             coalesce(sum(m.likes) FILTER (WHERE m.captured_at >= ${midnight(window.start)}), 0)::float8 AS likes,
             coalesce(sum(m.forwards) FILTER (WHERE m.captured_at >= ${midnight(window.start)}), 0)::float8 AS forwards,
             coalesce(sum(m.views) FILTER (WHERE m.captured_at < ${midnight(window.start)}), 0)::float8 AS previous_views,
             coalesce(sum(m.likes) FILTER (WHERE m.captured_at < ${midnight(window.start)}), 0)::float8 AS previous_likes,
             coalesce(sum(m.forwards) FILTER (WHERE m.captured_at < ${midnight(window.start)}), 0)::float8 AS previous_forwards
      FROM post_metrics m JOIN posts p ON p.id = m.post_id
      WHERE p.channel_id = ${channel.id}::uuid AND m.captured_at >= ${midnight(window.previousStart)} AND m.captured_at < ${after(window.end)}`;
    const posts = await prisma.post.findMany({
      where: { channelId: channel.id, publishedAt: { gte: midnight(window.previousStart), lt: after(window.end) } },
      select: { publishedAt: true },
    });
    const before = await prisma.channelStats.findFirst({
      where: { channelId: channel.id, periodStart: { lt: midnight(window.start) } },
      orderBy: { periodStart: 'desc' },
      select: { subscribers: true },
    });
    const current = posts.filter((p) => p.publishedAt >= midnight(window.start)).length;
    cards.push({
      id: channel.id,
      title: channel.title,
      handle: channel.handle,
      subscribers: channel.subscriberCount,
      subscribersChange: before ? channel.subscriberCount - before.subscribers : null,
      totals: { posts: current, views: sums!.views, likes: sums!.likes, forwards: sums!.forwards },
      previous: { posts: posts.length - current, views: sums!.previous_views, likes: sums!.previous_likes, forwards: sums!.previous_forwards },
    });
  }
  return { window, channels: cards, totals: sumTotals(cards.map((c) => c.totals)), previous: sumTotals(cards.map((c) => c.previous)) };
}

/** Views by day across my channels: post_metrics grouped by day, and the posts counted by day. */
export async function loadNaiveDashboardDaily(viewerId: string, period: Period, now = new Date()): Promise<DailySeries> {
  assertBenchMode();
  const window = periodWindow(period, now);
  const metrics = await prisma.$queryRaw<Omit<DailyPoint, 'posts'>[]>`
    SELECT to_char((m.captured_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
           sum(m.views)::float8 AS views, sum(m.likes)::float8 AS likes, sum(m.forwards)::float8 AS forwards
    FROM post_metrics m JOIN posts p ON p.id = m.post_id JOIN channels c ON c.id = p.channel_id
    WHERE c.owner_id = ${viewerId} AND m.captured_at >= ${midnight(window.previousStart)} AND m.captured_at < ${after(window.end)}
    GROUP BY 1`;
  const posts = await prisma.post.findMany({
    where: { channel: { ownerId: viewerId }, publishedAt: { gte: midnight(window.previousStart), lt: after(window.end) } },
    select: { publishedAt: true },
  });
  const byDay = new Map<string, DailyPoint>();
  const day = (key: string) => byDay.get(key) ?? byDay.set(key, { day: key, posts: 0, views: 0, likes: 0, forwards: 0 }).get(key)!;
  for (const row of metrics) Object.assign(day(row.day), { views: row.views, likes: row.likes, forwards: row.forwards });
  for (const post of posts) day(post.publishedAt.toISOString().slice(0, 10)).posts += 1;
  const rows = [...byDay.values()];
  return { window, days: fillDays(rows, window.start, window.end), previousDays: fillDays(rows, window.previousStart, window.previousEnd) };
}

interface PostSumRow {
  id: string;
  channel_id: string;
  channel_title: string;
  published_at: Date;
  excerpt: string;
  views: number;
  likes: number;
  forwards: number;
}

/** Top posts: every post of the period with its metrics summed from post_metrics, ranked in memory. */
export async function loadNaiveDashboardTopPosts(viewerId: string, period: Period, now = new Date()): Promise<TopPosts> {
  assertBenchMode();
  const window = periodWindow(period, now);
  const rows = await prisma.$queryRaw<PostSumRow[]>`
    SELECT p.id, p.channel_id, c.title AS channel_title, p.published_at, left(p.text, 160) AS excerpt,
           coalesce(sum(m.views), 0)::float8 AS views, coalesce(sum(m.likes), 0)::float8 AS likes, coalesce(sum(m.forwards), 0)::float8 AS forwards
    FROM posts p JOIN channels c ON c.id = p.channel_id LEFT JOIN post_metrics m ON m.post_id = p.id
    WHERE c.owner_id = ${viewerId} AND p.published_at >= ${midnight(window.start)} AND p.published_at < ${after(window.end)}
    GROUP BY p.id, c.title`;
  const posts: TopPost[] = rows.map((row) => ({
    id: row.id,
    channelId: row.channel_id,
    channelTitle: row.channel_title,
    publishedAt: row.published_at.toISOString(),
    excerpt: row.excerpt,
    views: row.views,
    likes: row.likes,
    forwards: row.forwards,
    engagement: row.views > 0 ? (row.likes + row.forwards) / row.views : 0,
  }));
  const byViews = [...posts].sort((a, b) => b.views - a.views || byCodeUnits(a.id, b.id)).slice(0, TOP_POSTS_LIMIT);
  const byEngagement = posts
    .filter((p) => p.views >= MIN_VIEWS_FOR_ENGAGEMENT)
    .sort((a, b) => b.engagement - a.engagement || byCodeUnits(a.id, b.id))
    .slice(0, TOP_POSTS_LIMIT);
  return { window, byViews, byEngagement };
}

/** The subscription: all of the person's subscriptions and all plans loaded, the live one picked in memory. */
export async function loadNaiveSubscription(viewerId: string, now = new Date()): Promise<SubscriptionView> {
  assertBenchMode();
  const subscriptions = await prisma.subscription.findMany({ where: { userId: viewerId } });
  const plans = await prisma.subscriptionPlan.findMany();
  const channelsUsed = await prisma.channel.count({ where: { ownerId: viewerId } });
  const toPlan = (id: string): PlanView => {
    const plan = plans.find((p) => p.id === id)!;
    return { id: plan.id, name: plan.name, priceCents: plan.priceCents, currency: plan.currency, maxChannels: plan.maxChannels, historyDays: plan.historyDays };
  };
  const live = subscriptions
    .filter((s) => (s.status === 'active' || s.status === 'trial') && s.expiresAt > now)
    .sort((a, b) => b.expiresAt.getTime() - a.expiresAt.getTime())[0];
  const latest = [...subscriptions].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime() || byCodeUnits(a.id, b.id))[0];
  const chosen = live ?? latest;
  const status: SubscriptionView['status'] = !chosen ? 'none' : live ? chosen.status : chosen.status === 'active' || chosen.status === 'trial' ? 'expired' : chosen.status;
  const plan = chosen ? toPlan(chosen.planId) : null;
  return {
    status,
    plan,
    startedAt: chosen?.startedAt.toISOString() ?? null,
    expiresAt: chosen?.expiresAt.toISOString() ?? null,
    effectivePlan: live && plan ? plan : toPlan(FREE_PLAN_ID),
    channelsUsed,
  };
}

/** The dashboard's answer (GET /api/v1/bench/naive/channels), one part after the other as the plan's service did. */
export async function loadNaiveChannelDashboard(viewerId: string, period: Period, now = new Date()): Promise<ChannelDashboard> {
  assertBenchMode();
  const list = await loadNaiveChannelList(viewerId, period, now);
  const daily = await loadNaiveDashboardDaily(viewerId, period, now);
  const topPosts = await loadNaiveDashboardTopPosts(viewerId, period, now);
  const subscription = await loadNaiveSubscription(viewerId, now);
  return { list, daily, topPosts, subscription };
}
