import { randomUUID } from 'node:crypto';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { env } from '@/lib/env';
import { SafeFetchError, safeFetch } from '@/lib/http/safe-fetch';
import { outgoing, sendEvents } from '@/lib/jobs/backend';
import { logger } from '@/lib/metrics/logger';
import { demoFeedResponse, isDemoFeedUrl } from './demo-feeds';
import { FEED_ACCEPT, FEED_MEDIA_TYPES, FeedParseError, itemKey, matchKeyword, parseFeedDocument, type MatchableKeyword } from './feeds';
import { SEARCHES_PER_TICK, SEARCH_INTERVAL_MINUTES, searchRequested } from './module';
import { DEFAULT_THRESHOLD, warmDashboard } from './queries';
import { scoreMention } from './scoring';
import { dataTag, sourcesTag } from './tags';
import type { FeedFormat, SearchOutcome } from './types';

/*
 * The logic of the Leads jobs, declared with their events in ./module.ts.
 */

export const FEED_TIMEOUT_MS = 10_000;
export const FEED_MAX_BYTES = 2 * 1024 * 1024;
const MAX_ERROR = 500;
const RUNS_KEPT = 10;

interface SourceRow {
  id: string;
  owner_id: string;
  name: string;
  feed_url: string;
  status: 'active' | 'paused';
  recent_runs: string;
  threshold: number;
  keywords: MatchableKeyword[];
}

/** The health score: successes among the last ten runs, in percent. */
export function healthOf(recentRuns: string): number {
  if (!recentRuns) return 100;
  return Math.round((100 * [...recentRuns].filter((run) => run === 'S').length) / recentRuns.length);
}

type Fetched = { ok: true; body: string; url: string } | { ok: false; error: string };

/** The feed's document: a demo source is answered here (no network), any other through the platform's safe fetcher. */
async function fetchFeed(url: string, now: Date, allowedPrivateOrigins: readonly string[]): Promise<Fetched> {
  if (isDemoFeedUrl(url)) {
    const demo = demoFeedResponse(url, now);
    return demo.ok ? { ok: true, body: demo.body, url } : demo;
  }
  try {
    const response = await safeFetch(url, {
      mediaTypes: FEED_MEDIA_TYPES,
      accept: FEED_ACCEPT,
      unsupportedType: (type) => `not a feed (${type || 'no content type'})`,
      noun: 'feed',
      timeoutMs: FEED_TIMEOUT_MS,
      maxBytes: FEED_MAX_BYTES,
      allowedPrivateOrigins,
    });
    return { ok: true, body: response.body, url: response.url };
  } catch (error) {
    if (error instanceof SafeFetchError) return { ok: false, error: error.message };
    throw error;
  }
}

async function setProgress(id: string, state: 'running' | 'idle', progress: string | null): Promise<void> {
  await prisma.$executeRaw`UPDATE integrations SET search_state = ${state}::search_state, search_progress = ${progress}, updated_at = now() WHERE id = ${id}::uuid`;
}

/**
 * Searches one source (plan 001's search job): fetches its feed through the safe fetcher, finds
 * the owner's keywords in each entry, stores new mentions idempotently (one per source item: a
 * second run adds nothing), scores them, makes leads of those at or above the owner's threshold,
 * logs the run and updates the source's health from its last ten runs. A feed that cannot be
 * read is a failed run (logged, health down), not a failed job: the next run tries again.
 */
export async function searchIntegration(
  integrationId: string,
  options: { reason?: 'schedule' | 'manual' | 'added'; now?: Date; allowedPrivateOrigins?: readonly string[] } = {},
): Promise<SearchOutcome> {
  const now = options.now ?? new Date();
  const [source] = await prisma.$queryRaw<SourceRow[]>`
    SELECT i.id, i.owner_id, i.name, i.feed_url, i.status::text AS status, i.recent_runs,
           coalesce((SELECT threshold FROM lead_settings s WHERE s.owner_id = i.owner_id), ${DEFAULT_THRESHOLD}) AS threshold,
           coalesce((SELECT json_agg(json_build_object('id', k.id, 'text', k.text) ORDER BY k.id) FROM keywords k WHERE k.owner_id = i.owner_id), '[]') AS keywords
    FROM integrations i WHERE i.id = ${integrationId}::uuid`;
  if (!source) return { status: 'skipped' };
  if (source.status === 'paused' && options.reason !== 'manual') {
    await setProgress(source.id, 'idle', null);
    await invalidate([sourcesTag(source.owner_id)]);
    return { status: 'skipped' };
  }

  await setProgress(source.id, 'running', 'Fetching the feed');
  const fetched = await fetchFeed(source.feed_url, now, options.allowedPrivateOrigins ?? env().SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS);
  let outcome: SearchOutcome;
  if (!fetched.ok) {
    outcome = await recordFailure(source, `Could not read the feed: ${fetched.error}`, now);
  } else {
    let feed: ReturnType<typeof parseFeedDocument> | null = null;
    try {
      feed = parseFeedDocument(fetched.body, fetched.url);
    } catch (error) {
      if (!(error instanceof FeedParseError)) throw error;
      outcome = await recordFailure(source, `Could not read the feed: ${error.message}`, now);
    }
    if (feed) {
      await setProgress(source.id, 'running', `Matching ${feed.entries.length} entries`);
      outcome = await storeEntries(source, feed, now);
    }
  }
  await invalidate(outcome!.newMentions ? [sourcesTag(source.owner_id), dataTag(source.owner_id)] : [sourcesTag(source.owner_id)]);
  // The plan's cache warming: the owner's dashboard is filled again before they look.
  if (outcome!.newMentions) await warmDashboard(source.owner_id);
  return outcome!;
}

async function recordFailure(source: SourceRow, message: string, now: Date): Promise<SearchOutcome> {
  const runs = `F${source.recent_runs}`.slice(0, RUNS_KEPT);
  const error = message.slice(0, MAX_ERROR);
  await prisma.$transaction([
    prisma.$executeRaw`INSERT INTO integration_logs (id, integration_id, level, message, created_at) VALUES (${randomUUID()}::uuid, ${source.id}::uuid, 'error', ${error}, ${now})`,
    prisma.$executeRaw`
      UPDATE integrations SET search_state = 'idle', search_progress = NULL, last_searched_at = ${now}, last_error = ${error},
        recent_runs = ${runs}, health_score = ${healthOf(runs)}, updated_at = now()
      WHERE id = ${source.id}::uuid`,
  ]);
  logger.warn({ integrationId: source.id, error }, 'leads: a source could not be read');
  return { status: 'failed', error };
}

async function storeEntries(source: SourceRow, feed: ReturnType<typeof parseFeedDocument>, now: Date): Promise<SearchOutcome> {
  const rows = feed.entries.flatMap((entry) => {
    const match = matchKeyword(entry, source.keywords);
    if (!match) return [];
    const publishedAt = entry.publishedAt && entry.publishedAt.getTime() <= now.getTime() ? entry.publishedAt : now;
    const { score, reasons } = scoreMention({ title: entry.title, content: entry.content, publishedAt, now, keywordInTitle: match.inTitle, keywordHits: match.hits });
    return [{ entry, keywordId: match.keyword.id, publishedAt, score, reasons }];
  });
  const sourceName = (feed.title ?? source.name).slice(0, 120);
  let newMentions = 0;
  let newLeads = 0;
  const runs = `S${source.recent_runs}`.slice(0, RUNS_KEPT);
  const format = feed.format as FeedFormat;
  await prisma.$transaction(async (tx) => {
    if (rows.length > 0) {
      // New mentions and their leads in one statement: ON CONFLICT keeps what an earlier run stored.
      const [counts] = await tx.$queryRaw<{ mentions: number; leads: number }[]>`
        WITH input AS (
          SELECT * FROM unnest(
            ${rows.map(() => randomUUID())}::uuid[], ${rows.map((r) => r.keywordId)}::uuid[], ${rows.map((r) => r.entry.author)}::text[],
            ${rows.map((r) => r.entry.title)}::text[], ${rows.map((r) => r.entry.content)}::text[], ${rows.map((r) => r.entry.link)}::text[],
            ${rows.map((r) => itemKey(source.feed_url, r.entry.id))}::text[], ${rows.map((r) => r.score)}::int[],
            ${rows.map((r) => JSON.stringify(r.reasons))}::text[], ${rows.map((r) => r.publishedAt.toISOString())}::timestamptz[]
          ) AS x(id, keyword_id, author, title, content, url, item_key, score, reasons, published_at)
        ),
        inserted AS (
          INSERT INTO mentions (id, owner_id, keyword_id, integration_id, source, author, title, content, url, item_key, score, score_reasons, published_at, created_at)
          SELECT id, ${source.owner_id}, keyword_id, ${source.id}::uuid, ${sourceName}, author, title, content, url, item_key, score, reasons::jsonb, published_at, ${now}
          FROM input
          ON CONFLICT (owner_id, item_key) DO NOTHING
          RETURNING id, owner_id, keyword_id, score, score_reasons
        ),
        promoted AS (
          INSERT INTO leads (id, owner_id, mention_id, keyword_id, score, score_reasons, created_at, updated_at)
          SELECT gen_random_uuid(), owner_id, id, keyword_id, score, score_reasons, ${now}, ${now} FROM inserted WHERE score >= ${source.threshold}
          ON CONFLICT (mention_id) DO NOTHING
          RETURNING id
        )
        SELECT (SELECT count(*) FROM inserted)::int AS mentions, (SELECT count(*) FROM promoted)::int AS leads`;
      newMentions = counts?.mentions ?? 0;
      newLeads = counts?.leads ?? 0;
    }
    const summary =
      feed.entries.length === 0
        ? 'The feed has no entries.'
        : `Read ${feed.entries.length} ${format.toUpperCase()} entries, ${rows.length} about your keywords: ` +
          (newMentions === 0 ? 'nothing new.' : `${newMentions} new mention${newMentions === 1 ? '' : 's'}, ${newLeads} new lead${newLeads === 1 ? '' : 's'} (threshold ${source.threshold}).`);
    await tx.$executeRaw`
      INSERT INTO integration_logs (id, integration_id, level, message, created_at)
      VALUES (${randomUUID()}::uuid, ${source.id}::uuid, ${feed.entries.length === 0 ? 'warn' : 'info'}::log_level, ${summary.slice(0, MAX_ERROR)}, ${now})`;
    await tx.$executeRaw`
      UPDATE integrations SET search_state = 'idle', search_progress = NULL, last_searched_at = ${now}, last_success_at = ${now}, last_error = NULL,
        recent_runs = ${runs}, health_score = ${healthOf(runs)}, provider = ${format}::feed_format, updated_at = now()
      WHERE id = ${source.id}::uuid`;
  });
  return { status: 'done', entries: feed.entries.length, newMentions, newLeads };
}

/**
 * The schedule (every 10 minutes): marks the active sources not searched for 30 minutes as
 * queued, least recently searched first, and sends one search event each, in one call.
 */
export async function scheduleSearches(): Promise<{ queued: number }> {
  const due = await prisma.$queryRaw<{ id: string; owner_id: string }[]>`
    WITH due AS (
      SELECT id FROM integrations
      WHERE status = 'active'
        AND (last_searched_at IS NULL OR last_searched_at < now() - make_interval(mins => ${SEARCH_INTERVAL_MINUTES}::int))
        AND (search_state = 'idle' OR search_requested_at < now() - interval '15 minutes')
      ORDER BY last_searched_at NULLS FIRST, id
      LIMIT ${SEARCHES_PER_TICK}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE integrations i SET search_state = 'queued', search_progress = 'Waiting for its turn', search_requested_at = now()
    FROM due WHERE i.id = due.id
    RETURNING i.id, i.owner_id`;
  if (due.length === 0) return { queued: 0 };
  await sendEvents(due.map((source) => outgoing(searchRequested, { integrationId: source.id, reason: 'schedule' })));
  await invalidate([...new Set(due.map((source) => sourcesTag(source.owner_id)))]);
  return { queued: due.length };
}

// ---------------------------------------------------------------------------------------------
// The counter audit

export interface Drift {
  counter: string;
  key: string;
  stored: number;
  actual: number;
}

export interface AuditResult {
  checked: number;
  drifted: number;
  samples: Drift[];
}

const AUDIT_BATCH = { keywords: 500, users: 1000 } as const;
const SAMPLES_KEPT = 20;

/**
 * Plan 001's counter backfill as a job: recounts every counter cache in batches and repairs the
 * ones that drifted. Each batch locks its rows first (FOR NO KEY UPDATE, the lock the triggers
 * take), then recounts in a new statement, whose snapshot sees every write that finished before
 * the lock: a write still in flight waits and bumps the repaired value. So the audit never
 * introduces drift of its own, even while people write. The result goes to lead_counter_audits,
 * which the ops console reads (an alert when the last audit found drift).
 */
export async function auditCounters(): Promise<AuditResult> {
  const startedAt = new Date();
  const result: AuditResult = { checked: 0, drifted: 0, samples: [] };
  const note = (drifts: Drift[]) => {
    result.drifted += drifts.length;
    for (const drift of drifts) if (result.samples.length < SAMPLES_KEPT) result.samples.push(drift);
  };
  const touchedOwners = new Set<string>();

  for (let after = '00000000-0000-0000-0000-000000000000'; ; ) {
    const batch = await prisma.$transaction(async (tx) => {
      const ids = (await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM keywords WHERE id > ${after}::uuid ORDER BY id LIMIT ${AUDIT_BATCH.keywords} FOR NO KEY UPDATE`).map((row) => row.id);
      if (ids.length === 0) return null;
      const drifts = await tx.$queryRaw<(Drift & { owner: string })[]>`
        WITH actual AS (
          SELECT k.id, k.owner_id, k.mentions_count, k.leads_count,
                 (SELECT count(*) FROM mentions m WHERE m.keyword_id = k.id)::int AS mentions,
                 (SELECT count(*) FROM mentions m JOIN leads l ON l.mention_id = m.id WHERE m.keyword_id = k.id)::int AS leads
          FROM keywords k WHERE k.id = ANY (${ids}::uuid[])
        ),
        fixed AS (
          UPDATE keywords k SET mentions_count = a.mentions, leads_count = a.leads
          FROM actual a WHERE k.id = a.id AND (a.mentions <> a.mentions_count OR a.leads <> a.leads_count)
          RETURNING k.id
        )
        SELECT 'keywords.mentions_count' AS counter, a.id::text AS key, a.owner_id AS owner, a.mentions_count AS stored, a.mentions AS actual FROM actual a WHERE a.mentions <> a.mentions_count
        UNION ALL
        SELECT 'keywords.leads_count', a.id::text, a.owner_id, a.leads_count, a.leads FROM actual a WHERE a.leads <> a.leads_count`;
      return { last: ids.at(-1)!, checked: ids.length * 2, drifts };
    });
    if (!batch) break;
    after = batch.last;
    result.checked += batch.checked;
    note(batch.drifts);
    for (const drift of batch.drifts) touchedOwners.add(drift.owner);
  }

  for (let after = ''; ; ) {
    const batch = await prisma.$transaction(async (tx) => {
      const ids = (await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM users WHERE id > ${after} ORDER BY id LIMIT ${AUDIT_BATCH.users} FOR NO KEY UPDATE`).map((row) => row.id);
      if (ids.length === 0) return null;
      const userDrifts = await tx.$queryRaw<Drift[]>`
        WITH actual AS (
          SELECT u.id, u.keywords_count, u.mentions_count, u.leads_count,
                 (SELECT count(*) FROM keywords k WHERE k.owner_id = u.id)::int AS keywords,
                 (SELECT count(*) FROM mentions m WHERE m.owner_id = u.id)::int AS mentions,
                 (SELECT count(*) FROM leads l WHERE l.owner_id = u.id)::int AS leads
          FROM users u WHERE u.id = ANY (${ids}::text[])
        ),
        fixed AS (
          UPDATE users u SET keywords_count = a.keywords, mentions_count = a.mentions, leads_count = a.leads
          FROM actual a WHERE u.id = a.id AND (a.keywords <> a.keywords_count OR a.mentions <> a.mentions_count OR a.leads <> a.leads_count)
          RETURNING u.id
        )
        SELECT 'users.keywords_count' AS counter, id AS key, keywords_count AS stored, keywords AS actual FROM actual WHERE keywords <> keywords_count
        UNION ALL SELECT 'users.mentions_count', id, mentions_count, mentions FROM actual WHERE mentions <> mentions_count
        UNION ALL SELECT 'users.leads_count', id, leads_count, leads FROM actual WHERE leads <> leads_count`;
      const rollupDrifts = await tx.$queryRaw<Drift[]>`
        WITH actual_status AS (
          SELECT owner_id, status, count(*)::int AS n FROM leads WHERE owner_id = ANY (${ids}::text[]) GROUP BY 1, 2
        ),
        status_diff AS (
          SELECT owner_id, status, coalesce(s.leads, 0) AS stored, coalesce(a.n, 0) AS actual
          FROM actual_status a FULL JOIN (SELECT * FROM lead_status_counts WHERE owner_id = ANY (${ids}::text[])) s USING (owner_id, status)
          WHERE coalesce(s.leads, 0) <> coalesce(a.n, 0)
        ),
        status_fixed AS (
          INSERT INTO lead_status_counts (owner_id, status, leads) SELECT owner_id, status, actual FROM status_diff
          ON CONFLICT (owner_id, status) DO UPDATE SET leads = excluded.leads RETURNING 1
        ),
        actual_daily AS (
          SELECT owner_id, (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n FROM leads WHERE owner_id = ANY (${ids}::text[]) GROUP BY 1, 2
        ),
        daily_diff AS (
          SELECT owner_id, day, coalesce(s.leads, 0) AS stored, coalesce(a.n, 0) AS actual
          FROM actual_daily a FULL JOIN (SELECT * FROM lead_daily_counts WHERE owner_id = ANY (${ids}::text[])) s USING (owner_id, day)
          WHERE coalesce(s.leads, 0) <> coalesce(a.n, 0)
        ),
        daily_fixed AS (
          INSERT INTO lead_daily_counts (owner_id, day, leads) SELECT owner_id, day, actual FROM daily_diff
          ON CONFLICT (owner_id, day) DO UPDATE SET leads = excluded.leads RETURNING 1
        )
        SELECT 'lead_status_counts' AS counter, owner_id || ':' || status AS key, stored, actual FROM status_diff
        UNION ALL SELECT 'lead_daily_counts', owner_id || ':' || to_char(day, 'YYYY-MM-DD'), stored, actual FROM daily_diff
        UNION ALL SELECT 'checked', (SELECT count(*) FROM status_fixed)::text, (SELECT count(*) FROM actual_status)::int, (SELECT count(*) FROM actual_daily)::int`;
      return { last: ids.at(-1)!, ids, userDrifts, rollupDrifts };
    });
    if (!batch) break;
    after = batch.last;
    const checkedRow = batch.rollupDrifts.find((drift) => drift.counter === 'checked');
    result.checked += batch.ids.length * 3 + (checkedRow ? checkedRow.stored + checkedRow.actual : 0);
    const drifts = [...batch.userDrifts, ...batch.rollupDrifts.filter((drift) => drift.counter !== 'checked')];
    note(drifts);
    for (const drift of drifts) touchedOwners.add(drift.key.split(':')[0]!);
  }

  await prisma.$executeRaw`
    INSERT INTO lead_counter_audits (id, started_at, finished_at, checked, drifted, samples)
    VALUES (${randomUUID()}::uuid, ${startedAt}, now(), ${result.checked}, ${result.drifted}, ${JSON.stringify(result.samples)}::jsonb)`;
  if (touchedOwners.size > 0) {
    logger.warn({ drifted: result.drifted, samples: result.samples }, 'leads: the counter audit repaired drifted counters');
    await invalidate([...touchedOwners].map(dataTag));
  }
  return result;
}
