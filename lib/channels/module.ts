import { z } from 'zod';
import { defineCacheKind, hours, minutes } from '@/lib/cache/kinds';
import { defineJob } from '@/lib/jobs/define';
import { defineEvent } from '@/lib/jobs/events';
import { defineModule, type PlanTarget } from '@/lib/modules/manifest';
import { demoChannelId } from '@/prisma/seed/channels-demo';
import { dailyChartConfigSchema, periodTotalsConfigSchema, topPostsConfigSchema } from './schemas';

/**
 * Channels (plan 002, channel analytics): a person's channels with their posts' metrics rolled
 * up by day, period totals against the previous period, top posts, audience, and the
 * subscription that sets their limits; metric snapshots ingested in batches.
 */

/** A batch of metric snapshots was accepted (POST /api/v1/channels/metrics): apply it. */
export const metricsReceived = defineEvent('channels/metrics.received', z.object({ batchId: z.guid() }));
/** The periodic maintenance is due (cron) or was requested by an operator. */
export const maintenanceRequested = defineEvent('channels/maintenance.requested', z.object({}));

/**
 * Plan 002's lifetimes (its cache decorators): analytics summary 10 min, user channels 5 min,
 * subscription plans 1 h, post metrics 3 min, channel stats 7 min. A person's own subscription
 * is user data: 5 minutes, like their channels. Every change drops what it affects at once
 * (tags), so the lifetimes bound only what ingestion has not announced yet.
 */
export const channelCacheKinds = {
  summary: defineCacheKind({ namespace: 'channels.summary', ttl: minutes(10) }),
  list: defineCacheKind({ namespace: 'channels.list', ttl: minutes(5) }),
  plans: defineCacheKind({ namespace: 'channels.plans', ttl: hours(1) }),
  postMetrics: defineCacheKind({ namespace: 'channels.postMetrics', ttl: minutes(3) }),
  stats: defineCacheKind({ namespace: 'channels.stats', ttl: minutes(7) }),
  subscription: defineCacheKind({ namespace: 'channels.subscription', ttl: minutes(5) }),
};

/** Plan 002's batch_task(batch_size=50, max_wait_time=60) and memory_efficient_task(chunk_size=500). */
export const INGEST_BATCH_EVENTS = 50;
export const INGEST_BATCH_TIMEOUT = '60s';
export const INGEST_CHUNK_SIZE = 500;

const ingestMetricsJob = defineJob({
  name: 'channels/ingest-metrics',
  description: 'Applies batches of metric snapshots: writes them in chunks of 500 and updates the daily rollups and post totals in the same statements.',
  trigger: { event: metricsReceived },
  // Each chunk is one idempotent statement: a retry (or a replayed batch) changes nothing twice.
  retries: 4,
  inngest: {
    batchEvents: { maxSize: INGEST_BATCH_EVENTS, timeout: INGEST_BATCH_TIMEOUT },
    // Two runs at a time: rollup rows are shared by concurrent batches, so more would mostly wait on row locks.
    concurrency: { limit: 2 },
  },
  // One INSERT … per chunk of 500 snapshots is the point of chunking, not an N+1.
  repeatsStatements: true,
  run: async ({ batchId }) => (await import('./jobs')).ingestBatches([batchId]),
  runBatch: async (payloads) => (await import('./jobs')).ingestBatches(payloads.map((payload) => payload.batchId)),
});

const maintenanceJob = defineJob({
  name: 'channels/maintenance',
  description: 'Queues again the metric batches whose job was lost, marks lapsed subscriptions expired and deletes processed batches older than 7 days.',
  trigger: { event: maintenanceRequested, cron: '*/10 * * * *' },
  retries: 2,
  inngest: { concurrency: { limit: 1 } },
  run: async () => (await import('./jobs')).runMaintenance(),
});

const CHANNEL_PAGE = /^\/channels\/(?!new$|plans$)([^/]+)(\/edit)?$/;

const kitchen = demoChannelId('ada-kitchen');

// Plan 002's key performance indicators, and the issue's statement budget.
const P95: PlanTarget = { limit: 500, text: '< 500 ms', source: '002 KPI (P95 response time)' };
const HIT_RATE: PlanTarget = { limit: 0.8, text: '> 80 %', source: '002 KPI (cache hit ratio)', before: '0 % (70–85 % expected)' };

export const channelsModule = defineModule({
  name: 'channels',
  database: {
    rawSqlObjects: [
    // analytics_daily: plan 002's covering index (channel_id, day) INCLUDE (posts, views, likes, forwards).
    'analytics_daily_covering_idx',
    // post_metrics: CHECK views, likes and forwards >= 0.
    'post_metrics_counts_check',
    // analytics_daily: CHECK every count >= 0.
    'analytics_daily_counts_check',
    // channel_stats: CHECK period_end > period_start.
    'channel_stats_period_check',
    // channels: CHECK handle ~ '^[a-z0-9_]{5,32}$' (lowercase, without "@").
    'channels_handle_check',
    ],
  },
  nav: [{ href: '/channels', label: 'Channels', placement: 'products', description: 'Your channels’ views, likes and forwards by day, your top posts and your audience.' }],
  jobs: [ingestMetricsJob, maintenanceJob],
  cacheKinds: Object.values(channelCacheKinds),
  guards: [
    {
      // A channel to anyone but its owner and the admins, and its edit page to all but its owner: a real 404.
      route: '/channels/[id]',
      pattern: CHANNEL_PAGE,
      allows: async (viewer, match) => {
        const { getChannelHeader } = await import('./queries');
        const channel = await getChannelHeader(viewer.id, match[1]!);
        return channel !== null && (!match[2] || channel.viewerIsOwner);
      },
    },
  ],
  // Every page reads through cached reads only (the naive benchmark page is left out).
  cachedPages: [/^\/channels(\/(new|plans))?$/, /^\/channels\/[^/]+(\/edit)?$/],
  warmOnSignIn: async (userId) => (await import('./queries')).warmViewer(userId),
  seed: async () => (await import('@/prisma/seed/channels')).seedChannels,
  pages: [
    {
      path: '/channels',
      route: '/channels',
      viewer: 'ada',
      streamed: ['Ada’s Kitchen', 'Views by day', 'Top posts', 'Your plan'],
      keyboard: ['Skip to content', '7 days', '90 days', 'New channel', 'Ada’s Kitchen'],
      bytes: { total: 290_000 },
      lighthouse: { representative: true, mobile: true },
    },
    {
      path: `/channels/${kitchen}?period=7`,
      route: '/channels/[id]',
      viewer: 'ada',
      streamed: ['@adas_kitchen', 'Views by day', 'Audience', 'Most engaging'],
      keyboard: ['Skip to content', 'Edit channel', '30 days', 'Publish post'],
      bytes: { total: 290_000 },
    },
    { path: '/channels/new', route: '/channels/new', viewer: 'ada', streamed: ['3 of 5 channels'], keyboard: ['Skip to content', 'Create channel'], bytes: { total: 270_000 } },
    {
      path: `/channels/${kitchen}/edit`,
      route: '/channels/[id]/edit',
      viewer: 'ada',
      streamed: ['Edit “Ada’s Kitchen”'],
      keyboard: ['Skip to content', 'Save changes', 'Delete channel'],
      bytes: { total: 275_000 },
    },
    { path: '/channels/plans', route: '/channels/plans', viewer: 'ada', streamed: ['Business', 'Your plan'], keyboard: ['Skip to content', 'Back to channels'], bytes: { total: 270_000 } },
  ],
  bench: [
    {
      route: '/channels',
      kind: 'page',
      path: '/channels',
      naive: '/bench/naive/channels',
      targets: {
        statements: { limit: 4, text: '≤ 4 cold', source: 'issue budget', before: 'one aggregate of post_metrics per channel' },
        loadP95: P95,
        hitRate: HIT_RATE,
      },
    },
    {
      route: '/api/v1/channels',
      kind: 'api',
      path: '/api/v1/channels',
      naive: '/api/v1/bench/naive/channels',
      targets: {
        // Plan 002: analytics endpoints 70–90 % faster on cache hits, database query time < 100 ms.
        coldTotal: { limit: 100, text: '< 100 ms', source: '002 KPI (database query time)' },
        statements: { limit: 4, text: '≤ 4 cold', source: 'issue budget' },
        loadP95: P95,
        hitRate: HIT_RATE,
      },
    },
  ],
  widgets: [
    {
      type: 'channels.period-totals',
      title: 'Channel totals',
      description: 'Views, likes, forwards and posts of one channel or all of yours, against the previous period.',
      config: periodTotalsConfigSchema,
      defaultConfig: { channelId: null, period: 30 },
      size: { w: 6, h: 3 },
      load: async (viewerId, config) => (await import('./widgets')).loadPeriodTotals(viewerId, periodTotalsConfigSchema.parse(config)),
    },
    {
      type: 'channels.top-posts',
      title: 'Top posts',
      description: 'The most viewed or most engaging posts of the period, of one channel or all of yours.',
      config: topPostsConfigSchema,
      defaultConfig: { channelId: null, period: 30, by: 'views', limit: 5 },
      size: { w: 6, h: 6 },
      load: async (viewerId, config) => (await import('./widgets')).loadTopPosts(viewerId, topPostsConfigSchema.parse(config)),
    },
    {
      type: 'channels.daily-views',
      title: 'Views by day',
      description: 'Daily views of the period against the previous one, of one channel or all of yours.',
      config: dailyChartConfigSchema,
      defaultConfig: { channelId: null, period: 30 },
      size: { w: 12, h: 5 },
      load: async (viewerId, config) => (await import('./widgets')).loadDailyViews(viewerId, dailyChartConfigSchema.parse(config)),
    },
  ],
  reliability: {
    concurrency: [
      {
        name: 'over 1,000 metric snapshots posted concurrently, some batches replayed',
        expectation: 'every batch accepted and applied once; the daily rollups and post totals equal to a recomputation from post_metrics',
        run: async (context) => (await import('./reliability')).rollupsAfterConcurrentIngestion(context),
      },
    ],
  },
});
