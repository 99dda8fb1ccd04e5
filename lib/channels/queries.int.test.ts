import { beforeEach, describe, expect, it } from 'vitest';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { createCircle } from '@/test/people';
import { countStatements } from '@/test/statements';
import { growChannels, postsWithWrongTotals, recomputedRollup, storedRollup } from '@/test/channels';
import { DEMO_CHANNELS, demoChannelId } from '@/prisma/seed/channels-demo';
import { channelsModule } from './module';
import { periodWindow } from './period';
import {
  channelDaysSql,
  getAudience,
  getChannelDashboard,
  getChannelDetail,
  getChannelHeader,
  getChannelList,
  getChannelSummary,
  getChannelTopPosts,
  getDashboardTopPosts,
  getPlans,
  getSubscription,
  loadChannelDashboard,
  warmViewer,
} from './queries';
import { channelTag, ownerTag, plansTag } from './tags';
import { PERIODS, type Period } from './types';
import { loadDailyViews, loadPeriodTotals, loadTopPosts } from './widgets';

const ADA = 'usr_ada';
const BEN = 'usr_ben';
const GUS = 'usr_gus';
const FARAH = 'usr_farah'; // no channels, no subscription
const ADMIN = 'usr_admin';

const kitchen = demoChannelId('ada-kitchen');
const running = demoChannelId('ben-running');
const demoChannelIds = DEMO_CHANNELS.map((c) => demoChannelId(c.key));

/** Everything /channels shows, as the page loads it (one call per widget; two widgets share the list). */
const loadDashboardPage = (viewerId: string, period: Period = 30) =>
  Promise.all([getChannelList(viewerId, period), getChannelList(viewerId, period), getChannelDashboard(viewerId, period)]);

/** Everything /channels/[id] shows, as the page loads it. */
const loadChannelPage = (viewerId: string, channelId: string, period: Period = 30) =>
  Promise.all([
    getChannelHeader(viewerId, channelId),
    getChannelSummary(viewerId, channelId, period),
    getChannelSummary(viewerId, channelId, period),
    getAudience(viewerId, channelId, period),
    getChannelTopPosts(viewerId, channelId, period),
    getChannelHeader(viewerId, channelId),
  ]);

const statementsOf = (metrics: { shapes: Map<string, number> }) => [...metrics.shapes.keys()].join(' | ');

beforeEach(async () => {
  await invalidate([ADA, BEN, GUS, FARAH, ADMIN].map(ownerTag).concat(demoChannelIds.map(channelTag), [plansTag]));
});

describe('the channels dashboard', () => {
  it('lists my channels with totals for the period and the previous one, consistent with its daily series', async () => {
    const { list, daily } = await getChannelDashboard(ADA, 30);
    expect(list.channels.map((c) => c.title)).toEqual(['Ada on the Road', 'Ada’s Kitchen', 'Paper & Ink']);
    expect(list.window.end).toBe(new Date().toISOString().slice(0, 10));
    expect(daily.days).toHaveLength(30);
    expect(daily.previousDays).toHaveLength(30);
    // The list's totals (per channel, summed) equal the daily series (across channels, by day).
    const sum = (days: typeof daily.days, key: 'views' | 'posts') => days.reduce((s, d) => s + d[key], 0);
    expect(list.totals.views).toBe(sum(daily.days, 'views'));
    expect(list.previous.views).toBe(sum(daily.previousDays, 'views'));
    expect(list.totals.posts).toBe(sum(daily.days, 'posts'));
    expect(list.totals.views).toBeGreaterThan(0);
    const kitchenCard = list.channels.find((c) => c.id === kitchen)!;
    expect(kitchenCard).toMatchObject({ handle: 'adas_kitchen', subscribers: 48_200 });
    expect(kitchenCard.subscribersChange).toEqual(expect.any(Number));
  });

  it('ranks the period’s posts by views and by engagement', async () => {
    const top = await getDashboardTopPosts(ADA, 7);
    expect(top.byViews).toHaveLength(5);
    expect(top.byViews.map((p) => p.views)).toEqual([...top.byViews.map((p) => p.views)].sort((a, b) => b - a));
    expect(top.byEngagement.map((p) => p.engagement)).toEqual([...top.byEngagement.map((p) => p.engagement)].sort((a, b) => b - a));
    const since = new Date(`${periodWindow(7).start}T00:00:00Z`).toISOString();
    expect([...top.byViews, ...top.byEngagement].every((p) => p.publishedAt >= since && p.views >= 100)).toBe(true);
  });

  it('costs 4 statements cold (at most 4: the issue’s budget), none warm, and never reads post_metrics', async () => {
    const cold = await countStatements(() => loadDashboardPage(ADA));
    expect(cold.statements, statementsOf(cold.metrics)).toBe(4);
    expect(statementsOf(cold.metrics)).not.toMatch(/post_metrics/);
    const warm = await countStatements(() => loadDashboardPage(ADA));
    expect(warm.statements).toBe(0);
    expect(warm.metrics.cache.misses).toBe(0);
  });

  it('costs the same 4 statements cold when my channels, posts and metrics grow eightfold', async () => {
    const { owner } = await createCircle();
    await prisma.subscription.create({ data: { userId: owner.id, planId: 'business', status: 'active', startedAt: new Date(), expiresAt: new Date(Date.now() + 30 * 86_400_000) } });
    await growChannels(owner.id, 1, 4);
    const sizes: number[] = [];
    for (const round of [0, 1]) {
      if (round === 1) await growChannels(owner.id, 7, 32);
      const cold = await countStatements(() => loadDashboardPage(owner.id));
      expect(cold.statements, statementsOf(cold.metrics)).toBe(4);
      expect(statementsOf(cold.metrics)).not.toMatch(/post_metrics/);
      const warm = await countStatements(() => loadDashboardPage(owner.id));
      expect(warm.statements).toBe(0);
      const [list, , dashboard] = cold.result;
      sizes.push(list.channels.length * 1_000_000 + list.totals.posts + dashboard.topPosts.byViews.length);
    }
    expect(sizes[1]).toBeGreaterThan(sizes[0]!);
  });

  it('shows Farah, who has no channel and no subscription, an empty dashboard on the free plan', async () => {
    const { list, daily, topPosts, subscription } = await getChannelDashboard(FARAH, 7);
    expect(list.channels).toEqual([]);
    expect(list.totals).toEqual({ posts: 0, views: 0, likes: 0, forwards: 0 });
    expect(daily.days.every((d) => d.views === 0)).toBe(true);
    expect(topPosts).toMatchObject({ byViews: [], byEngagement: [] });
    expect(subscription).toMatchObject({ status: 'none', plan: null, effectivePlan: { id: 'free', maxChannels: 1 }, channelsUsed: 0 });
  });

  it('never gives one viewer another viewer’s cached dashboard', async () => {
    const [ada, ben] = await Promise.all([getChannelDashboard(ADA, 30), getChannelDashboard(BEN, 30)]);
    const [adaAgain, benAgain, adminOwn] = await Promise.all([getChannelDashboard(ADA, 30), getChannelDashboard(BEN, 30), getChannelDashboard(ADMIN, 30)]);
    expect(adaAgain).toEqual(ada);
    expect(benAgain).toEqual(ben);
    expect(ben.list.channels.map((c) => c.title)).toEqual(['Ben’s Tech Digest', 'Run with Ben']);
    expect(ben.topPosts.byViews.every((p) => p.channelTitle.includes('Ben'))).toBe(true);
    // "My channels" are an admin's own channels too: none.
    expect(adminOwn.list.channels).toEqual([]);
  });

  it('tells each plan and status apart: active, trial, expired, cancelled, none', async () => {
    expect(await getSubscription(ADA)).toMatchObject({ status: 'active', plan: { id: 'pro' }, effectivePlan: { id: 'pro', maxChannels: 5 }, channelsUsed: 3 });
    expect(await getSubscription(BEN)).toMatchObject({ status: 'trial', effectivePlan: { id: 'business' } });
    expect(await getSubscription('usr_dev')).toMatchObject({ status: 'expired', plan: { id: 'pro' }, effectivePlan: { id: 'free' } });
    expect(await getSubscription('usr_eunji')).toMatchObject({ status: 'cancelled', effectivePlan: { id: 'free' } });
    expect((await getPlans()).map((p) => p.id)).toEqual(['free', 'pro', 'business']);
  });

  it('warms on sign-in exactly what the dashboard reads at its default period', async () => {
    expect(await warmViewer(GUS)).toEqual(['list', 'daily', 'top-posts', 'subscription']);
    const warm = await countStatements(() => getChannelDashboard(GUS, 30));
    expect(warm.statements).toBe(0);
  });
});

describe('a channel page', () => {
  const matrix: [string, string, string, boolean, boolean][] = [
    // role, viewer, channel, may see, is owner
    ['owner', ADA, kitchen, true, true],
    ['another user', BEN, kitchen, false, false],
    ['another user with channels of his own', GUS, kitchen, false, false],
    ['admin (read-only)', ADMIN, kitchen, true, false],
    ['owner', BEN, running, true, true],
    ['another user', ADA, running, false, false],
  ];

  it.each(matrix)('%s (%s) sees channel %s: %s', async (_role, viewer, channel, visible, owner) => {
    for (const pass of ['cold', 'warm']) {
      const [header, summary, , audience, top] = await loadChannelPage(viewer, channel);
      expect(header !== null, pass).toBe(visible);
      expect(summary !== null && audience !== null && top !== null, pass).toBe(visible);
      if (visible) expect(header!.viewerIsOwner).toBe(owner);
      expect((await getChannelDetail(viewer, channel, 7)) !== null).toBe(visible);
    }
  });

  it('answers the proxy’s guard as the pages do: the channel to its owner and admins, its edit page to its owner only', async () => {
    const guard = channelsModule.guards![0]!;
    const allows = (viewer: { id: string; role: 'user' | 'admin' }, path: string) => guard.allows(viewer, guard.pattern.exec(path)!);
    expect(guard.pattern.exec('/channels/new')).toBeNull();
    expect(guard.pattern.exec('/channels/plans')).toBeNull();
    expect(await allows({ id: ADA, role: 'user' }, `/channels/${kitchen}`)).toBe(true);
    expect(await allows({ id: ADA, role: 'user' }, `/channels/${kitchen}/edit`)).toBe(true);
    expect(await allows({ id: BEN, role: 'user' }, `/channels/${kitchen}`)).toBe(false);
    expect(await allows({ id: ADMIN, role: 'admin' }, `/channels/${kitchen}`)).toBe(true);
    expect(await allows({ id: ADMIN, role: 'admin' }, `/channels/${kitchen}/edit`)).toBe(false);
    expect(await allows({ id: ADA, role: 'user' }, '/channels/not-a-channel')).toBe(false);
  });

  it('keeps each viewer’s warm access check apart: the owner’s cached answer never lets another in', async () => {
    expect(await getChannelHeader(ADA, kitchen)).not.toBeNull();
    expect(await getChannelSummary(ADA, kitchen, 30)).not.toBeNull();
    // The channel's analytics are cached now; Ben still gets nothing, warm or cold.
    expect(await getChannelSummary(BEN, kitchen, 30)).toBeNull();
    expect(await getChannelTopPosts(BEN, kitchen, 30)).toBeNull();
    expect(await getAudience(BEN, kitchen, 30)).toBeNull();
  });

  it('costs 4 statements cold, none warm, and never reads post_metrics', async () => {
    const cold = await countStatements(() => loadChannelPage(ADA, kitchen, 90));
    expect(cold.statements, statementsOf(cold.metrics)).toBe(4);
    expect(statementsOf(cold.metrics)).not.toMatch(/post_metrics/);
    const warm = await countStatements(() => loadChannelPage(ADA, kitchen, 90));
    expect(warm.statements).toBe(0);
  });

  it('costs the same 4 statements cold when the channel’s posts and metrics grow eightfold', async () => {
    const { owner } = await createCircle();
    const [channelId] = await growChannels(owner.id, 1, 10);
    const sizes: number[] = [];
    for (const round of [0, 1]) {
      if (round === 1) {
        // Seventy more posts on the same channel, then the rollup rebuilt and its caches dropped.
        const more = Array.from({ length: 70 }, (_, p) => ({ channelId: channelId!, publishedAt: new Date(Date.now() - ((p % 20) + 1) * 86_400_000), text: `More ${p}` }));
        await prisma.post.createMany({ data: more });
        const { rebuildRollups } = await import('@/prisma/seed/channels');
        await rebuildRollups(prisma, [channelId!]);
        await invalidate([channelTag(channelId!), ownerTag(owner.id)]);
      }
      const cold = await countStatements(() => loadChannelPage(owner.id, channelId!, 30));
      expect(cold.statements, statementsOf(cold.metrics)).toBe(4);
      expect((await countStatements(() => loadChannelPage(owner.id, channelId!, 30))).statements).toBe(0);
      sizes.push(cold.result[1]!.totals.posts);
    }
    expect(sizes).toEqual([10, 80]);
  });

  it('answers null, without a query, for ids that are not channel ids', async () => {
    const { statements, result } = await countStatements(() => getChannelDetail(ADA, 'not-a-uuid', 30));
    expect(result).toBeNull();
    expect(statements).toBe(0);
  });

  it('reads the rollup index-only: analytics_daily_covering_idx, no heap fetches (EXPLAIN ANALYZE)', async () => {
    // Fresh statistics and visibility map, as autovacuum keeps them in production.
    await prisma.$executeRawUnsafe('VACUUM ANALYZE analytics_daily');
    for (const period of PERIODS) {
      const rows = await prisma.$queryRaw<{ 'QUERY PLAN': [{ Plan: Record<string, unknown>; 'Execution Time': number }] }[]>`
        EXPLAIN (ANALYZE, FORMAT JSON) ${channelDaysSql(kitchen, periodWindow(period))}`;
      const plan = rows[0]!['QUERY PLAN'][0].Plan;
      // The sort is the index's own order: no Sort node either.
      expect(plan, `period ${period}`).toMatchObject({ 'Node Type': 'Index Only Scan', 'Index Name': 'analytics_daily_covering_idx', 'Heap Fetches': 0, 'Actual Rows': period * 2 });
    }
  });
});

describe('the rollups of the seed', () => {
  it('equal a recomputation from post_metrics and posts, and so do the posts’ totals', async () => {
    expect(await storedRollup(demoChannelIds)).toEqual(await recomputedRollup(demoChannelIds));
    expect(await postsWithWrongTotals(demoChannelIds)).toEqual([]);
  });

  it('make the uncached dashboard equal to the cached one', async () => {
    expect(await getChannelDashboard(ADA, 90)).toEqual(await loadChannelDashboard(ADA, 90));
  });
});

describe('the Projects widgets', () => {
  it('load through the cached reads with the viewer’s access rules', async () => {
    const totals = await loadPeriodTotals(ADA, { channelId: null, period: 30 });
    expect(totals).toMatchObject({ title: 'All your channels', totals: (await getChannelList(ADA, 30)).totals });
    expect(await loadPeriodTotals(ADA, { channelId: kitchen, period: 7 })).toMatchObject({ title: 'Ada’s Kitchen', totals: (await getChannelSummary(ADA, kitchen, 7))!.totals });
    expect(await loadPeriodTotals(BEN, { channelId: kitchen, period: 7 })).toBeNull();
    const top = await loadTopPosts(ADA, { channelId: kitchen, period: 30, by: 'engagement', limit: 3 });
    expect(top!.posts).toHaveLength(3);
    expect(top!.posts).toEqual((await getChannelTopPosts(ADA, kitchen, 30))!.byEngagement.slice(0, 3));
    expect(await loadTopPosts(GUS, { channelId: kitchen, period: 30, by: 'views', limit: 5 })).toBeNull();
    expect((await loadDailyViews(ADA, { channelId: null, period: 90 }))!.days).toHaveLength(90);
    expect(await loadDailyViews(BEN, { channelId: kitchen, period: 7 })).toBeNull();
  });

  it('refuse a stored config that does not match their schema', async () => {
    const widget = channelsModule.widgets!.find((w) => w.type === 'channels.top-posts')!;
    await expect(widget.load(ADA, { channelId: null, period: 14, by: 'views', limit: 5 })).rejects.toThrow();
    expect(widget.config.safeParse(widget.defaultConfig).success).toBe(true);
  });
});
