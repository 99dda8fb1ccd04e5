import { faker } from '@faker-js/faker';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { DEMO_CHANNELS, DEMO_PLANS, DEMO_SUBSCRIPTIONS, demoChannelId, type DemoChannel } from './channels-demo';
import { peopleCount, stableUuid } from './shared';
import type { SeedContext } from './index';

/*
 * Channels (plan 002): subscription plans, the demo accounts' channels and subscriptions
 * (./channels-demo.ts), and channels of generated people; each channel's posts over the last
 * 200 days, their metric snapshots (the time series), the daily rollups and post totals computed
 * from them, and a subscriber count per day. Dates are relative to the day of seeding, so the
 * dashboards look alive on any day; ids derive from keys and absolute days, so a second run
 * changes nothing and a run on a later day adds that day's posts.
 *
 * Sizes: at demo scale about 5,000 posts and 30,000 snapshots (seconds on the embedded database);
 * at large scale 20,000 channels, about 420,000 posts and 6.6 million snapshots in post_metrics.
 */

const THEMES = ['food', 'travel', 'books', 'tech', 'sport', 'design', 'music', 'outdoors'] as const;
type Theme = (typeof THEMES)[number];
const TEXTS_PER_THEME = 40;

/** Hours after publication at which a post's metrics are captured (what it gained since the previous one). */
const SNAPSHOT_HOURS = {
  demo: [1, 3, 8, 24, 48, 96, 240, 720],
  large: [1, 2, 4, 8, 16, 24, 36, 48, 72, 96, 120, 168, 240, 336, 504, 720],
} as const;

export interface ChannelSeedSize {
  /** Days of posts, metrics and demo channels' audience history. */
  historyDays: number;
  /** Days of audience history of generated channels. */
  generatedStatsDays: number;
  /** Every tenth generated person owns a channel; at most this many. */
  generatedChannels: number;
  generatedPostsPerDay: number;
  /** The demo channels post this many times more than at demo scale (the data grows eightfold). */
  demoPostsFactor: number;
  snapshotHours: readonly number[];
  /** Generated channels per statement batch. */
  batch: number;
  /** Generated people (default: the core seed's count for the scale). */
  people?: number;
}

export const CHANNEL_SEED_SIZES: Record<SeedContext['scale'], ChannelSeedSize> = {
  demo: { historyDays: 200, generatedStatsDays: 35, generatedChannels: 6, generatedPostsPerDay: 0.3, demoPostsFactor: 1, snapshotHours: SNAPSHOT_HOURS.demo, batch: 2_000 },
  large: { historyDays: 200, generatedStatsDays: 35, generatedChannels: 20_000, generatedPostsPerDay: 0.1, demoPostsFactor: 8, snapshotHours: SNAPSHOT_HOURS.large, batch: 2_000 },
};

/** Post texts by theme (faker, fixed seed): the same on every run. */
function themeTexts(): string[] {
  faker.seed(2002);
  const make: Record<Theme, () => string> = {
    food: () => `${faker.food.dish()}: ${faker.food.description()}`,
    travel: () => `Postcard from ${faker.location.city()}, ${faker.location.country()}. ${faker.lorem.sentence()}`,
    books: () => `Reading “${faker.book.title()}” by ${faker.book.author()}. ${faker.lorem.sentence()}`,
    tech: () => `${faker.hacker.phrase()} ${faker.company.catchPhrase()}.`,
    sport: () => `${faker.person.lastName()} ${faker.helpers.arrayElement(['wins', 'loses', 'draws', 'scores'])} at ${faker.location.city()}: ${faker.lorem.sentence()}`,
    design: () => `A study in ${faker.color.human()} and ${faker.commerce.productMaterial().toLowerCase()}. ${faker.lorem.sentence()}`,
    music: () => `New this week: “${faker.music.songName()}” by ${faker.music.artist()}. ${faker.lorem.sentence()}`,
    outdoors: () => `Spotted a ${faker.animal.type()} near ${faker.location.city()}. ${faker.lorem.sentence()}`,
  };
  return THEMES.flatMap((theme) => Array.from({ length: TEXTS_PER_THEME }, make[theme]));
}

/** One channel's parameters for the bulk statements. */
interface ChannelConfig {
  id: string;
  postsPerDay: number;
  reach: number;
  growth: number;
  subscribers: number;
  theme: number;
  statsDays: number;
}

export async function seedChannels(prisma: PrismaClient, context: SeedContext, size: ChannelSeedSize = CHANNEL_SEED_SIZES[context.scale]): Promise<void> {
  const { log } = context;
  const today = context.today.toISOString().slice(0, 10);
  const texts = themeTexts();

  // Plans: repaired on every run.
  for (const plan of DEMO_PLANS) {
    const position = DEMO_PLANS.indexOf(plan);
    await prisma.subscriptionPlan.upsert({ where: { id: plan.id }, create: { ...plan, position }, update: { ...plan, position } });
  }

  // The demo accounts' channels, written out (upserts: a re-run repairs them).
  for (const channel of DEMO_CHANNELS) {
    const id = demoChannelId(channel.key);
    const data = { ownerId: channel.owner, title: channel.title, handle: channel.handle };
    await prisma.channel.upsert({ where: { id }, create: { id, ...data, createdAt: new Date(Date.parse(`${today}T00:00:00Z`) - (size.historyDays + 10) * 86_400_000) }, update: data });
  }
  const demoConfigs = DEMO_CHANNELS.map(
    (channel: DemoChannel): ChannelConfig => ({
      id: demoChannelId(channel.key),
      postsPerDay: channel.postsPerDay * size.demoPostsFactor,
      reach: channel.reach,
      growth: channel.growth,
      subscribers: channel.subscribers,
      theme: THEMES.indexOf(channel.theme),
      statsDays: size.historyDays,
    }),
  );
  await seedChannelData(prisma, demoConfigs, today, texts, size);
  log(`  channels: ${DEMO_CHANNELS.length} demo channels`);

  // The demo accounts' subscriptions (dates relative to today; repaired on every run).
  for (const [index, subscription] of DEMO_SUBSCRIPTIONS.entries()) {
    const id = stableUuid(`subscription:${subscription.user}:${index}`);
    const day = Date.parse(`${today}T00:00:00Z`);
    const data = {
      userId: subscription.user,
      planId: subscription.plan,
      status: subscription.status,
      startedAt: new Date(day - subscription.startedDaysAgo * 86_400_000),
      expiresAt: new Date(day + subscription.expiresInDays * 86_400_000),
    };
    await prisma.subscription.upsert({ where: { id }, create: { id, ...data }, update: data });
  }

  // Generated people: every tenth owns a channel; everyone has a subscription history.
  const people = size.people ?? peopleCount(context.scale);
  const owners = Math.min(size.generatedChannels, Math.floor(people / 10));
  const titles = Array.from({ length: 300 }, () => `${faker.word.adjective()} ${faker.word.noun()}`.replace(/^./, (c) => c.toUpperCase()));
  const created = new Date(Date.parse(`${today}T00:00:00Z`) - (size.historyDays + 10) * 86_400_000);
  for (let start = 1; start <= owners; start += size.batch) {
    const end = Math.min(owners, start + size.batch - 1);
    // Owner n × 10; handle ch_<n × 10> (5 characters at least).
    await prisma.$executeRaw`
      INSERT INTO channels (id, owner_id, title, handle, created_at, updated_at)
      SELECT md5('channel:gen:' || n)::uuid, 'usr_' || lpad((n * 10)::text, 7, '0'),
             (${titles}::text[])[1 + n % ${titles.length}], 'ch_' || (n * 10),
             ${created}, ${created}
      FROM generate_series(${start}::int, ${end}::int) AS n
      ON CONFLICT (id) DO NOTHING`;
    const configs = await prisma.$queryRaw<ChannelConfig[]>`
      SELECT md5('channel:gen:' || n)::text AS id, ${size.generatedPostsPerDay}::float8 AS "postsPerDay",
             (200 + (n * 7919) % 9800)::int AS reach, ((n % 41) - 10) / 100.0::float8 AS growth,
             (1000 + (n * 104729) % 60000)::int AS subscribers, (n % ${THEMES.length})::int AS theme,
             ${size.generatedStatsDays}::int AS "statsDays"
      FROM generate_series(${start}::int, ${end}::int) AS n`;
    await seedChannelData(prisma, configs, today, texts, size);
    log(`  channels: generated channels ${end} / ${owners}`);
  }
  await prisma.$executeRaw`
    INSERT INTO subscriptions (id, user_id, plan_id, status, started_at, expires_at, created_at, updated_at)
    SELECT md5('subscription:gen:' || n)::uuid, 'usr_' || lpad(n::text, 7, '0'),
           (ARRAY['free', 'pro', 'business'])[1 + n % 3],
           (ARRAY['active', 'trial', 'expired', 'cancelled'])[1 + n % 4]::subscription_status,
           ((${today}::date - (30 + n % 300))::timestamp AT TIME ZONE 'UTC'), ((${today}::date + (n % 60) - 20)::timestamp AT TIME ZONE 'UTC'),
           ((${today}::date - (30 + n % 300))::timestamp AT TIME ZONE 'UTC'), now()
    FROM generate_series(1, ${people}::int) AS n
    ON CONFLICT (id) DO NOTHING`;

  const [channels, posts, metrics] = await Promise.all([prisma.channel.count(), prisma.post.count(), prisma.postMetric.count()]);
  log(`  channels: ${channels} channels, ${posts} posts, ${metrics} metric snapshots`);
}

/**
 * One batch of channels: their posts, their metric snapshots, then what is computed from them
 * (the daily rollup and the posts' totals, exactly) and their audience history. Four statements.
 */
async function seedChannelData(prisma: PrismaClient, configs: ChannelConfig[], today: string, texts: string[], size: ChannelSeedSize): Promise<void> {
  const column = <K extends keyof ChannelConfig>(key: K) => configs.map((config) => config[key]);
  const ids = column('id');
  const maxPerDay = Math.ceil(Math.max(...column('postsPerDay')));
  const midnight = Date.parse(`${today}T00:00:00Z`);
  const endOfToday = new Date(midnight + 86_400_000);
  const todaySnapshot = new Date(midnight + 5 * 60_000);
  // Posts: floor(rate × (d + 1)) − floor(rate × d) on the day d days ago, spread over 06:00–19:59 UTC.
  await prisma.$executeRaw`
    WITH cfg AS (
      SELECT * FROM unnest(${ids}::uuid[], ${column('postsPerDay')}::float8[], ${column('theme')}::int[]) AS c (id, rate, theme)
    )
    INSERT INTO posts (id, channel_id, published_at, text, created_at)
    SELECT md5('post:' || cfg.id || ':' || (${today}::date - d) || ':' || k)::uuid, cfg.id,
           ((${today}::date - d)::timestamp + make_interval(hours => 6 + (k * 5 + d * 3) % 14, mins => (d * 17 + k * 7) % 60)) AT TIME ZONE 'UTC',
           (${texts}::text[])[1 + cfg.theme * ${TEXTS_PER_THEME} + (d * 7 + k * 13 + get_byte(decode(md5(cfg.id::text), 'hex'), 0)) % ${TEXTS_PER_THEME}],
           ((${today}::date - d)::timestamp + make_interval(hours => 6 + (k * 5 + d * 3) % 14, mins => (d * 17 + k * 7) % 60)) AT TIME ZONE 'UTC'
    FROM cfg, generate_series(0, ${size.historyDays - 1}::int) AS d, generate_series(0, ${maxPerDay - 1}::int) AS k
    WHERE k < floor(cfg.rate * (d + 1)) - floor(cfg.rate * d)
    ON CONFLICT (id) DO NOTHING`;

  // Snapshots: a post reaches `reach` views over 30 days, fast at first (1 − e^(−h/36)), with a
  // weekday bump, a trend (growth) and its own luck; likes 2–6 % and forwards 0.3–1.8 % of views.
  // Only what has been captured by the end of today.
  await prisma.$executeRaw`
    WITH cfg AS (
      SELECT * FROM unnest(${ids}::uuid[], ${column('reach')}::int[], ${column('growth')}::float8[]) AS c (id, reach, growth)
    ),
    post AS (
      SELECT p.id, p.published_at,
             cfg.reach * (1 - cfg.growth * (${today}::date - (p.published_at AT TIME ZONE 'UTC')::date) / ${size.historyDays}::float8)
               * (CASE WHEN extract(isodow FROM p.published_at AT TIME ZONE 'UTC') IN (6, 7) THEN 0.8 ELSE 1.05 END)
               * (0.5 + get_byte(decode(md5(p.id::text), 'hex'), 0) / 255.0) AS reach,
             0.02 + get_byte(decode(md5(p.id::text), 'hex'), 1) / 255.0 * 0.04 AS like_rate,
             0.003 + get_byte(decode(md5(p.id::text), 'hex'), 2) / 255.0 * 0.015 AS forward_rate
      FROM posts p JOIN cfg ON cfg.id = p.channel_id
    ),
    snap AS (
      SELECT post.id, post.published_at + make_interval(hours => o.h) AS captured_at,
             round(post.reach * (exp(-coalesce((${size.snapshotHours}::int[])[o.i - 1], 0) / 36.0) - exp(-o.h / 36.0))) AS views,
             post.like_rate, post.forward_rate
      FROM post, unnest(${size.snapshotHours}::int[]) WITH ORDINALITY AS o (h, i)
      WHERE post.published_at + make_interval(hours => o.h) < ${endOfToday}
    )
    INSERT INTO post_metrics (post_id, captured_at, views, likes, forwards)
    SELECT id, captured_at, views, round(views * like_rate), round(views * forward_rate)
    FROM snap
    ORDER BY captured_at, id
    ON CONFLICT (post_id, captured_at) DO NOTHING`;

  await rebuildRollups(prisma, ids);

  // Audience: subscribers on each day, growing towards today's count (the latest snapshot of each
  // day is kept, captured at 00:05 so that today's is never in the future).
  await prisma.$executeRaw`
    WITH cfg AS (
      SELECT * FROM unnest(${ids}::uuid[], ${column('subscribers')}::int[], ${column('growth')}::float8[], ${column('statsDays')}::int[])
        AS c (id, subscribers, growth, days)
    ),
    stats AS (
      INSERT INTO channel_stats (channel_id, period_start, period_end, subscribers, captured_at)
      SELECT cfg.id, ${today}::date - d, ${today}::date - d + 1,
             CASE WHEN d = 0 THEN cfg.subscribers
                  ELSE greatest(0, round(cfg.subscribers * (1 - cfg.growth * d / ${size.historyDays}::float8)
                                        * (1 + (get_byte(decode(md5(cfg.id || ':' || d), 'hex'), 0) - 128) / 40000.0)))::int END,
             ((${today}::date - d)::timestamp + interval '5 minutes') AT TIME ZONE 'UTC'
      FROM cfg, generate_series(0, ${size.historyDays - 1}::int) AS d
      WHERE d < cfg.days
      ON CONFLICT (channel_id, period_start, period_end) DO NOTHING
      RETURNING 1
    )
    UPDATE channels c SET subscriber_count = cfg.subscribers, subscribers_at = ${todaySnapshot}
    FROM cfg
    WHERE c.id = cfg.id AND (c.subscribers_at IS NULL OR c.subscribers_at < ${todaySnapshot})`;
}

/**
 * Recomputes the daily rollup and the posts' totals of these channels from post_metrics and
 * posts, exactly (what ingestion keeps up incrementally). Idempotent.
 */
export async function rebuildRollups(prisma: PrismaClient, channelIds: string[]): Promise<void> {
  await prisma.$executeRaw`
    WITH totals AS (
      SELECT m.post_id, sum(m.views) AS views, sum(m.likes) AS likes, sum(m.forwards) AS forwards, max(m.captured_at) AS last
      FROM post_metrics m JOIN posts p ON p.id = m.post_id
      WHERE p.channel_id = ANY (${channelIds}::uuid[])
      GROUP BY m.post_id
    ),
    posts_updated AS (
      UPDATE posts p SET views = t.views, likes = t.likes, forwards = t.forwards, metrics_at = t.last
      FROM totals t
      WHERE p.id = t.post_id AND (p.views, p.likes, p.forwards) IS DISTINCT FROM (t.views, t.likes, t.forwards)
      RETURNING 1
    )
    INSERT INTO analytics_daily (channel_id, day, posts, views, likes, forwards)
    SELECT channel_id, day, sum(posts), sum(views), sum(likes), sum(forwards)
    FROM (
      SELECT p.channel_id, (p.published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts, 0 AS views, 0 AS likes, 0 AS forwards
      FROM posts p WHERE p.channel_id = ANY (${channelIds}::uuid[])
      GROUP BY 1, 2
      UNION ALL
      SELECT p.channel_id, (m.captured_at AT TIME ZONE 'UTC')::date, 0, sum(m.views), sum(m.likes), sum(m.forwards)
      FROM post_metrics m JOIN posts p ON p.id = m.post_id
      WHERE p.channel_id = ANY (${channelIds}::uuid[])
      GROUP BY 1, 2
    ) parts
    GROUP BY channel_id, day
    ORDER BY channel_id, day
    ON CONFLICT (channel_id, day) DO UPDATE
    SET posts = excluded.posts, views = excluded.views, likes = excluded.likes, forwards = excluded.forwards
    WHERE (analytics_daily.posts, analytics_daily.views, analytics_daily.likes, analytics_daily.forwards)
          IS DISTINCT FROM (excluded.posts, excluded.views, excluded.likes, excluded.forwards)`;
}
