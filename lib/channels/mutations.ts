import { randomUUID } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { invalidate } from '@/lib/cache/cache';
import { JobEventSendError, outgoing, sendEvents } from '@/lib/jobs/backend';
import { logger } from '@/lib/metrics/logger';
import { fail, invalid, isUuid, ok, type MutationResult } from '@/lib/validation';
import { metricsReceived } from './module';
import { channelInputSchema, ingestInputSchema, postInputSchema, type StoredBatchPayload } from './schemas';
import { channelTag, ownerTag } from './tags';
import { FREE_PLAN_ID, type AcceptedBatch } from './types';

/*
 * Writes of the Channels module. Each validates its input with zod, writes in one transaction
 * (most in one statement), then drops the caches of what changed: the owner's dashboard
 * (ownerTag) and the channel's own reads (channelTag), so the author sees the change on the
 * next request. Metric snapshots are accepted here and applied by the ingestion job (jobs.ts).
 */

const CHANNEL_NOT_FOUND = 'This channel does not exist or is not yours to change.';
const HANDLE_TAKEN = 'This handle is taken: choose another.';

/** The handle's unique index refused the write (the only unique key a channel write can break). */
const isHandleTaken = (error: unknown) =>
  (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') ||
  // Raw statements report PostgreSQL's error, which names the index.
  (error instanceof Error && error.message.includes('channels_handle_key'));

interface LimitRow {
  used: number;
  max_channels: number;
  plan_name: string;
}

/**
 * A new channel, within the limit of the owner's plan (the live subscription's, else the free
 * plan's). The owner's row is locked first, so that two creations at once cannot both take the
 * last place: the lock, then the check and the insert in one statement, in one transaction.
 */
export async function createChannel(viewerId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  const parsed = channelInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { title, handle } = parsed.data;
  const id = randomUUID();
  try {
    const result = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM users WHERE id = ${viewerId} FOR UPDATE`;
      const [row] = await tx.$queryRaw<(LimitRow & { id: string | null })[]>`
        WITH limits AS (
          SELECT (SELECT count(*)::int FROM channels WHERE owner_id = ${viewerId}) AS used,
                 coalesce(live.max_channels, free.max_channels) AS max_channels,
                 coalesce(live.name, free.name) AS plan_name
          FROM subscription_plans free
          LEFT JOIN LATERAL (
            SELECT p.max_channels, p.name FROM subscriptions s JOIN subscription_plans p ON p.id = s.plan_id
            WHERE s.user_id = ${viewerId} AND s.status IN ('active', 'trial') AND s.expires_at > ${new Date()}
            ORDER BY s.expires_at DESC LIMIT 1
          ) live ON true
          WHERE free.id = ${FREE_PLAN_ID}
        ),
        created AS (
          INSERT INTO channels (id, owner_id, title, handle, updated_at)
          SELECT ${id}::uuid, ${viewerId}, ${title}, ${handle}, now() FROM limits WHERE used < max_channels
          RETURNING id
        )
        SELECT used, max_channels, plan_name, (SELECT id FROM created) AS id FROM limits`;
      return row;
    });
    if (!result) throw new Error(`the "${FREE_PLAN_ID}" subscription plan is missing: seed the database`);
    if (!result.id) {
      return fail(
        'forbidden',
        `Your ${result.plan_name} plan allows ${result.max_channels} channel${result.max_channels === 1 ? '' : 's'}, and you have ${result.used}. Upgrade your plan or delete a channel first.`,
      );
    }
  } catch (error) {
    if (isHandleTaken(error)) return fail('conflict', HANDLE_TAKEN, { handle: HANDLE_TAKEN });
    throw error;
  }
  await invalidate([ownerTag(viewerId)]);
  return ok({ id });
}

export async function updateChannel(viewerId: string, channelId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(channelId)) return fail('not_found', CHANNEL_NOT_FOUND);
  const parsed = channelInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    const { count } = await prisma.channel.updateMany({ where: { id: channelId, ownerId: viewerId }, data: parsed.data });
    if (count === 0) return fail('not_found', CHANNEL_NOT_FOUND);
  } catch (error) {
    if (isHandleTaken(error)) return fail('conflict', HANDLE_TAKEN, { handle: HANDLE_TAKEN });
    throw error;
  }
  await invalidate([ownerTag(viewerId), channelTag(channelId)]);
  return ok({ id: channelId });
}

/** Deletes a channel with its posts, metrics, rollups and audience history. */
export async function deleteChannel(viewerId: string, channelId: string): Promise<MutationResult> {
  if (!isUuid(channelId)) return fail('not_found', CHANNEL_NOT_FOUND);
  const { count } = await prisma.channel.deleteMany({ where: { id: channelId, ownerId: viewerId } });
  if (count === 0) return fail('not_found', CHANNEL_NOT_FOUND);
  await invalidate([ownerTag(viewerId), channelTag(channelId)]);
  return ok(undefined);
}

/**
 * A new post on one of the viewer's channels, counted in the day's rollup in the same statement
 * (so the rollup stays exact). Its metrics arrive later, by ingestion.
 */
export async function publishPost(viewerId: string, channelId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(channelId)) return fail('not_found', CHANNEL_NOT_FOUND);
  const parsed = postInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const id = randomUUID();
  const publishedAt = parsed.data.publishedAt ? new Date(parsed.data.publishedAt) : new Date();
  const [row] = await prisma.$queryRaw<{ created: number }[]>`
    WITH post AS (
      INSERT INTO posts (id, channel_id, published_at, text)
      SELECT ${id}::uuid, c.id, ${publishedAt}, ${parsed.data.text}
      FROM channels c WHERE c.id = ${channelId}::uuid AND c.owner_id = ${viewerId}
      RETURNING channel_id, published_at
    ),
    daily AS (
      INSERT INTO analytics_daily (channel_id, day, posts)
      SELECT channel_id, (published_at AT TIME ZONE 'UTC')::date, 1 FROM post
      ON CONFLICT (channel_id, day) DO UPDATE SET posts = analytics_daily.posts + 1
      RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM post) + (SELECT count(*)::int FROM daily) AS created`;
  if (!row || row.created === 0) return fail('not_found', CHANNEL_NOT_FOUND);
  await invalidate([ownerTag(viewerId), channelTag(channelId)]);
  return ok({ id });
}

/** Who sends snapshots: admins may send them for any channel (a collector's service account). */
export interface Sender {
  id: string;
  role: 'user' | 'admin';
}

interface AcceptRow {
  unknown_posts: string[];
  unknown_channels: string[];
  batch_id: string | null;
}

/** How many unknown ids a refusal names. */
const NAMED_IDS = 5;

/**
 * Accepts a batch of metric snapshots (POST /api/v1/channels/metrics): validates it, checks in
 * one statement that every post and channel is the sender's (or that the sender is an admin) and
 * stores the batch in the same statement, then sends one event for the ingestion job. Nothing is
 * written unless everything is valid. The snapshots are applied after the response (inline) or
 * in Inngest's next batch.
 */
export async function acceptMetrics(sender: Sender, input: unknown): Promise<MutationResult<AcceptedBatch>> {
  const parsed = ingestInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const payload: StoredBatchPayload = { posts: parsed.data.posts ?? [], channels: parsed.data.channels ?? [] };
  const postIds = [...new Set(payload.posts.map((s) => s.postId.toLowerCase()))];
  const channelIds = [...new Set(payload.channels.map((s) => s.channelId.toLowerCase()))];
  const batchId = randomUUID();
  const admin = sender.role === 'admin';
  const [row] = await prisma.$queryRaw<AcceptRow[]>`
    WITH unknown AS (
      SELECT ARRAY(
               SELECT x::text FROM unnest(${postIds}::uuid[]) x
               WHERE NOT EXISTS (SELECT 1 FROM posts p JOIN channels c ON c.id = p.channel_id
                                 WHERE p.id = x AND (${admin} OR c.owner_id = ${sender.id}))
               ORDER BY 1 LIMIT ${NAMED_IDS}) AS posts,
             ARRAY(
               SELECT x::text FROM unnest(${channelIds}::uuid[]) x
               WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = x AND (${admin} OR c.owner_id = ${sender.id}))
               ORDER BY 1 LIMIT ${NAMED_IDS}) AS channels
    ),
    batch AS (
      INSERT INTO metric_batches (id, user_id, post_count, channel_count, payload)
      SELECT ${batchId}::uuid, ${sender.id}, ${payload.posts.length}, ${payload.channels.length}, ${JSON.stringify(payload)}::jsonb
      FROM unknown WHERE cardinality(unknown.posts) = 0 AND cardinality(unknown.channels) = 0
      RETURNING id
    )
    SELECT unknown.posts AS unknown_posts, unknown.channels AS unknown_channels, (SELECT id::text FROM batch) AS batch_id FROM unknown`;
  if (!row?.batch_id) {
    const fieldErrors: Record<string, string> = {};
    if (row?.unknown_posts.length) fieldErrors.posts = `Posts that do not exist or are not yours: ${row.unknown_posts.join(', ')}.`;
    if (row?.unknown_channels.length) fieldErrors.channels = `Channels that do not exist or are not yours: ${row.unknown_channels.join(', ')}.`;
    return fail('not_found', 'Some snapshots name posts or channels that do not exist or are not yours: nothing was accepted.', fieldErrors);
  }
  try {
    await sendEvents([outgoing(metricsReceived, { batchId })]);
  } catch (error) {
    // Inngest may or may not have the event: the batch is stored and still queued, and the
    // maintenance job queues it again if no job applies it (applying it twice changes nothing).
    if (!(error instanceof JobEventSendError)) throw error;
    logger.error({ err: error.message, batchId }, 'channels: could not queue a metrics batch; maintenance will queue it again');
  }
  return ok({ batchId, status: 'queued', posts: payload.posts.length, channels: payload.channels.length });
}
