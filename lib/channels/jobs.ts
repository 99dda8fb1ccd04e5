import { prisma } from '@/lib/db/client';
import { invalidate, invalidateCoalesced } from '@/lib/cache/cache';
import { env } from '@/lib/env';
import { outgoing, sendEvents } from '@/lib/jobs/backend';
import { INGEST_CHUNK_SIZE, metricsReceived } from './module';
import type { ChannelSnapshot, PostSnapshot, StoredBatchPayload } from './schemas';
import { channelMetricsTag, ownerMetricsTag, ownerTag } from './tags';

/*
 * The logic of the Channels jobs, declared with their events in ./module.ts.
 *
 * Ingestion is idempotent by construction: a post snapshot is keyed by (post, captured_at), and
 * the statement that inserts a chunk of them (ON CONFLICT DO NOTHING … RETURNING) adds to the
 * rollups exactly the rows it inserted, in the same statement. A replayed batch, a retried
 * chunk, a redelivered event or two runs racing on the same batch therefore change nothing
 * twice, and analytics_daily stays equal to a recomputation from post_metrics.
 */

interface Touched {
  channelId: string;
  ownerId: string;
}

export interface IngestResult {
  /** Batches applied by this run (a batch already processed is skipped). */
  batches: number;
  /** Post snapshots read, new ones written (replays and duplicates are not), and chunk statements. */
  postSnapshots: number;
  inserted: number;
  chunks: number;
  /** Channel (audience) snapshots read. */
  channelSnapshots: number;
  /** Channels whose cached analytics were dropped. */
  channels: number;
}

/** Splits a list into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Snapshots without duplicate keys (the first wins), in key order (rows are locked in that order). */
export function uniqueSnapshots<T>(snapshots: readonly T[], key: (s: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const snapshot of snapshots) {
    const k = key(snapshot);
    if (!seen.has(k)) seen.set(k, snapshot);
  }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

// Keys compare equal whatever the case of the id and the form of the time (offsets, precision).
const postKey = (s: PostSnapshot) => `${s.postId.toLowerCase()}|${new Date(s.capturedAt).toISOString()}`;
const channelKey = (s: ChannelSnapshot) => `${s.channelId.toLowerCase()}|${new Date(s.capturedAt).toISOString()}`;

/**
 * Applies queued metric batches (plan 002's batch_task + memory_efficient_task): their post
 * snapshots in chunks of 500, one statement per chunk, then their audience snapshots, then
 * marks them processed and drops the cached analytics of the channels they touched (at once, or
 * at the end of the freshness window `freshnessMs`, CHANNELS_METRICS_FRESHNESS_SECONDS by default).
 */
export async function ingestBatches(batchIds: readonly string[], { freshnessMs }: { freshnessMs?: number } = {}): Promise<IngestResult> {
  const ids = [...new Set(batchIds)];
  const batches = await prisma.$queryRaw<{ id: string; payload: StoredBatchPayload }[]>`
    SELECT id::text, payload FROM metric_batches WHERE id = ANY (${ids}::uuid[]) AND status = 'queued' ORDER BY received_at, id`;
  const result: IngestResult = { batches: batches.length, postSnapshots: 0, inserted: 0, chunks: 0, channelSnapshots: 0, channels: 0 };
  if (batches.length === 0) return result;

  const posts = uniqueSnapshots(
    batches.flatMap((batch) => batch.payload.posts),
    postKey,
  );
  const audience = uniqueSnapshots(
    batches.flatMap((batch) => batch.payload.channels),
    channelKey,
  );
  result.postSnapshots = posts.length;
  result.channelSnapshots = audience.length;

  const touched = new Map<string, Touched>();
  for (const chunk of chunks(posts, INGEST_CHUNK_SIZE)) {
    const applied = await applyPostChunk(chunk);
    result.inserted += applied.inserted;
    result.chunks += 1;
    for (const t of applied.touched) touched.set(t.channelId, t);
  }
  for (const chunk of chunks(audience, INGEST_CHUNK_SIZE)) {
    for (const t of await applyChannelChunk(chunk)) touched.set(t.channelId, t);
    result.chunks += 1;
  }

  await prisma.$executeRaw`
    UPDATE metric_batches SET status = 'processed', processed_at = now(), payload = NULL
    WHERE id = ANY (${batches.map((b) => b.id)}::uuid[]) AND status = 'queued'`;
  result.channels = touched.size;
  if (touched.size > 0) {
    // Only what metrics change, and coalesced: a busy collector costs the caches one drop per
    // channel and window, not one per batch (README, Channels: freshness).
    const values = [...touched.values()];
    await invalidateCoalesced(
      [...values.map((t) => channelMetricsTag(t.channelId)), ...values.map((t) => ownerMetricsTag(t.ownerId))],
      freshnessMs ?? env().CHANNELS_METRICS_FRESHNESS_SECONDS * 1000,
    );
  }
  return result;
}

/**
 * One chunk of post snapshots in one statement: the rows (new ones only), the posts' totals and
 * the channels' daily rollups by exactly what was inserted. A post deleted since the batch was
 * accepted is skipped (the join), never an error.
 */
export async function applyPostChunk(chunk: readonly PostSnapshot[]): Promise<{ inserted: number; touched: Touched[] }> {
  const [row] = await prisma.$queryRaw<{ inserted: number; touched: Touched[] }[]>`
    WITH input AS (
      SELECT * FROM unnest(${chunk.map((s) => s.postId)}::uuid[], ${chunk.map((s) => s.capturedAt)}::timestamptz[],
                           ${chunk.map((s) => s.views)}::int[], ${chunk.map((s) => s.likes)}::int[], ${chunk.map((s) => s.forwards)}::int[])
        AS s (post_id, captured_at, views, likes, forwards)
    ),
    inserted AS (
      INSERT INTO post_metrics (post_id, captured_at, views, likes, forwards)
      SELECT i.post_id, i.captured_at, i.views, i.likes, i.forwards
      FROM input i JOIN posts p ON p.id = i.post_id
      ORDER BY i.post_id, i.captured_at
      ON CONFLICT (post_id, captured_at) DO NOTHING
      RETURNING post_id, captured_at, views, likes, forwards
    ),
    per_post AS (
      SELECT post_id, sum(views) AS views, sum(likes) AS likes, sum(forwards) AS forwards, max(captured_at) AS last
      FROM inserted GROUP BY post_id
    ),
    posts_updated AS (
      UPDATE posts p
      SET views = p.views + pp.views, likes = p.likes + pp.likes, forwards = p.forwards + pp.forwards,
          metrics_at = greatest(p.metrics_at, pp.last)
      FROM (SELECT * FROM per_post ORDER BY post_id) pp
      WHERE p.id = pp.post_id
      RETURNING p.id
    ),
    per_day AS (
      SELECT p.channel_id, (i.captured_at AT TIME ZONE 'UTC')::date AS day,
             sum(i.views) AS views, sum(i.likes) AS likes, sum(i.forwards) AS forwards
      FROM inserted i JOIN posts p ON p.id = i.post_id
      GROUP BY 1, 2
    ),
    daily AS (
      INSERT INTO analytics_daily (channel_id, day, posts, views, likes, forwards)
      SELECT channel_id, day, 0, views, likes, forwards FROM per_day ORDER BY channel_id, day
      ON CONFLICT (channel_id, day) DO UPDATE
      SET views = analytics_daily.views + excluded.views,
          likes = analytics_daily.likes + excluded.likes,
          forwards = analytics_daily.forwards + excluded.forwards
      RETURNING channel_id
    )
    SELECT (SELECT count(*)::int FROM inserted) AS inserted,
           (SELECT count(*)::int FROM posts_updated) AS posts_updated,
           coalesce((SELECT json_agg(json_build_object('channelId', c.id, 'ownerId', c.owner_id))
                     FROM channels c WHERE c.id IN (SELECT channel_id FROM daily)), '[]'::json) AS touched`;
  return { inserted: row?.inserted ?? 0, touched: row?.touched ?? [] };
}

/**
 * One chunk of audience snapshots in one statement: each day's latest snapshot into
 * channel_stats, the latest of all into the channel's subscriber count. An older snapshot than
 * the one kept changes nothing (replays included).
 */
export async function applyChannelChunk(chunk: readonly ChannelSnapshot[]): Promise<Touched[]> {
  const [row] = await prisma.$queryRaw<{ touched: Touched[] }[]>`
    WITH input AS (
      SELECT * FROM unnest(${chunk.map((s) => s.channelId)}::uuid[], ${chunk.map((s) => s.capturedAt)}::timestamptz[], ${chunk.map((s) => s.subscribers)}::int[])
        AS s (channel_id, captured_at, subscribers)
      WHERE EXISTS (SELECT 1 FROM channels c WHERE c.id = s.channel_id)
    ),
    per_day AS (
      SELECT DISTINCT ON (channel_id, day) channel_id, day, captured_at, subscribers
      FROM (SELECT *, (captured_at AT TIME ZONE 'UTC')::date AS day FROM input) i
      ORDER BY channel_id, day, captured_at DESC
    ),
    stats AS (
      INSERT INTO channel_stats (channel_id, period_start, period_end, subscribers, captured_at)
      SELECT channel_id, day, day + 1, subscribers, captured_at FROM per_day ORDER BY channel_id, day
      ON CONFLICT (channel_id, period_start, period_end) DO UPDATE
      SET subscribers = excluded.subscribers, captured_at = excluded.captured_at
      WHERE channel_stats.captured_at < excluded.captured_at
      RETURNING channel_id
    ),
    latest AS (
      SELECT DISTINCT ON (channel_id) channel_id, captured_at, subscribers FROM input ORDER BY channel_id, captured_at DESC
    ),
    channels_updated AS (
      UPDATE channels c SET subscriber_count = l.subscribers, subscribers_at = l.captured_at
      FROM latest l
      WHERE c.id = l.channel_id AND (c.subscribers_at IS NULL OR c.subscribers_at < l.captured_at)
      RETURNING c.id
    )
    SELECT coalesce((SELECT json_agg(json_build_object('channelId', c.id, 'ownerId', c.owner_id))
                     FROM channels c
                     WHERE c.id IN (SELECT channel_id FROM stats UNION SELECT id FROM channels_updated)), '[]'::json) AS touched`;
  return row?.touched ?? [];
}

/** Batches still queued after this long have lost their job (a process that stopped): queue them again. */
export const STALE_BATCH_MINUTES = 10;
/** Processed batches are kept this long for their status, then deleted. */
export const BATCH_RETENTION_DAYS = 7;
const SWEEP_LIMIT = 500;

export interface MaintenanceResult {
  requeued: number;
  expiredSubscriptions: number;
  deletedBatches: number;
}

/**
 * The periodic upkeep (every 10 minutes): queues again the batches whose job was lost (the
 * inline backend is best effort; an Inngest send may have failed), marks subscriptions past
 * their end expired (which keeps plan 002's partial index small), and deletes processed batches
 * older than a week. Each step is bounded and idempotent.
 */
export async function runMaintenance(now = new Date()): Promise<MaintenanceResult> {
  const staleBefore = new Date(now.getTime() - STALE_BATCH_MINUTES * 60_000);
  const stale = await prisma.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM metric_batches WHERE status = 'queued' AND received_at < ${staleBefore}
    ORDER BY received_at LIMIT ${SWEEP_LIMIT}`;
  if (stale.length > 0) await sendEvents(stale.map(({ id }) => outgoing(metricsReceived, { batchId: id })));

  const expired = await prisma.$queryRaw<{ user_id: string }[]>`
    UPDATE subscriptions SET status = 'expired', updated_at = now()
    WHERE status IN ('active', 'trial') AND expires_at <= ${now}
    RETURNING user_id`;
  if (expired.length > 0) await invalidate([...new Set(expired.map((row) => ownerTag(row.user_id)))]);

  const deleted = await prisma.$executeRaw`
    DELETE FROM metric_batches WHERE id IN (
      SELECT id FROM metric_batches WHERE status = 'processed' AND processed_at < ${new Date(now.getTime() - BATCH_RETENTION_DAYS * 86_400_000)}
      LIMIT 10000)`;
  return { requeued: stale.length, expiredSubscriptions: expired.length, deletedBatches: deleted };
}
