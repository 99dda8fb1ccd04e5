import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client';
import { DEMO_FEEDS, demoEntriesBetween, demoFeedDown, demoFeedUrl, type DemoFeed } from '@/lib/leads/demo-feeds';
import { itemKey, matchKeyword } from '@/lib/leads/feeds';
import { healthOf } from '@/lib/leads/jobs';
import { demoIntegrationId, demoKeywordId } from '@/lib/leads/module';
import { scoreMention } from '@/lib/leads/scoring';
import type { LeadStatus } from '@/lib/leads/types';
import type { DemoAccountId } from './demo-accounts';
import { peopleCount, stableUuid } from './shared';
import type { SeedContext } from './index';

/*
 * Leads demo data. The demo accounts' sources are the demo feeds (lib/leads/demo-feeds.ts): the
 * seed stores what those feeds published before the day of seeding, matched and scored exactly
 * as the search job does, so the first search after a start finds only what was published
 * since (a second run adds nothing), and the dashboards look alive on any day. Generated people
 * get keywords, a paused source, mentions and leads in bulk SQL (the large scale passes a
 * million mentions and 200,000 leads).
 */

interface DemoListener {
  owner: DemoAccountId;
  keywords: string[];
  feeds: string[];
  threshold: number;
  /** Days of history stored. */
  days: number;
}

export const DEMO_LISTENERS: DemoListener[] = [
  { owner: 'usr_ada', keywords: ['Next.js', 'PostgreSQL', 'CRM', 'lead generation', 'Tailwind'], feeds: ['indie-forum', 'dev-community', 'saas-talk', 'vendor-status'], threshold: 75, days: 60 },
  { owner: 'usr_ben', keywords: ['Kubernetes', 'Rust'], feeds: ['dev-community'], threshold: 70, days: 30 },
];

const SCALE = {
  // Generated people with a Leads setup, and Ada's extra history (large scale only).
  demo: { people: 10, adaBulk: 0 },
  large: { people: 18_000, adaBulk: 100_000 },
} as const;
const KEYWORDS_EACH = 5;
const MENTIONS_EACH = 50;
/** Every fifth mention of a generated person is a lead. */
const LEAD_EVERY = 5;

const TOPICS = ['Next.js', 'PostgreSQL', 'CRM', 'lead generation', 'Tailwind', 'Kubernetes', 'Rust', 'analytics', 'Figma', 'Shopify'];
const TITLES = [
  'Looking for a {kw} consultant', 'Anyone know a good alternative to {kw}?', '{kw} tips from two years in production', 'Hiring: engineer with {kw} experience',
  'Is {kw} worth it for a small team?', '{kw} compared: our notes', 'Need a freelancer for a {kw} migration', 'What is new in {kw} this month',
];
const SOURCES = ['Indie Makers Forum', 'Dev Community', 'SaaS Talk', 'Community feed'];
const AUTHORS = ['Maya Chen', 'Jonas Weber', 'Priya Nair', 'Tom Becker', 'Lucía Romero', 'Kwame Mensah', 'Sofia Rossi', 'Aiden Walsh', 'Yuki Tanaka', 'Omar Haddad'];

const DAY = 86_400_000;
const RUN_EVERY = 30 * 60_000;
const FOUND_AFTER = 20 * 60_000;

const hash = (value: string) => createHash('md5').update(value).digest().readUInt32BE(0);

/** A seeded lead's status, by its age: older leads have moved along the pipeline. */
function seededStatus(key: string, ageDays: number): LeadStatus {
  const roll = hash(`status:${key}`) % 100;
  if (ageDays < 2) return 'new';
  if (ageDays < 14) return roll < 30 ? 'qualified' : roll < 35 ? 'converted' : roll < 45 ? 'lost' : 'new';
  return roll < 35 ? 'qualified' : roll < 55 ? 'converted' : roll < 70 ? 'lost' : 'new';
}

export async function seedLeads(prisma: PrismaClient, { scale, log, today }: SeedContext): Promise<void> {
  let demoMentions = 0;
  let demoLeads = 0;
  for (const listener of DEMO_LISTENERS) {
    const counts = await seedListener(prisma, listener, today);
    demoMentions += counts.mentions;
    demoLeads += counts.leads;
  }
  log(`  leads: ${DEMO_LISTENERS.length} demo listeners, ${demoMentions} mentions and ${demoLeads} leads from the demo feeds`);

  const size = SCALE[scale];
  const people = Math.min(size.people, peopleCount(scale));
  const batch = 2_000;
  for (let start = 1; start <= people; start += batch) {
    const end = Math.min(people, start + batch - 1);
    await seedGenerated(prisma, start, end, today);
    log(`  leads: generated people ${end} / ${people} (${end * MENTIONS_EACH} mentions, ${(end * MENTIONS_EACH) / LEAD_EVERY} leads)`);
  }
  if (size.adaBulk > 0) {
    const step = 50_000;
    for (let from = 0; from < size.adaBulk; from += step) {
      const ada = DEMO_LISTENERS[0]!;
      await seedBulkHistory(prisma, ada.owner, ada.keywords.map((text) => demoKeywordId(ada.owner, text)), ada.feeds.map((feed) => demoIntegrationId(ada.owner, feed)), from, Math.min(size.adaBulk, from + step), today);
      log(`  leads: Ada's year of history ${Math.min(size.adaBulk, from + step)} / ${size.adaBulk} mentions`);
    }
  }
  const [mentions, leads] = await Promise.all([prisma.mention.count(), prisma.lead.count()]);
  log(`  leads: ${mentions} mentions, ${leads} leads`);
}

/** A demo account's keywords, sources (with ten runs of history each) and what the feeds published. */
async function seedListener(prisma: PrismaClient, listener: DemoListener, today: Date): Promise<{ mentions: number; leads: number }> {
  const { owner } = listener;
  const keywords = listener.keywords.map((text, index) => ({ id: demoKeywordId(owner, text), text, createdAt: new Date(today.getTime() - (listener.days + 5 - index) * DAY) }));
  await prisma.keyword.createMany({ data: keywords.map((k) => ({ id: k.id, ownerId: owner, text: k.text, createdAt: k.createdAt })), skipDuplicates: true });
  await prisma.leadSettings.upsert({ where: { ownerId: owner }, create: { ownerId: owner, threshold: listener.threshold }, update: {} });

  const from = new Date(today.getTime() - listener.days * DAY);
  const mentions: Prisma.MentionCreateManyInput[] = [];
  // Each lead's mention (and its keyword) is known once the mentions are stored: see below.
  const leads: (Omit<Prisma.LeadCreateManyInput, 'mentionId' | 'keywordId'> & { itemKey: string })[] = [];
  for (const key of listener.feeds) {
    const feed = DEMO_FEEDS.find((f) => f.key === key)!;
    const url = demoFeedUrl(feed);
    const integrationId = demoIntegrationId(owner, feed.key);
    const runs = lastRuns(feed, today);
    const entries = demoEntriesBetween(feed, from, runs[0]!.at);
    await prisma.integration.upsert({
      where: { id: integrationId },
      create: {
        id: integrationId,
        ownerId: owner,
        name: feed.title,
        feedUrl: url,
        provider: feed.format,
        status: 'active',
        recentRuns: runs.map((run) => (run.ok ? 'S' : 'F')).join(''),
        healthScore: healthOf(runs.map((run) => (run.ok ? 'S' : 'F')).join('')),
        lastSearchedAt: runs[0]!.at,
        lastSuccessAt: runs.find((run) => run.ok)?.at ?? null,
        lastError: runs[0]!.ok ? null : 'Could not read the feed: HTTP 503',
        createdAt: new Date(from.getTime() - DAY),
      },
      update: {},
    });
    const matched = entries.flatMap((entry) => {
      const match = matchKeyword(entry, keywords);
      if (!match) return [];
      const foundAt = new Date(entry.publishedAt.getTime() + FOUND_AFTER);
      const { score, reasons } = scoreMention({ title: entry.title, content: entry.content, publishedAt: entry.publishedAt, now: foundAt, keywordInTitle: match.inTitle, keywordHits: match.hits });
      return [{ entry, keywordId: match.keyword.id, foundAt, score, reasons }];
    });
    await prisma.integrationLog.createMany({
      data: runs.map((run, index) => {
        const found = matched.filter((m) => m.foundAt.getTime() <= run.at.getTime() && m.foundAt.getTime() > run.at.getTime() - RUN_EVERY).length;
        return {
          id: stableUuid(`leads:log:${owner}:${feed.key}:${index}`),
          integrationId,
          level: run.ok ? ('info' as const) : ('error' as const),
          message: run.ok
            ? `Read 20 ${feed.format.toUpperCase()} entries: ${found === 0 ? 'nothing new.' : `${found} new mention${found === 1 ? '' : 's'}.`}`
            : 'Could not read the feed: HTTP 503',
          createdAt: run.at,
        };
      }),
      skipDuplicates: true,
    });
    for (const m of matched) {
      const key = itemKey(url, m.entry.id);
      const mentionId = stableUuid(`leads:mention:${owner}:${key}`);
      mentions.push({
        id: mentionId,
        ownerId: owner,
        keywordId: m.keywordId,
        integrationId,
        source: feed.title,
        author: m.entry.author,
        title: m.entry.title,
        content: m.entry.content,
        url: m.entry.link,
        itemKey: key,
        score: m.score,
        scoreReasons: m.reasons as unknown as Prisma.InputJsonValue,
        publishedAt: m.entry.publishedAt,
        createdAt: m.foundAt,
      });
      if (m.score >= listener.threshold) {
        const ageDays = (today.getTime() - m.foundAt.getTime()) / DAY;
        const status = seededStatus(mentionId, ageDays);
        leads.push({
          id: stableUuid(`leads:lead:${mentionId}`),
          ownerId: owner,
          itemKey: key,
          status,
          score: m.score,
          scoreReasons: m.reasons as unknown as Prisma.InputJsonValue,
          createdAt: m.foundAt,
          statusChangedAt: status === 'new' ? null : new Date(m.foundAt.getTime() + Math.min(ageDays / 2, 5) * DAY),
        });
      }
    }
  }
  const insertedMentions = await prisma.mention.createMany({ data: mentions, skipDuplicates: true });
  // A search run of the app may have stored an entry first (under an id of its own, and the
  // keyword it matched then): each lead goes to the mention stored for its entry, whichever.
  const stored = await prisma.mention.findMany({ where: { ownerId: owner, itemKey: { in: mentions.map((m) => m.itemKey) } }, select: { id: true, itemKey: true, keywordId: true } });
  const storedByKey = new Map(stored.map((mention) => [mention.itemKey, mention]));
  const insertedLeads = await prisma.lead.createMany({
    data: leads.map(({ itemKey, ...lead }) => {
      const mention = storedByKey.get(itemKey)!;
      return { ...lead, mentionId: mention.id, keywordId: mention.keywordId };
    }),
    skipDuplicates: true,
  });
  return { mentions: insertedMentions.count, leads: insertedLeads.count };
}

/** The ten searches before `today` (newest first), every 30 minutes; a flaky feed's outages fail. */
function lastRuns(feed: DemoFeed, today: Date): { at: Date; ok: boolean }[] {
  return Array.from({ length: 10 }, (_, index) => {
    const at = new Date(today.getTime() - 5 * 60_000 - index * RUN_EVERY);
    return { at, ok: !demoFeedDown(feed, at) };
  });
}

/** Generated people start..end: keywords, a paused source, mentions over 90 days, every fifth a lead. */
async function seedGenerated(prisma: PrismaClient, start: number, end: number, today: Date): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO keywords (id, owner_id, text, created_at, updated_at)
    SELECT md5('leads:kw:' || n || ':' || k)::uuid, 'usr_' || lpad(n::text, 7, '0'), (${TOPICS}::text[])[1 + (n + k) % ${TOPICS.length}],
           ${today}::timestamptz - interval '120 days', ${today}::timestamptz - interval '120 days'
    FROM generate_series(${start}::int, ${end}::int) AS n, generate_series(0, ${KEYWORDS_EACH - 1}::int) AS k
    ON CONFLICT DO NOTHING`;
  await prisma.$executeRaw`
    INSERT INTO integrations (id, owner_id, name, feed_url, provider, status, health_score, recent_runs, last_searched_at, last_success_at, created_at, updated_at)
    SELECT md5('leads:int:' || n)::uuid, 'usr_' || lpad(n::text, 7, '0'), 'Community feed', 'https://feeds.example.test/people/' || n || '.rss', 'rss', 'paused',
           100, 'SSSSS', ${today}::timestamptz - interval '2 days', ${today}::timestamptz - interval '2 days',
           ${today}::timestamptz - interval '120 days', ${today}::timestamptz - interval '2 days'
    FROM generate_series(${start}::int, ${end}::int) AS n
    ON CONFLICT DO NOTHING`;
  await insertBulkMentions(prisma, { kind: 'people', start, end }, today);
}

/**
 * A year of history for one owner (Ada's at large scale): mentions `from`..`to` spread over their
 * keywords and sources, every fifth a lead. Exported for the test of its SQL on a small size.
 */
export async function seedBulkHistory(prisma: PrismaClient, owner: string, keywordIds: string[], integrationIds: string[], from: number, to: number, today: Date): Promise<void> {
  await insertBulkMentions(prisma, { kind: 'owner', owner, keywordIds, integrationIds, from, to }, today);
}

type BulkTarget =
  | { kind: 'people'; start: number; end: number }
  | { kind: 'owner'; owner: string; keywordIds: string[]; integrationIds: string[]; from: number; to: number };

/**
 * Mentions and leads in bulk SQL (generate_series): the counters follow through the triggers,
 * one UPDATE per statement. Scores and their reasons add up like the job's.
 */
async function insertBulkMentions(prisma: PrismaClient, target: BulkTarget, today: Date): Promise<void> {
  const rows =
    target.kind === 'people'
      ? { series: `generate_series(${target.start}, ${target.end}) AS n, generate_series(0, ${MENTIONS_EACH - 1}) AS m`, days: 90 }
      : { series: `(SELECT 0 AS n) one, generate_series(${target.from}, ${target.to - 1}) AS m`, days: 365 };
  const owner = target.kind === 'people' ? `'usr_' || lpad(n::text, 7, '0')` : `'${target.owner}'`;
  const keyword = target.kind === 'people' ? `md5('leads:kw:' || n || ':' || (m % ${KEYWORDS_EACH}))::uuid` : `(ARRAY[${target.keywordIds.map((id) => `'${id}'`).join(',')}]::uuid[])[1 + m % ${target.keywordIds.length}]`;
  // The generated keyword's topic; for an owner, the keyword's own text is not known here: a topic of the same index.
  const topic = `(ARRAY[${TOPICS.map((t) => `'${t}'`).join(',')}])[1 + (n + m % ${target.kind === 'people' ? KEYWORDS_EACH : target.keywordIds.length}) % ${TOPICS.length}]`;
  const integration = target.kind === 'people' ? `md5('leads:int:' || n)::uuid` : `(ARRAY[${target.integrationIds.map((id) => `'${id}'`).join(',')}]::uuid[])[1 + m % ${target.integrationIds.length}]`;
  const source = target.kind === 'people' ? `'Community feed'` : `(ARRAY[${SOURCES.slice(0, 3).map((s) => `'${s}'`).join(',')}, 'Vendor status board'])[1 + m % 4]`;
  const prefix = target.kind === 'people' ? `'leads:bulk:' || n || ':' || m` : `'leads:bulk:${target.owner}:' || m`;
  // Everything below is built from constants of this file (no input): safe to inline.
  const sql = `
    WITH src AS (
      SELECT n, m, ${owner} AS owner_id, ${keyword} AS keyword_id, ${integration} AS integration_id, ${source} AS source, ${topic} AS topic,
             md5(${prefix})::uuid AS id, encode(sha256(convert_to(${prefix}, 'UTF8')), 'hex') AS item_key,
             30 + (n * 7 + m * 13) % 70 AS score,
             '${today.toISOString()}'::timestamptz - make_interval(mins => ((n * 31 + m * 97) % (${rows.days} * 1440))::int) - interval '1 hour' AS published_at
      FROM ${rows.series}
    ),
    mentions_in AS (
      INSERT INTO mentions (id, owner_id, keyword_id, integration_id, source, author, title, content, url, item_key, score, score_reasons, published_at, created_at)
      SELECT id, owner_id, keyword_id, integration_id, source,
             (ARRAY[${AUTHORS.map((a) => `'${a}'`).join(',')}])[1 + (n + m) % ${AUTHORS.length}],
             replace((ARRAY[${TITLES.map((t) => `'${t.replace(/'/g, "''")}'`).join(',')}])[1 + (n * 3 + m) % ${TITLES.length}], '{kw}', topic),
             'A discussion about ' || topic || ' with a few replies and links.',
             'https://community.example.test/t/' || replace(id::text, '-', ''),
             item_key, score,
             CASE WHEN score >= 35 THEN jsonb_build_array(jsonb_build_object('label', 'Keyword in the title', 'points', 35), jsonb_build_object('label', 'Buying intent and a question', 'points', score - 35))
                  ELSE jsonb_build_array(jsonb_build_object('label', 'Keyword in the text', 'points', score)) END,
             published_at, published_at + interval '20 minutes'
      FROM src
      ON CONFLICT DO NOTHING
      RETURNING id, owner_id, keyword_id, score, score_reasons, created_at
    )
    INSERT INTO leads (id, owner_id, mention_id, keyword_id, status, score, score_reasons, created_at, updated_at, status_changed_at)
    SELECT md5('leads:lead:' || i.id)::uuid, i.owner_id, i.id, i.keyword_id,
           (ARRAY['new', 'qualified', 'converted', 'lost', 'qualified', 'new', 'converted', 'new', 'lost', 'qualified'])[1 + abs(hashtext(i.id::text)) % 10]::lead_status,
           i.score, i.score_reasons, i.created_at, i.created_at, NULL
    FROM mentions_in i JOIN src s ON s.id = i.id
    WHERE s.m % ${LEAD_EVERY} = 0
    ON CONFLICT DO NOTHING`;
  await prisma.$executeRawUnsafe(sql);
}

