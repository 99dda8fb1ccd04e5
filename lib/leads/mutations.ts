import { randomUUID } from 'node:crypto';
import { prisma } from '@/lib/db/client';
import { invalidate } from '@/lib/cache/cache';
import { sendEvent } from '@/lib/jobs/backend';
import { rerunOnRace, sqlState } from '@/lib/db/errors';
import { logger } from '@/lib/metrics/logger';
import { fail, invalid, isUuid, ok, type MutationResult } from '@/lib/validation';
import { searchRequested } from './module';
import { integrationInputSchema, keywordInputSchema, leadStatusSchema, thresholdInputSchema } from './schemas';
import { dataTag, sourcesTag } from './tags';
import type { LeadStatus } from './types';

/*
 * Writes of the Leads module. Each validates its input, writes in one statement (the counter
 * caches move in the same transaction, by the triggers of the migration), then drops the
 * owner's cached reads that it changed: the author sees the change on the next request.
 * Ownership is part of every statement's WHERE: what is not the viewer's does not exist.
 */

export const MAX_KEYWORDS = 50;
export const MAX_SOURCES = 20;

const KEYWORD_NOT_FOUND = 'This keyword does not exist or is not yours.';
const MENTION_NOT_FOUND = 'This mention does not exist or is not yours.';
const LEAD_NOT_FOUND = 'This lead does not exist or is not yours.';
const SOURCE_NOT_FOUND = 'This source does not exist or is not yours.';

const isUniqueViolation = (error: unknown) => sqlState(error) === '23505';

// ---------------------------------------------------------------------------------------------
// Keywords

export async function createKeyword(viewerId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  const parsed = keywordInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const id = randomUUID();
  // The limit is checked in the same statement, against the counter cache.
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO keywords (id, owner_id, text, created_at, updated_at)
    SELECT ${id}::uuid, ${viewerId}, ${parsed.data.text}, now(), now()
    WHERE coalesce((SELECT keywords_count FROM users WHERE id = ${viewerId}), 0) < ${MAX_KEYWORDS}
    ON CONFLICT (owner_id, lower(text)) DO NOTHING
    RETURNING id`;
  if (rows.length === 0) {
    const [existing] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM keywords WHERE owner_id = ${viewerId} AND lower(text) = lower(${parsed.data.text})`;
    return existing?.n
      ? fail('conflict', `You already listen for “${parsed.data.text}”.`, { text: 'You already have this keyword.' })
      : fail('conflict', `You can listen for at most ${MAX_KEYWORDS} keywords: delete one first.`);
  }
  await invalidate([dataTag(viewerId)]);
  return ok({ id });
}

export async function renameKeyword(viewerId: string, keywordId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(keywordId)) return fail('not_found', KEYWORD_NOT_FOUND);
  const parsed = keywordInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  let count: number;
  try {
    count = await prisma.$executeRaw`UPDATE keywords SET text = ${parsed.data.text}, updated_at = now() WHERE id = ${keywordId}::uuid AND owner_id = ${viewerId}`;
  } catch (error) {
    if (isUniqueViolation(error)) return fail('conflict', `You already listen for “${parsed.data.text}”.`, { text: 'You already have this keyword.' });
    throw error;
  }
  if (count === 0) return fail('not_found', KEYWORD_NOT_FOUND);
  await invalidate([dataTag(viewerId)]);
  return ok({ id: keywordId });
}

/**
 * Deletes a keyword with its mentions and their leads (one statement: the cascade and the counters
 * follow). It locks the keyword, then its mentions; a write to one of them meanwhile locks the
 * mention, then the keyword: the deadlock PostgreSQL breaks by rolling one back, which reruns.
 */
export async function deleteKeyword(viewerId: string, keywordId: string): Promise<MutationResult> {
  if (!isUuid(keywordId)) return fail('not_found', KEYWORD_NOT_FOUND);
  const count = await rerunOnRace(() => prisma.$executeRaw`DELETE FROM keywords WHERE id = ${keywordId}::uuid AND owner_id = ${viewerId}`);
  if (count === 0) return fail('not_found', KEYWORD_NOT_FOUND);
  await invalidate([dataTag(viewerId)]);
  return ok(undefined);
}

// ---------------------------------------------------------------------------------------------
// Mentions and leads

/** Files a mention (and its lead, by the composite key) under another of the owner's keywords. */
export async function moveMention(viewerId: string, mentionId: string, keywordId: unknown): Promise<MutationResult> {
  if (!isUuid(mentionId)) return fail('not_found', MENTION_NOT_FOUND);
  if (!isUuid(keywordId)) return fail('invalid', 'Choose one of your keywords.', { keyword: 'Choose one of your keywords.' });
  // A keyword deleted while this runs fails the key: the rerun no longer finds it.
  const count = await rerunOnRace(
    () => prisma.$executeRaw`
      UPDATE mentions SET keyword_id = ${keywordId}::uuid
      WHERE id = ${mentionId}::uuid AND owner_id = ${viewerId}
        AND EXISTS (SELECT 1 FROM keywords k WHERE k.id = ${keywordId}::uuid AND k.owner_id = ${viewerId})`,
  );
  if (count === 0) return fail('not_found', `${MENTION_NOT_FOUND} (Or the keyword is not yours.)`);
  await invalidate([dataTag(viewerId)]);
  return ok(undefined);
}

export async function deleteMention(viewerId: string, mentionId: string): Promise<MutationResult> {
  if (!isUuid(mentionId)) return fail('not_found', MENTION_NOT_FOUND);
  const count = await rerunOnRace(() => prisma.$executeRaw`DELETE FROM mentions WHERE id = ${mentionId}::uuid AND owner_id = ${viewerId}`);
  if (count === 0) return fail('not_found', MENTION_NOT_FOUND);
  await invalidate([dataTag(viewerId)]);
  return ok(undefined);
}

/** Makes a lead of a mention by hand, with the mention's score. At most one lead per mention. */
export async function promoteMention(viewerId: string, mentionId: string): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(mentionId)) return fail('not_found', MENTION_NOT_FOUND);
  const id = randomUUID();
  // A mention moved or deleted while this runs fails the key: the rerun files the lead under its
  // new keyword, or finds it gone.
  const rows = await rerunOnRace(
    () => prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO leads (id, owner_id, mention_id, keyword_id, score, score_reasons, created_at, updated_at)
      SELECT ${id}::uuid, m.owner_id, m.id, m.keyword_id, m.score, m.score_reasons, now(), now()
      FROM mentions m WHERE m.id = ${mentionId}::uuid AND m.owner_id = ${viewerId}
      ON CONFLICT (mention_id) DO NOTHING
      RETURNING id`,
  );
  if (rows.length === 0) {
    const [mention] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM mentions WHERE id = ${mentionId}::uuid AND owner_id = ${viewerId}`;
    return mention?.n ? fail('conflict', 'This mention is already a lead.') : fail('not_found', MENTION_NOT_FOUND);
  }
  await invalidate([dataTag(viewerId)]);
  return ok({ id });
}

/** Moves a lead along the pipeline (drag and drop, or the keyboard). */
export async function setLeadStatus(viewerId: string, leadId: string, statusInput: unknown): Promise<MutationResult<{ status: LeadStatus }>> {
  const status = leadStatusSchema.safeParse(statusInput);
  if (!status.success) return invalid(status.error);
  if (!isUuid(leadId)) return fail('not_found', LEAD_NOT_FOUND);
  const count = await rerunOnRace(
    () => prisma.$executeRaw`
      UPDATE leads SET status = ${status.data}::lead_status, updated_at = now(),
        status_changed_at = CASE WHEN status = ${status.data}::lead_status THEN status_changed_at ELSE now() END
      WHERE id = ${leadId}::uuid AND owner_id = ${viewerId}`,
  );
  if (count === 0) return fail('not_found', LEAD_NOT_FOUND);
  await invalidate([dataTag(viewerId)]);
  return ok({ status: status.data });
}

export async function deleteLead(viewerId: string, leadId: string): Promise<MutationResult> {
  if (!isUuid(leadId)) return fail('not_found', LEAD_NOT_FOUND);
  const count = await rerunOnRace(() => prisma.$executeRaw`DELETE FROM leads WHERE id = ${leadId}::uuid AND owner_id = ${viewerId}`);
  if (count === 0) return fail('not_found', LEAD_NOT_FOUND);
  await invalidate([dataTag(viewerId)]);
  return ok(undefined);
}

/** The score from which a search makes a mention a lead. */
export async function setThreshold(viewerId: string, input: unknown): Promise<MutationResult<{ threshold: number }>> {
  const parsed = thresholdInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  await prisma.$executeRaw`
    INSERT INTO lead_settings (owner_id, threshold, updated_at) VALUES (${viewerId}, ${parsed.data.threshold}, now())
    ON CONFLICT (owner_id) DO UPDATE SET threshold = excluded.threshold, updated_at = now()`;
  await invalidate([dataTag(viewerId)]);
  return ok({ threshold: parsed.data.threshold });
}

// ---------------------------------------------------------------------------------------------
// Sources

/** Queues a search of a source. If the queue refuses, the source says so (and the schedule retries it). */
async function queueSearch(viewerId: string, integrationId: string, reason: 'manual' | 'added'): Promise<boolean> {
  try {
    await sendEvent(searchRequested, { integrationId, reason });
    return true;
  } catch (error) {
    logger.error({ err: (error as Error).message, integrationId }, 'leads: could not queue a search');
    await prisma.$executeRaw`
      UPDATE integrations SET search_state = 'idle', search_progress = NULL, updated_at = now() WHERE id = ${integrationId}::uuid AND owner_id = ${viewerId}`;
    return false;
  }
}

/** Adds a feed source and searches it at once. */
export async function addIntegration(viewerId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  const parsed = integrationInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const url = new URL(parsed.data.url).href;
  const name = (parsed.data.name ?? new URL(url).hostname.replace(/^www\./, '')).slice(0, 120);
  const id = randomUUID();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO integrations (id, owner_id, name, feed_url, status, search_state, search_progress, search_requested_at, created_at, updated_at)
    SELECT ${id}::uuid, ${viewerId}, ${name}, ${url}, 'active', 'queued', 'Waiting for its turn', now(), now(), now()
    WHERE (SELECT count(*) FROM integrations WHERE owner_id = ${viewerId}) < ${MAX_SOURCES}
    ON CONFLICT (owner_id, feed_url) DO NOTHING
    RETURNING id`;
  if (rows.length === 0) {
    const [existing] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM integrations WHERE owner_id = ${viewerId} AND feed_url = ${url}`;
    return existing?.n
      ? fail('conflict', 'You already have this source.', { url: 'You already have this source.' })
      : fail('conflict', `You can have at most ${MAX_SOURCES} sources: remove one first.`);
  }
  const queued = await queueSearch(viewerId, id, 'added');
  await invalidate([sourcesTag(viewerId)]);
  return queued ? ok({ id }) : fail('unavailable', 'The source was added, but its first search could not be started: it will run on schedule.');
}

export async function setIntegrationStatus(viewerId: string, integrationId: string, status: unknown): Promise<MutationResult<{ status: 'active' | 'paused' }>> {
  if (!isUuid(integrationId)) return fail('not_found', SOURCE_NOT_FOUND);
  if (status !== 'active' && status !== 'paused') return fail('invalid', 'Choose active or paused.', { status: 'Choose active or paused.' });
  const count = await prisma.$executeRaw`
    UPDATE integrations SET status = ${status}::integration_status, updated_at = now() WHERE id = ${integrationId}::uuid AND owner_id = ${viewerId}`;
  if (count === 0) return fail('not_found', SOURCE_NOT_FOUND);
  await invalidate([sourcesTag(viewerId)]);
  return ok({ status });
}

/** Removes a source and its logs; its mentions and leads stay (with the source's name). */
export async function removeIntegration(viewerId: string, integrationId: string): Promise<MutationResult> {
  if (!isUuid(integrationId)) return fail('not_found', SOURCE_NOT_FOUND);
  const count = await prisma.$executeRaw`DELETE FROM integrations WHERE id = ${integrationId}::uuid AND owner_id = ${viewerId}`;
  if (count === 0) return fail('not_found', SOURCE_NOT_FOUND);
  await invalidate([sourcesTag(viewerId), dataTag(viewerId)]);
  return ok(undefined);
}

/** "Search now": the same job as the schedule's, for this source, at once. */
export async function searchNow(viewerId: string, integrationId: string): Promise<MutationResult> {
  if (!isUuid(integrationId)) return fail('not_found', SOURCE_NOT_FOUND);
  // A search queued or running for more than 15 minutes was lost (the inline backend is best effort).
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    UPDATE integrations SET search_state = 'queued', search_progress = 'Waiting for its turn', search_requested_at = now(), updated_at = now()
    WHERE id = ${integrationId}::uuid AND owner_id = ${viewerId} AND status = 'active'
      AND (search_state = 'idle' OR search_requested_at < now() - interval '15 minutes')
    RETURNING id`;
  if (rows.length === 0) {
    const [source] = await prisma.$queryRaw<{ status: string; search_state: string }[]>`
      SELECT status::text, search_state::text FROM integrations WHERE id = ${integrationId}::uuid AND owner_id = ${viewerId}`;
    if (!source) return fail('not_found', SOURCE_NOT_FOUND);
    return source.status === 'paused' ? fail('conflict', 'This source is paused: resume it first.') : fail('conflict', 'A search of this source is already under way.');
  }
  const queued = await queueSearch(viewerId, integrationId, 'manual');
  await invalidate([sourcesTag(viewerId)]);
  return queued ? ok(undefined) : fail('unavailable', 'The search could not be started. Try again in a minute.');
}
