import { z } from 'zod';
import { defineCacheKind, minutes } from '@/lib/cache/kinds';
import { defineJob } from '@/lib/jobs/define';
import { defineEvent } from '@/lib/jobs/events';
import { defineModule, type PlanTarget, type WidgetDefinition } from '@/lib/modules/manifest';
import { uuidSchema } from '@/lib/validation';
import { demoAnalysisId, demoSponsorId } from '@/prisma/seed/sponsors-demo';
import { BUCKETS } from './types';

/**
 * Sponsors (plan 003, ZiraAI): sponsor companies hand sponsorship codes to farmers, directly or
 * through dealers; a redeemed code is a subscription; farmers run plant analyses (heavy JSON
 * results) and message with their sponsor. Sponsors see their analytics, computed in SQL over the
 * range asked for; farmers page through their analyses and messages by keyset; the analyses and
 * messages are partitioned by month.
 */

/** The coming months' partitions are due (cron), or an operator asked for them. */
export const partitionsRequested = defineEvent('sponsors/partitions.requested', z.object({}));
/** A farmer sent a photo: analyse it. */
export const analysisRequested = defineEvent('sponsors/analysis.requested', z.object({ analysisId: z.guid(), analysisDate: z.iso.datetime({ offset: true }) }));

/**
 * Lifetimes. Plan 003 gives none; these follow DESIGN.md's: analytics 10 minutes (as plan 001's
 * analytics), a person's access and lists 5 minutes (the plans' "user 5 min"). Every write drops
 * what it changes at once (tags.ts), so a lifetime only bounds what other viewers may see of a
 * change that reached no tag. The subscription check re-tests the end date on every read.
 */
export const sponsorCacheKinds = {
  access: defineCacheKind({ namespace: 'sponsors.access', ttl: minutes(5) }),
  roles: defineCacheKind({ namespace: 'sponsors.roles', ttl: minutes(5) }),
  analytics: defineCacheKind({ namespace: 'sponsors.analytics', ttl: minutes(10) }),
  codes: defineCacheKind({ namespace: 'sponsors.codes', ttl: minutes(5) }),
  analyses: defineCacheKind({ namespace: 'sponsors.analyses', ttl: minutes(5) }),
  analysis: defineCacheKind({ namespace: 'sponsors.analysis', ttl: minutes(10) }),
  messages: defineCacheKind({ namespace: 'sponsors.messages', ttl: minutes(5) }),
  subscription: defineCacheKind({ namespace: 'sponsors.subscription', ttl: minutes(5) }),
  team: defineCacheKind({ namespace: 'sponsors.team', ttl: minutes(5) }),
};

const createPartitionsJob = defineJob({
  name: 'sponsors/create-partitions',
  description: 'Creates this month’s and the next three months’ partitions of plant analyses and messages, ahead of the writes that need them',
  // Daily (idempotent: a month that exists is left alone), so a missed run costs nothing: writes
  // never wait for a partition, and a month is ready three months before its first row.
  trigger: { event: partitionsRequested, cron: '20 2 * * *' },
  retries: 5,
  inngest: { concurrency: { limit: 1 } },
  run: async () => (await import('./jobs')).createComingPartitions(),
});

const analysePlantJob = defineJob({
  name: 'sponsors/analyse-plant',
  description: 'Analyses a plant photo: fills in the analysis’s documents and health score',
  trigger: { event: analysisRequested },
  retries: 3,
  // One run per analysis at a time; a few at once overall (the image model is the bottleneck).
  inngest: { concurrency: [{ limit: 5 }, { key: 'event.data.analysisId', limit: 1 }] },
  run: async ({ analysisId, analysisDate }) => (await import('./jobs')).analysePlant(analysisId, analysisDate),
});

/** /sponsors/<uuid> and its sub-pages; `analyses`, `messages`… are not uuids. */
const SPONSOR_PAGE = /^\/sponsors\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/(codes|analyses|team))?$/;
const ANALYSIS_PAGE = /^\/sponsors\/analyses\/([^/]+)$/;

const greenleaf = demoSponsorId('greenleaf');
const agrinova = demoSponsorId('agrinova');
const aminaLatest = demoAnalysisId('amina', 1);

// Plan 003's targets. "Sponsor analytics query: 15-30 s before, 0.5-2 s after all phases"; the
// issue asks for at most 4 statements and under 100 ms of server time at large scale.
const ANALYTICS_TARGETS = {
  coldTotal: { limit: 100, text: '< 100 ms (plan: 0.5–2 s)', source: '003 sponsor analytics query; issue: < 100 ms at large scale', before: '15–30 s' },
  statements: { limit: 4, text: '≤ 4', source: 'issue (003: in-memory filtering of every code and analysis)', before: 'all of the sponsor’s rows' },
  hitRate: { limit: 0.9, text: '> 90 %', source: '004 (000: > 70 %)', before: '0 %' },
} satisfies Partial<Record<string, PlanTarget>>;

const temporalConfig = z.object({
  sponsorId: uuidSchema,
  /** Days up to today. */
  days: z.number().int().min(7).max(365),
  bucket: z.enum(BUCKETS),
});
type TemporalConfig = z.infer<typeof temporalConfig>;

const dealerConfig = z.object({ sponsorId: uuidSchema, days: z.number().int().min(7).max(365) });
type DealerConfig = z.infer<typeof dealerConfig>;

export const sponsorWidgets = [
  {
    type: 'sponsors.temporalAnalytics',
    title: 'Sponsor analytics over time',
    description: 'Codes distributed and redeemed, analyses and messages of one sponsor, per day, week or month.',
    config: temporalConfig,
    defaultConfig: { sponsorId: greenleaf, days: 90, bucket: 'week' },
    size: { w: 6, h: 5 },
    load: async (viewerId, config) => (await import('./queries')).loadTemporalWidget(viewerId, config),
  } satisfies WidgetDefinition<TemporalConfig, unknown>,
  {
    type: 'sponsors.dealerPerformance',
    title: 'Dealer performance',
    description: 'Each dealer’s codes sent and redeemed, codes in hand and analyses, for one sponsor.',
    config: dealerConfig,
    defaultConfig: { sponsorId: greenleaf, days: 90 },
    size: { w: 6, h: 5 },
    load: async (viewerId, config) => (await import('./queries')).loadDealerWidget(viewerId, config),
  } satisfies WidgetDefinition<DealerConfig, unknown>,
] as WidgetDefinition[];

export const sponsorsModule = defineModule({
  name: 'sponsors',
  database: {
    rawSqlObjects: [
    // Sponsors: makes the monthly partitions of plant_analyses and analysis_messages (plpgsql).
    'sponsors_ensure_partitions',
    // Sponsors: covering indexes (INCLUDE) the analytics read alone.
    'plant_analyses_sponsor_date_idx',
    'analysis_messages_sponsor_sent_idx',
    'sponsorship_codes_distributed_idx',
    'sponsorship_codes_redeemed_idx',
    // Sponsors: CHECK constraints (code format, health score 0-100, a subscription ends after it starts).
    'sponsorship_codes_code_check',
    'plant_analyses_health_score_check',
    'user_subscriptions_dates_check',
    ],
    // One partition per month, made ahead by the partitions job (sponsors_ensure_partitions).
    partitionedTables: { plant_analyses: 'RANGE (analysis_date)', analysis_messages: 'RANGE (sent_at)' },
  },
  nav: [{ href: '/sponsors', label: 'Sponsors', placement: 'products', description: 'Sponsorship codes, plant analyses and their messages, and each sponsor’s analytics.' }],
  jobs: [createPartitionsJob, analysePlantJob],
  cacheKinds: Object.values(sponsorCacheKinds),
  guards: [
    {
      // A sponsor's pages to anyone but its members (and administrators): a real 404.
      route: '/sponsors/[id]',
      pattern: SPONSOR_PAGE,
      allows: async (viewer, match) => (await (await import('./queries')).getSponsorAccess(viewer, match[1]!)) !== null,
    },
    {
      // An analysis to anyone but its farmer and its sponsor's members.
      route: '/sponsors/analyses/[analysisId]',
      pattern: ANALYSIS_PAGE,
      allows: async (viewer, match) => (await (await import('./queries')).getAnalysisDetail(viewer.id, match[1]!)) !== null,
    },
  ],
  // Every page reads through cached reads only (the naive benchmark pages live under /bench).
  cachedPages: [/^\/sponsors(\/.*)?$/],
  warmOnSignIn: async (userId) => (await import('./queries')).warmViewer(userId),
  accountDeletionTags: async (userId) => (await import('./mutations')).accountDeletionTags(userId),
  seed: async () => (await import('@/prisma/seed/sponsors')).seedSponsors,
  widgets: sponsorWidgets,
  pages: [
    {
      path: `/sponsors/${greenleaf}`,
      route: '/sponsors/[id]',
      viewer: 'sofia',
      streamed: ['Codes distributed', 'Dealer performance', 'Costa Farm Supply', 'Response rate'],
      keyboard: ['Skip to content', 'Codes', 'Show'],
      bytes: { total: 300_000 },
      lighthouse: { representative: true, mobile: true },
    },
    {
      path: '/sponsors',
      route: '/sponsors',
      viewer: 'amina',
      streamed: ['GreenLeaf Agro', 'Medium'],
      keyboard: ['Skip to content', 'My analyses', 'Messages', 'Redeem'],
      bytes: { total: 280_000 },
    },
    {
      path: `/sponsors/${greenleaf}/codes`,
      route: '/sponsors/[id]/codes',
      viewer: 'sofia',
      streamed: ['GRN-DEMO-0001', 'Costa Farm Supply'],
      keyboard: ['Skip to content', 'Generate codes', 'Assign codes'],
      bytes: { total: 290_000 },
    },
    {
      path: `/sponsors/${greenleaf}/analyses`,
      route: '/sponsors/[id]/analyses',
      viewer: 'marco',
      streamed: ['Amina Yusuf'],
      keyboard: ['Skip to content', 'Older'],
      bytes: { total: 285_000 },
    },
    {
      path: `/sponsors/${agrinova}/team`,
      route: '/sponsors/[id]/team',
      viewer: 'kenji',
      streamed: ['Kenji Sato'],
      keyboard: ['Skip to content', 'Add member', 'Add dealer'],
      bytes: { total: 285_000 },
    },
    {
      path: '/sponsors/dealer',
      route: '/sponsors/dealer',
      viewer: 'dario',
      streamed: ['GRN-DEMO-0001'],
      keyboard: ['Skip to content', 'Mark GRN-DEMO-0001 as sent'],
      bytes: { total: 285_000 },
    },
    {
      path: '/sponsors/analyses',
      route: '/sponsors/analyses',
      viewer: 'amina',
      streamed: ['Manisa, Aegean'],
      keyboard: ['Skip to content', 'Request analysis', 'Older'],
      bytes: { total: 285_000 },
    },
    {
      path: `/sponsors/analyses/${aminaLatest}`,
      route: '/sponsors/analyses/[analysisId]',
      viewer: 'amina',
      streamed: ['Plant identification', 'Sofia Reyes'],
      keyboard: ['Skip to content', 'Send'],
      bytes: { total: 290_000 },
    },
    {
      path: '/sponsors/messages',
      route: '/sponsors/messages',
      viewer: 'amina',
      streamed: ['unread', 'Sofia Reyes'],
      keyboard: ['Skip to content', 'Sent'],
      bytes: { total: 285_000 },
    },
    {
      path: '/sponsors/messages/sent',
      route: '/sponsors/messages/sent',
      viewer: 'sofia',
      streamed: ['Amina Yusuf'],
      keyboard: ['Skip to content', 'Inbox'],
      bytes: { total: 285_000 },
    },
    {
      path: '/sponsors/subscription',
      route: '/sponsors/subscription',
      viewer: 'tomas',
      streamed: ['AgriNova'],
      keyboard: ['Skip to content', 'Redeem'],
      bytes: { total: 285_000 },
    },
  ],
  bench: [
    {
      route: '/sponsors/[id]',
      kind: 'page',
      path: `/sponsors/${greenleaf}`,
      naive: `/bench/naive/sponsors/${greenleaf}`,
      viewer: 'sofia',
      warmer: 'marco',
      // The same page over another range: loads the code, fills other cache entries.
      warmerPath: `/sponsors/${greenleaf}?bucket=month`,
      targets: ANALYTICS_TARGETS,
    },
    {
      route: '/api/v1/sponsors/[id]/analytics',
      kind: 'api',
      path: `/api/v1/sponsors/${greenleaf}/analytics`,
      naive: `/api/v1/bench/naive/sponsors/${greenleaf}/analytics`,
      viewer: 'sofia',
      warmer: 'marco',
      warmerPath: `/api/v1/sponsors/${greenleaf}/analytics?bucket=month`,
      targets: { ...ANALYTICS_TARGETS, warmTotal: { limit: 10, text: '≤ 10 ms', source: '004 consolidated API, warm', before: '98 ms' } },
    },
    {
      route: '/api/v1/sponsors/subscription',
      kind: 'api',
      path: '/api/v1/sponsors/subscription',
      naive: null,
      viewer: 'amina',
      warmer: 'tomas',
      targets: {
        coldTotal: { limit: 100, text: '0.05–0.1 s', source: '003 subscription check', before: '2–5 s' },
        statements: { limit: 1, text: '1', source: 'issue (003: one indexed lookup)' },
      },
    },
  ],
  reliability: {
    concurrency: [
      {
        name: 'one code redeemed by two farmers at once',
        expectation: 'one wins, the other is told the code is used; the code redeemed by the winner, with one subscription per win',
        run: async (context) => (await import('./reliability')).codeRedeemedByTwoFarmers(context),
      },
    ],
  },
});
