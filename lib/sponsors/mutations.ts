import { randomInt, randomUUID } from 'node:crypto';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { sendEvent } from '@/lib/jobs/backend';
import { logger } from '@/lib/metrics/logger';
import { fail, invalid, isStorableText, isUuid, ok, type MutationResult } from '@/lib/validation';
import { analysisRequested } from './module';
import { withPartitionsFor } from './partitions';
import { loadSubscription } from './queries';
import { addDealerSchema, addMemberSchema, analysisRequestSchema, assignCodesSchema, generateCodesSchema, messageSchema, redeemCodeSchema } from './schemas';
import { analysisTag, dealerCodesTag, farmerAnalysesTag, inboxTag, sentTag, sponsorRolesTag, sponsorTag, sponsorTeamTag, subscriptionTag } from './tags';
import { SUBSCRIPTION_DAYS, TIER_DAILY_ANALYSES, type CodeTier, type MemberRole, type SubscriptionTier } from './types';

/*
 * Writes of the Sponsors module. Each validates its input (zod), writes in one statement or one
 * transaction with the permission inside its SQL (a write never trusts a cached answer about who
 * may do it), then drops the cache of everyone whose view changed (tags.ts) and sends its events.
 * When a write changes nothing, one more statement finds out why, for a message that says so.
 */

const SPONSOR_NOT_FOUND = 'This sponsor does not exist, or you are not one of its members.';
const MANAGERS_ONLY = 'Only the sponsor’s owners and managers can do this.';
const OWNERS_ONLY = 'Only the sponsor’s owners can change its team.';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const codeBody = () => Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The viewer's role at a sponsor, or null (one statement): the reason a write was refused. */
async function memberRole(viewerId: string, sponsorId: string): Promise<MemberRole | null> {
  const [row] = await prisma.$queryRaw<{ role: MemberRole }[]>`SELECT role::text AS role FROM sponsor_members WHERE sponsor_id = ${sponsorId}::uuid AND user_id = ${viewerId}`;
  return row?.role ?? null;
}

const refusal = (role: MemberRole | null, required: 'managers' | 'owners') =>
  role === null ? fail('not_found', SPONSOR_NOT_FOUND) : fail('forbidden', required === 'owners' ? OWNERS_ONLY : MANAGERS_ONLY);

// ---------------------------------------------------------------------------------------------
// Codes

/**
 * A batch of new codes for a sponsor (owners and managers): one INSERT … SELECT of random codes
 * (31^8 ≈ 850 billion per sponsor prefix). A code that happens to exist already is skipped by the
 * unique index and made again.
 */
export async function generateCodes(viewerId: string, sponsorId: string, input: unknown): Promise<MutationResult<{ created: number }>> {
  if (!isUuid(sponsorId)) return fail('not_found', SPONSOR_NOT_FOUND);
  const parsed = generateCodesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { count, tier, validDays } = parsed.data;
  const now = new Date();
  let created = 0;
  for (let attempt = 0; attempt < 3 && created < count; attempt++) {
    const bodies = Array.from({ length: count - created }, codeBody);
    const rows = await prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO sponsorship_codes (id, code, sponsor_id, tier, created_at, expires_at)
      SELECT gen_random_uuid(), s.code_prefix || '-' || substr(b.body, 1, 4) || '-' || substr(b.body, 5, 4), s.id,
             ${tier}::subscription_tier, ${now}, ${now}::timestamptz + make_interval(days => ${validDays}::int)
      FROM sponsors s CROSS JOIN unnest(${bodies}::text[]) AS b(body)
      WHERE s.id = ${sponsorId}::uuid
        AND EXISTS (SELECT 1 FROM sponsor_members m WHERE m.sponsor_id = s.id AND m.user_id = ${viewerId} AND m.role IN ('owner', 'manager'))
      ON CONFLICT (code) DO NOTHING
      RETURNING id`;
    if (rows.length === 0 && attempt === 0) return refusal(await memberRole(viewerId, sponsorId), 'managers');
    created += rows.length;
  }
  await invalidate([sponsorTag(sponsorId)]);
  return ok({ created });
}

/**
 * Hands `count` codes from the sponsor's stock (oldest first) to one of its dealers: one UPDATE
 * whose rows are picked FOR UPDATE SKIP LOCKED, so two managers handing out codes at once never
 * hand out the same code twice.
 */
export async function assignCodes(viewerId: string, sponsorId: string, input: unknown): Promise<MutationResult<{ assigned: number }>> {
  if (!isUuid(sponsorId)) return fail('not_found', SPONSOR_NOT_FOUND);
  const parsed = assignCodesSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { dealerId, count } = parsed.data as { dealerId: string; count: number };
  const rows = await prisma.$queryRaw<{ id: string; dealer_user_id: string }[]>`
    WITH allowed AS (
      SELECT d.id AS dealer_id, d.user_id FROM dealers d
      WHERE d.id = ${dealerId}::uuid AND d.sponsor_id = ${sponsorId}::uuid
        AND EXISTS (SELECT 1 FROM sponsor_members m WHERE m.sponsor_id = d.sponsor_id AND m.user_id = ${viewerId} AND m.role IN ('owner', 'manager'))
    ), picked AS (
      SELECT c.id FROM sponsorship_codes c
      WHERE c.sponsor_id = ${sponsorId}::uuid AND c.dealer_id IS NULL AND c.distributed_at IS NULL AND c.redeemed_at IS NULL
        AND c.active AND c.expires_at > now() AND EXISTS (SELECT 1 FROM allowed)
      ORDER BY c.created_at, c.id
      LIMIT ${count}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE sponsorship_codes c SET dealer_id = (SELECT dealer_id FROM allowed)
    FROM picked WHERE c.id = picked.id
    RETURNING c.id, (SELECT user_id FROM allowed) AS dealer_user_id`;
  if (rows.length === 0) {
    const [why] = await prisma.$queryRaw<{ role: MemberRole | null; dealer_ok: boolean }[]>`
      SELECT (SELECT role::text FROM sponsor_members WHERE sponsor_id = ${sponsorId}::uuid AND user_id = ${viewerId}) AS role,
             EXISTS (SELECT 1 FROM dealers WHERE id = ${dealerId}::uuid AND sponsor_id = ${sponsorId}::uuid) AS dealer_ok`;
    if (!why?.role || why.role === 'analyst') return refusal(why?.role ?? null, 'managers');
    if (!why.dealer_ok) return fail('invalid', 'Please correct the highlighted fields.', { dealerId: 'Choose one of this sponsor’s dealers.' });
    return fail('conflict', 'No codes are left in stock: generate a batch first.');
  }
  await invalidate([sponsorTag(sponsorId), dealerCodesTag(rows[0]!.dealer_user_id)]);
  return ok({ assigned: rows.length });
}

/** Marks a code as sent to a farmer: by the dealer holding it, or by the sponsor's owners and managers. */
export async function distributeCode(viewerId: string, codeId: string): Promise<MutationResult<{ code: string }>> {
  if (!isUuid(codeId)) return fail('not_found', 'This code does not exist.');
  const [row] = await prisma.$queryRaw<{ code: string; sponsor_id: string; dealer_user_id: string | null }[]>`
    UPDATE sponsorship_codes c SET distributed_at = now()
    WHERE c.id = ${codeId}::uuid AND c.distributed_at IS NULL AND c.redeemed_at IS NULL AND c.active AND c.expires_at > now()
      AND (c.dealer_id IN (SELECT id FROM dealers WHERE user_id = ${viewerId})
           OR EXISTS (SELECT 1 FROM sponsor_members m WHERE m.sponsor_id = c.sponsor_id AND m.user_id = ${viewerId} AND m.role IN ('owner', 'manager')))
    RETURNING c.code, c.sponsor_id, (SELECT d.user_id FROM dealers d WHERE d.id = c.dealer_id) AS dealer_user_id`;
  if (!row) {
    const [why] = await prisma.$queryRaw<{ sent: boolean; redeemed: boolean; closed: boolean }[]>`
      SELECT c.distributed_at IS NOT NULL AS sent, c.redeemed_at IS NOT NULL AS redeemed, (NOT c.active OR c.expires_at <= now()) AS closed
      FROM sponsorship_codes c
      WHERE c.id = ${codeId}::uuid
        AND (c.dealer_id IN (SELECT id FROM dealers WHERE user_id = ${viewerId})
             OR EXISTS (SELECT 1 FROM sponsor_members m WHERE m.sponsor_id = c.sponsor_id AND m.user_id = ${viewerId}))`;
    if (!why) return fail('not_found', 'This code does not exist.');
    if (why.redeemed) return fail('conflict', 'This code has already been redeemed.');
    if (why.sent) return fail('conflict', 'This code has already been sent.');
    if (why.closed) return fail('conflict', 'This code has expired or was withdrawn.');
    return fail('forbidden', MANAGERS_ONLY);
  }
  await invalidate([sponsorTag(row.sponsor_id), ...(row.dealer_user_id ? [dealerCodesTag(row.dealer_user_id)] : [])]);
  return ok({ code: row.code });
}

export interface Redemption {
  code: string;
  tier: SubscriptionTier;
  sponsorName: string;
  startDate: string;
  endDate: string;
}

/**
 * A farmer redeems a code: one indexed lookup (the unique code index) in one statement that
 * claims the code and starts the subscription. Race-safe: the claim is an UPDATE … WHERE
 * redeemed_at IS NULL, so of two farmers redeeming one code at once, the second waits for the
 * first and then finds it taken. A subscription still running is extended, not replaced.
 */
export async function redeemCode(viewerId: string, input: unknown): Promise<MutationResult<Redemption>> {
  const parsed = redeemCodeSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { code } = parsed.data;
  const [row] = await prisma.$queryRaw<{ code: string; tier: CodeTier; sponsor_id: string; sponsor_name: string; dealer_user_id: string | null; start_date: Date; end_date: Date }[]>`
    WITH claimed AS (
      UPDATE sponsorship_codes SET redeemed_at = now(), redeemed_by_id = ${viewerId}, distributed_at = coalesce(distributed_at, now())
      WHERE code = ${code} AND redeemed_at IS NULL AND active AND expires_at > now()
      RETURNING id, code, tier, sponsor_id, dealer_id
    ), current_end AS (
      SELECT max(end_date) AS end_date FROM user_subscriptions WHERE user_id = ${viewerId} AND active AND end_date > now()
    ), subscription AS (
      INSERT INTO user_subscriptions (id, user_id, tier, active, start_date, end_date, sponsor_id, sponsorship_code_id, created_at)
      SELECT gen_random_uuid(), ${viewerId}, c.tier, true, greatest(now(), coalesce(e.end_date, now())),
             greatest(now(), coalesce(e.end_date, now())) + make_interval(days => ${SUBSCRIPTION_DAYS}::int), c.sponsor_id, c.id, now()
      FROM claimed c CROSS JOIN current_end e
      RETURNING start_date, end_date
    )
    SELECT c.code, c.tier::text AS tier, c.sponsor_id, s.name AS sponsor_name, d.user_id AS dealer_user_id, sub.start_date, sub.end_date
    FROM claimed c CROSS JOIN subscription sub
    JOIN sponsors s ON s.id = c.sponsor_id
    LEFT JOIN dealers d ON d.id = c.dealer_id`;
  if (!row) {
    const [why] = await prisma.$queryRaw<{ mine: boolean; redeemed: boolean; active: boolean; expired: boolean }[]>`
      SELECT redeemed_by_id IS NOT DISTINCT FROM ${viewerId} AS mine, redeemed_at IS NOT NULL AS redeemed, active, expires_at <= now() AS expired
      FROM sponsorship_codes WHERE code = ${code}`;
    if (!why) return fail('not_found', 'Please correct the highlighted fields.', { code: 'There is no such code: check it for typos.' });
    if (why.redeemed && why.mine) return fail('conflict', 'You have already redeemed this code.', { code: 'You have already redeemed this code.' });
    if (why.redeemed) return fail('conflict', 'This code has already been used.', { code: 'This code has already been used.' });
    if (!why.active) return fail('conflict', 'This code was withdrawn by its sponsor.', { code: 'This code was withdrawn by its sponsor.' });
    return fail('conflict', 'This code has expired.', { code: 'This code has expired.' });
  }
  await invalidate([subscriptionTag(viewerId), sponsorTag(row.sponsor_id), ...(row.dealer_user_id ? [dealerCodesTag(row.dealer_user_id)] : [])]);
  return ok({ code: row.code, tier: row.tier, sponsorName: row.sponsor_name, startDate: row.start_date.toISOString(), endDate: row.end_date.toISOString() });
}

// ---------------------------------------------------------------------------------------------
// Analyses and messages

/** The tier's daily allowance, in SQL (from the constants: no input reaches it). */
const DAILY_LIMIT = Prisma.raw(
  `CASE sub.tier ${Object.entries(TIER_DAILY_ANALYSES)
    .map(([tier, limit]) => `WHEN '${tier}' THEN ${limit}`)
    .join(' ')} ELSE 0 END`,
);

/**
 * A farmer sends a photo for analysis: a pending analysis under their current subscription (its
 * sponsor and dealer are copied onto it, for the sponsor's analytics), within the tier's daily
 * allowance, then the analysis job. One statement.
 */
export async function requestAnalysis(viewerId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  const parsed = analysisRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { cropType, location, imageUrl } = parsed.data;
  const id = randomUUID();
  const now = new Date();
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const rows = await withPartitionsFor([now], () =>
    prisma.$queryRaw<{ id: string; sponsor_id: string | null }[]>`
      WITH sub AS (
        SELECT us.sponsor_id, c.dealer_id, us.tier
        FROM user_subscriptions us LEFT JOIN sponsorship_codes c ON c.id = us.sponsorship_code_id
        WHERE us.user_id = ${viewerId} AND us.active AND us.start_date <= now() AND us.end_date > now()
        ORDER BY us.end_date DESC LIMIT 1
      ), used AS (
        SELECT count(*)::int AS n FROM plant_analyses WHERE farmer_id = ${viewerId} AND analysis_date >= ${dayStart}
      )
      INSERT INTO plant_analyses (id, analysis_date, farmer_id, sponsor_id, dealer_id, status, crop_type, image_url, location, created_at, updated_at)
      SELECT ${id}::uuid, ${now}, ${viewerId}, sub.sponsor_id, sub.dealer_id, 'pending', ${cropType}, ${imageUrl ?? null}, ${location ?? null}, ${now}, ${now}
      FROM sub CROSS JOIN used
      WHERE used.n < ${DAILY_LIMIT}
      RETURNING id, sponsor_id`,
  );
  if (rows.length === 0) {
    const subscription = await loadSubscription(viewerId);
    if (!subscription) return fail('forbidden', 'You need an active subscription to request analyses: redeem a sponsorship code first.');
    return fail('conflict', `Your ${subscription.tier} subscription allows ${subscription.dailyAnalyses} analyses a day; today’s are used up.`);
  }
  const sponsorId = rows[0]!.sponsor_id;
  await invalidate([farmerAnalysesTag(viewerId), ...(sponsorId ? [sponsorTag(sponsorId)] : [])]);
  try {
    await sendEvent(analysisRequested, { analysisId: id, analysisDate: now.toISOString() });
  } catch (error) {
    logger.error({ err: (error as Error).message, analysisId: id }, 'could not queue the analysis');
    await prisma.$executeRaw`UPDATE plant_analyses SET status = 'failed', updated_at = now() WHERE id = ${id}::uuid AND analysis_date = ${now}`;
    await invalidate([farmerAnalysesTag(viewerId)]);
    return fail('unavailable', 'The analysis could not be started. Try again in a few minutes.');
  }
  return ok({ id });
}

/**
 * A message about an analysis, between its farmer and its sponsor: the farmer writes to the
 * sponsor's member who last wrote on it (else the sponsor's owner), a member writes to the
 * farmer. One statement, which also decides whether the viewer may write.
 */
export async function sendMessage(viewerId: string, analysisId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(analysisId)) return fail('not_found', 'This analysis does not exist.');
  const parsed = messageSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const id = randomUUID();
  const now = new Date();
  const [row] = await withPartitionsFor([now], () =>
    prisma.$queryRaw<{ to_user_id: string; sponsor_id: string }[]>`
      INSERT INTO analysis_messages (id, sent_at, analysis_id, analysis_date, sponsor_id, from_user_id, to_user_id, sender_role, body)
      SELECT ${id}::uuid, ${now}, a.id, a.analysis_date, a.sponsor_id, ${viewerId},
             CASE WHEN a.farmer_id = ${viewerId}
                  THEN coalesce(
                    (SELECT m.from_user_id FROM analysis_messages m
                     WHERE m.analysis_id = a.id AND m.sent_at >= a.analysis_date AND m.sender_role = 'sponsor'
                       AND EXISTS (SELECT 1 FROM sponsor_members sm WHERE sm.sponsor_id = a.sponsor_id AND sm.user_id = m.from_user_id)
                     ORDER BY m.sent_at DESC LIMIT 1),
                    (SELECT sm.user_id FROM sponsor_members sm WHERE sm.sponsor_id = a.sponsor_id ORDER BY sm.role, sm.created_at LIMIT 1))
                  ELSE a.farmer_id END,
             (CASE WHEN a.farmer_id = ${viewerId} THEN 'farmer' ELSE 'sponsor' END)::message_sender_role,
             ${parsed.data.body}
      FROM plant_analyses a
      WHERE a.id = ${analysisId}::uuid AND a.sponsor_id IS NOT NULL
        AND (a.farmer_id = ${viewerId} OR EXISTS (SELECT 1 FROM sponsor_members sm WHERE sm.sponsor_id = a.sponsor_id AND sm.user_id = ${viewerId}))
        -- A farmer needs someone at the sponsor to write to.
        AND EXISTS (SELECT 1 FROM sponsor_members sm WHERE sm.sponsor_id = a.sponsor_id)
      RETURNING to_user_id, sponsor_id`,
  );
  // No row: not the viewer's analysis, not their sponsor's, not sponsored (nobody to write to), or a sponsor without members.
  if (!row) return fail('not_found', 'You can write only about your own sponsored analyses, or about analyses your sponsor sponsors.');
  await invalidate([inboxTag(row.to_user_id), sentTag(viewerId), analysisTag(analysisId), sponsorTag(row.sponsor_id)]);
  return ok({ id });
}

/** Marks every message to the viewer about one analysis as read. One statement; idempotent. */
export async function markThreadRead(viewerId: string, analysisId: string): Promise<MutationResult<{ marked: number }>> {
  if (!isUuid(analysisId)) return fail('not_found', 'This analysis does not exist.');
  const marked = await prisma.$executeRaw`
    UPDATE analysis_messages SET read_at = now()
    WHERE analysis_id = ${analysisId}::uuid AND to_user_id = ${viewerId} AND read_at IS NULL`;
  if (marked > 0) await invalidate([inboxTag(viewerId), analysisTag(analysisId)]);
  else {
    // Nothing unread: fine on the viewer's own thread, a 404 on anyone else's (as reading it is).
    const [party] = await prisma.$queryRaw<{ ok: boolean }[]>`
      SELECT true AS ok FROM plant_analyses a
      WHERE a.id = ${analysisId}::uuid
        AND (a.farmer_id = ${viewerId} OR EXISTS (SELECT 1 FROM sponsor_members sm WHERE sm.sponsor_id = a.sponsor_id AND sm.user_id = ${viewerId}))`;
    if (!party) return fail('not_found', 'This analysis does not exist.');
  }
  return ok({ marked });
}

/** Marks one message to the viewer as read (idempotent). One statement. */
export async function markMessageRead(viewerId: string, messageId: string): Promise<MutationResult<{ analysisId: string }>> {
  if (!isUuid(messageId)) return fail('not_found', 'This message is not in your inbox.');
  const [row] = await prisma.$queryRaw<{ analysis_id: string; changed: boolean }[]>`
    WITH target AS (SELECT id, sent_at, analysis_id, read_at FROM analysis_messages WHERE id = ${messageId}::uuid AND to_user_id = ${viewerId}),
    marked AS (
      UPDATE analysis_messages m SET read_at = now() FROM target t
      WHERE m.id = t.id AND m.sent_at = t.sent_at AND m.read_at IS NULL
      RETURNING m.id
    )
    SELECT t.analysis_id, EXISTS (SELECT 1 FROM marked) AS changed FROM target t`;
  if (!row) return fail('not_found', 'This message is not in your inbox.');
  if (row.changed) await invalidate([inboxTag(viewerId), analysisTag(row.analysis_id)]);
  return ok({ analysisId: row.analysis_id });
}

// ---------------------------------------------------------------------------------------------
// Team

/** The person behind an e-mail address and the viewer's role at the sponsor (one statement). */
async function personAndRole(viewerId: string, sponsorId: string, email: string) {
  const [row] = await prisma.$queryRaw<{ user_id: string | null; viewer_role: MemberRole | null }[]>`
    SELECT (SELECT id FROM users WHERE email = ${email}) AS user_id,
           (SELECT role::text FROM sponsor_members WHERE sponsor_id = ${sponsorId}::uuid AND user_id = ${viewerId}) AS viewer_role`;
  return { userId: row?.user_id ?? null, viewerRole: row?.viewer_role ?? null };
}

const NO_SUCH_PERSON = { email: 'Nobody has signed up with this address.' };

/** Adds a member, or changes a member's role (owners only; not their own). */
export async function addMember(viewerId: string, sponsorId: string, input: unknown): Promise<MutationResult<{ userId: string }>> {
  if (!isUuid(sponsorId)) return fail('not_found', SPONSOR_NOT_FOUND);
  const parsed = addMemberSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, viewerRole } = await personAndRole(viewerId, sponsorId, parsed.data.email);
  if (viewerRole !== 'owner') return refusal(viewerRole, 'owners');
  if (!userId) return fail('invalid', 'Please correct the highlighted fields.', NO_SUCH_PERSON);
  if (userId === viewerId) return fail('invalid', 'Please correct the highlighted fields.', { email: 'You cannot change your own role.' });
  await prisma.$executeRaw`
    INSERT INTO sponsor_members (sponsor_id, user_id, role, created_at)
    VALUES (${sponsorId}::uuid, ${userId}, ${parsed.data.role}::sponsor_member_role, now())
    ON CONFLICT (sponsor_id, user_id) DO UPDATE SET role = EXCLUDED.role`;
  await invalidate([sponsorTeamTag(sponsorId), sponsorRolesTag(userId)]);
  return ok({ userId });
}

/** Removes a member (owners only; not themselves). What they could see through the sponsor is gone on their next request. */
export async function removeMember(viewerId: string, sponsorId: string, userId: string): Promise<MutationResult> {
  if (!isUuid(sponsorId)) return fail('not_found', SPONSOR_NOT_FOUND);
  if (typeof userId !== 'string' || !isStorableText(userId)) return fail('not_found', 'This person is not a member.');
  if (userId === viewerId) return fail('invalid', 'You cannot remove yourself.');
  const removed = await prisma.$executeRaw`
    DELETE FROM sponsor_members m
    WHERE m.sponsor_id = ${sponsorId}::uuid AND m.user_id = ${userId}
      AND EXISTS (SELECT 1 FROM sponsor_members o WHERE o.sponsor_id = m.sponsor_id AND o.user_id = ${viewerId} AND o.role = 'owner')`;
  if (removed === 0) {
    const role = await memberRole(viewerId, sponsorId);
    if (role !== 'owner') return refusal(role, 'owners');
    return fail('not_found', 'This person is not a member.');
  }
  await invalidate([sponsorTeamTag(sponsorId), sponsorRolesTag(userId)]);
  return ok(undefined);
}

/** Adds a dealer (owners only), or renames an existing one. */
export async function addDealer(viewerId: string, sponsorId: string, input: unknown): Promise<MutationResult<{ dealerId: string }>> {
  if (!isUuid(sponsorId)) return fail('not_found', SPONSOR_NOT_FOUND);
  const parsed = addDealerSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { userId, viewerRole } = await personAndRole(viewerId, sponsorId, parsed.data.email);
  if (viewerRole !== 'owner') return refusal(viewerRole, 'owners');
  if (!userId) return fail('invalid', 'Please correct the highlighted fields.', NO_SUCH_PERSON);
  const [row] = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO dealers (id, sponsor_id, user_id, name, region, created_at)
    VALUES (gen_random_uuid(), ${sponsorId}::uuid, ${userId}, ${parsed.data.name}, ${parsed.data.region ?? null}, now())
    ON CONFLICT (sponsor_id, user_id) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region
    RETURNING id`;
  await invalidate([sponsorTeamTag(sponsorId), sponsorRolesTag(userId), sponsorTag(sponsorId)]);
  return ok({ dealerId: row!.id });
}

/**
 * What other people's pages show of a user who deletes their account (the manifest's
 * accountDeletionTags): the sponsors whose team, dealers, codes or analytics name them, the
 * analyses they asked for or wrote in (they go with them), and the inboxes and sent folders of
 * everyone they exchanged messages with. One statement.
 */
export async function accountDeletionTags(userId: string): Promise<string[]> {
  const [row] = await prisma.$queryRaw<{ teams: string[]; sponsors: string[]; analyses: string[]; recipients: string[]; senders: string[] }[]>`
    SELECT ARRAY(SELECT sponsor_id::text FROM sponsor_members WHERE user_id = ${userId}) AS teams,
           ARRAY(SELECT sponsor_id::text FROM sponsor_members WHERE user_id = ${userId}
                 UNION SELECT sponsor_id::text FROM dealers WHERE user_id = ${userId}
                 UNION SELECT sponsor_id::text FROM sponsorship_codes WHERE redeemed_by_id = ${userId}
                 UNION SELECT sponsor_id::text FROM plant_analyses WHERE farmer_id = ${userId} AND sponsor_id IS NOT NULL) AS sponsors,
           ARRAY(SELECT id::text FROM plant_analyses WHERE farmer_id = ${userId}
                 UNION SELECT analysis_id::text FROM analysis_messages WHERE from_user_id = ${userId} OR to_user_id = ${userId}) AS analyses,
           ARRAY(SELECT DISTINCT to_user_id FROM analysis_messages WHERE from_user_id = ${userId}) AS recipients,
           ARRAY(SELECT DISTINCT from_user_id FROM analysis_messages WHERE to_user_id = ${userId}) AS senders`;
  if (!row) return [];
  return [
    ...row.teams.map(sponsorTeamTag),
    ...row.sponsors.map(sponsorTag),
    ...row.analyses.map(analysisTag),
    ...row.recipients.map(inboxTag),
    ...row.senders.map(sentTag),
  ];
}
