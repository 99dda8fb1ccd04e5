import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { cachedRead } from '@/lib/cache/read';
import { isUuid } from '@/lib/validation';
import { analysisAnalytics, codeAnalytics, composeAnalytics, messageAnalytics, type AnalysisAggregates, type MessageAggregates } from './analytics';
import { rangeBounds } from './buckets';
import { sponsorCacheKinds as kinds } from './module';
import { addDays, dayString, decodeCursor, encodeCursor, MAX_RANGE_DAYS, type Cursor } from './schemas';
import {
  analysisTag,
  dealerCodesTag,
  farmerAnalysesTag,
  inboxTag,
  sentTag,
  sponsorRolesTag,
  sponsorTag,
  sponsorTeamTag,
  subscriptionTag,
} from './tags';
import {
  TIER_DAILY_ANALYSES,
  type AnalysisAnalytics,
  type AnalysisDetail,
  type AnalysisListItem,
  type AnalyticsRange,
  type Bucket,
  type CodeAnalytics,
  type CodeFilter,
  type CodeRow,
  type CodeTier,
  type MemberRole,
  type MessageAnalytics,
  type MessageListItem,
  type Page,
  type SponsorAccess,
  type SponsorAnalytics,
  type SponsorRoles,
  type SubscriptionView,
  type TeamView,
} from './types';

/*
 * Reads of the Sponsors module. Who may see what is decided in the SQL (or, for a sponsor's pages,
 * by the access read that every one of them starts with):
 * - a sponsor's analytics, codes, analyses and team: its members (any role), and administrators
 *   read-only;
 * - a dealer's codes: the dealer;
 * - an analysis and its conversation: its farmer and its sponsor's members;
 * - messages, subscriptions, a farmer's analyses: their own person only.
 *
 * Every read is a cached-read descriptor (lib/cache/read.ts) shared by its page, its API route and
 * the sign-in warm-up. Reads whose answer follows the viewer's memberships or dealerships carry the
 * viewer's roles tag; a sponsor's access carries its team tag (tags.ts).
 *
 * Lists are keyset-paginated on (time, id): a page costs the same however deep it is, and rows
 * added meanwhile never shift a page. Lists of analyses never read the JSON documents.
 */

export const CODES_PAGE = 25;
export const ANALYSES_PAGE = 20;
export const MESSAGES_PAGE = 20;
export const THREAD_LIMIT = 200;

const iso = (value: Date | null) => (value ? value.toISOString() : null);

// ---------------------------------------------------------------------------------------------
// Access

interface AccessRow {
  id: string;
  name: string;
  code_prefix: string;
  role: MemberRole | null;
}

/** A sponsor and the viewer's membership of it (null role: not a member), or null when there is no such sponsor. */
export interface SponsorMembership {
  sponsorId: string;
  name: string;
  codePrefix: string;
  role: MemberRole | null;
}

export async function loadSponsorMembership(viewerId: string, sponsorId: string): Promise<SponsorMembership | null> {
  const [row] = await prisma.$queryRaw<AccessRow[]>`
    SELECT s.id, s.name, s.code_prefix, m.role::text AS role
    FROM sponsors s
    LEFT JOIN sponsor_members m ON m.sponsor_id = s.id AND m.user_id = ${viewerId}
    WHERE s.id = ${sponsorId}::uuid`;
  return row ? { sponsorId: row.id, name: row.name, codePrefix: row.code_prefix, role: row.role } : null;
}

export const sponsorMembershipRead = cachedRead({
  kind: kinds.access,
  key: (viewerId: string, sponsorId: string) => ['membership', sponsorId, viewerId],
  tags: (viewerId: string, sponsorId: string) => [sponsorTeamTag(sponsorId), sponsorRolesTag(viewerId)],
  load: loadSponsorMembership,
});

/**
 * What the viewer may do at a sponsor, or null when they may not see it (no such sponsor, or
 * not a member and not an administrator): pages answer 404 either way.
 */
export async function getSponsorAccess(viewer: { id: string; role: 'user' | 'admin' }, sponsorId: string): Promise<SponsorAccess | null> {
  if (!isUuid(sponsorId)) return null;
  const membership = await sponsorMembershipRead.get(viewer.id, sponsorId);
  if (!membership) return null;
  const role = membership.role ?? (viewer.role === 'admin' ? 'admin' : null);
  if (!role) return null;
  return {
    sponsorId: membership.sponsorId,
    name: membership.name,
    codePrefix: membership.codePrefix,
    role,
    canManageCodes: role === 'owner' || role === 'manager',
    canManageTeam: role === 'owner',
  };
}

/** The viewer's memberships and dealerships: the hub page. One statement. */
export async function loadSponsorRoles(viewerId: string): Promise<SponsorRoles> {
  const rows = await prisma.$queryRaw<{ kind: 'member' | 'dealer'; sponsor_id: string; sponsor_name: string; role: MemberRole | null; dealer_id: string | null; dealer_name: string | null }[]>`
    SELECT 'member' AS kind, s.id AS sponsor_id, s.name AS sponsor_name, m.role::text AS role, NULL::uuid AS dealer_id, NULL AS dealer_name
    FROM sponsor_members m JOIN sponsors s ON s.id = m.sponsor_id
    WHERE m.user_id = ${viewerId}
    UNION ALL
    SELECT 'dealer', s.id, s.name, NULL, d.id, d.name
    FROM dealers d JOIN sponsors s ON s.id = d.sponsor_id
    WHERE d.user_id = ${viewerId}
    ORDER BY 1, 3`;
  return {
    memberships: rows.filter((row) => row.kind === 'member').map((row) => ({ sponsorId: row.sponsor_id, name: row.sponsor_name, role: row.role! })),
    dealerships: rows
      .filter((row) => row.kind === 'dealer')
      .map((row) => ({ dealerId: row.dealer_id!, sponsorId: row.sponsor_id, sponsorName: row.sponsor_name, dealerName: row.dealer_name! })),
  };
}

export const sponsorRolesRead = cachedRead({
  kind: kinds.roles,
  key: (viewerId: string) => ['roles', viewerId],
  tags: (viewerId: string) => [sponsorRolesTag(viewerId)],
  load: loadSponsorRoles,
});

// ---------------------------------------------------------------------------------------------
// Analytics: three statements, each a GROUP BY over the range only, each reading one index. Their
// SQL is built apart (…Sql) so that tests can EXPLAIN exactly what runs (partition pruning).

/**
 * Codes distributed and redeemed in the range, per bucket, dealer and tier; codes in dealers' hands
 * now; the dealers. Each part index-only (sponsorship_codes_distributed_idx holds redeemed_at for
 * the codes redeemed since). The bucket's text is made per group, not per code.
 */
export function codeAnalyticsSql(sponsorId: string, from: string, to: string, bucket: Bucket): Prisma.Sql {
  const { start, end } = rangeBounds({ from, to, bucket });
  return Prisma.sql`
    WITH distributed AS (
      SELECT date_trunc(${bucket}, c.distributed_at AT TIME ZONE 'UTC') AS bucket, c.dealer_id, c.tier,
             count(*)::int AS n, count(c.redeemed_at)::int AS since_redeemed
      FROM sponsorship_codes c
      WHERE c.sponsor_id = ${sponsorId}::uuid AND c.distributed_at >= ${start} AND c.distributed_at < ${end}
      GROUP BY 1, 2, 3
    ), redeemed AS (
      SELECT date_trunc(${bucket}, c.redeemed_at AT TIME ZONE 'UTC') AS bucket, c.dealer_id, c.tier, count(*)::int AS n
      FROM sponsorship_codes c
      WHERE c.sponsor_id = ${sponsorId}::uuid AND c.redeemed_at >= ${start} AND c.redeemed_at < ${end}
      GROUP BY 1, 2, 3
    ), in_hand AS (
      SELECT c.dealer_id, count(*)::int AS n
      FROM sponsorship_codes c
      WHERE c.sponsor_id = ${sponsorId}::uuid AND c.dealer_id IS NOT NULL AND c.distributed_at IS NULL AND c.redeemed_at IS NULL
      GROUP BY 1
    )
    SELECT 'distributed' AS what, to_char(bucket, 'YYYY-MM-DD') AS bucket, dealer_id, tier::text AS tier, n, since_redeemed, NULL AS name FROM distributed
    UNION ALL SELECT 'redeemed', to_char(bucket, 'YYYY-MM-DD'), dealer_id, tier::text, n, 0, NULL FROM redeemed
    UNION ALL SELECT 'in_hand', NULL, dealer_id, NULL, n, 0, NULL FROM in_hand
    UNION ALL SELECT 'dealer', NULL, d.id, NULL, 0, 0, d.name FROM dealers d WHERE d.sponsor_id = ${sponsorId}::uuid`;
}

export async function loadCodeAnalytics(sponsorId: string, from: string, to: string, bucket: Bucket): Promise<CodeAnalytics> {
  const rows = await prisma.$queryRaw<
    { what: 'distributed' | 'redeemed' | 'in_hand' | 'dealer'; bucket: string | null; dealer_id: string | null; tier: CodeTier | null; n: number; since_redeemed: number; name: string | null }[]
  >(codeAnalyticsSql(sponsorId, from, to, bucket));
  return codeAnalytics(
    rows
      .filter((row) => row.what === 'distributed' || row.what === 'redeemed')
      .map((row) => ({ what: row.what as 'distributed' | 'redeemed', bucket: row.bucket!, dealerId: row.dealer_id, tier: row.tier!, n: row.n, sinceRedeemed: row.since_redeemed })),
    rows.filter((row) => row.what === 'in_hand').map((row) => ({ dealerId: row.dealer_id!, n: row.n })),
    rows
      .filter((row) => row.what === 'dealer')
      .map((row) => ({ dealerId: row.dealer_id!, name: row.name! }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.dealerId.localeCompare(b.dealerId)),
  );
}

/**
 * Analyses in the range by bucket, by crop and overall (one GROUP BY GROUPING SETS), and by
 * dealer, over one read of the covering index (the range's rows, materialised once). Distinct
 * farmers are counted where the page shows them only, by dealer and overall, with hashing: a
 * count(DISTINCT) in the grouping sets sorted every set's rows again and took three quarters of
 * the statement's time at large scale (86 of 110 ms for 21,000 analyses).
 * `level` keeps GROUPING(bucket, dealer, crop)'s meaning: 3 by bucket, 5 by dealer, 6 by crop, 7 overall.
 */
export function analysisAnalyticsSql(sponsorId: string, from: string, to: string, bucket: Bucket): Prisma.Sql {
  const { start, end } = rangeBounds({ from, to, bucket });
  return Prisma.sql`
    WITH a AS MATERIALIZED (
      SELECT date_trunc(${bucket}, a.analysis_date AT TIME ZONE 'UTC') AS bucket, a.dealer_id, a.crop_type, a.farmer_id, a.overall_health_score, a.status
      FROM plant_analyses a
      WHERE a.sponsor_id = ${sponsorId}::uuid AND a.analysis_date >= ${start} AND a.analysis_date < ${end}
    ), dealer_farmers AS (
      SELECT a.dealer_id, a.farmer_id, count(*) AS analyses FROM a GROUP BY 1, 2
    )
    SELECT CASE GROUPING(a.bucket, a.crop_type) WHEN 1 THEN 3 WHEN 2 THEN 6 ELSE 7 END AS level,
           to_char(a.bucket, 'YYYY-MM-DD') AS bucket, NULL::uuid AS dealer_id, a.crop_type,
           count(*)::int AS analyses,
           CASE WHEN GROUPING(a.bucket, a.crop_type) = 3 THEN (SELECT count(*) FROM (SELECT DISTINCT farmer_id FROM a) f) ELSE 0 END::int AS farmers,
           coalesce(sum(a.overall_health_score), 0)::int AS health_sum, count(a.overall_health_score)::int AS health_n,
           count(*) FILTER (WHERE a.status = 'completed')::int AS completed,
           count(*) FILTER (WHERE a.status = 'failed')::int AS failed
    FROM a
    GROUP BY GROUPING SETS ((a.bucket), (a.crop_type), ())
    UNION ALL
    SELECT 5, NULL, d.dealer_id, NULL, sum(d.analyses)::int, count(*)::int, 0, 0, 0, 0
    FROM dealer_farmers d
    GROUP BY d.dealer_id`;
}

export async function loadAnalysisAnalytics(sponsorId: string, from: string, to: string, bucket: Bucket): Promise<AnalysisAnalytics> {
  const rows = await prisma.$queryRaw<
    { level: number; bucket: string | null; dealer_id: string | null; crop_type: string | null; analyses: number; farmers: number; health_sum: number; health_n: number; completed: number; failed: number }[]
  >(analysisAnalyticsSql(sponsorId, from, to, bucket));
  const total = rows.find((row) => row.level === 7);
  const aggregates: AnalysisAggregates = {
    series: rows
      .filter((row) => row.level === 3)
      .map((row) => ({ bucket: row.bucket!, analyses: row.analyses, healthSum: row.health_sum, healthCount: row.health_n }))
      .sort((a, b) => a.bucket.localeCompare(b.bucket)),
    dealers: rows.filter((row) => row.level === 5).map((row) => ({ dealerId: row.dealer_id, analyses: row.analyses, farmers: row.farmers })),
    crops: rows.filter((row) => row.level === 6).map((row) => ({ cropType: row.crop_type!, analyses: row.analyses, healthSum: row.health_sum, healthCount: row.health_n })),
    totals: {
      analyses: total?.analyses ?? 0,
      farmers: total?.farmers ?? 0,
      completed: total?.completed ?? 0,
      failed: total?.failed ?? 0,
      healthSum: total?.health_sum ?? 0,
      healthCount: total?.health_n ?? 0,
    },
  };
  return analysisAnalytics(aggregates);
}

/**
 * Messages in the range by bucket and sender, and the conversation figures: a farmer's message
 * counts as answered when the next message on the same analysis (in the range) is the sponsor's.
 * Conversations (overall only: the page shows no series of them) are counted by their first
 * message in the range, from the window the answers need already: a count(DISTINCT) sorted the
 * rows once more. The bucket's text is made per group, not per message.
 */
export function messageAnalyticsSql(sponsorId: string, from: string, to: string, bucket: Bucket): Prisma.Sql {
  const { start, end } = rangeBounds({ from, to, bucket });
  return Prisma.sql`
    WITH m AS (
      SELECT date_trunc(${bucket}, m.sent_at AT TIME ZONE 'UTC') AS bucket, m.sent_at, m.sender_role,
             lag(m.sent_at) OVER w IS NULL AS opens,
             lead(m.sender_role) OVER w AS next_role, lead(m.sent_at) OVER w AS next_at
      FROM analysis_messages m
      WHERE m.sponsor_id = ${sponsorId}::uuid AND m.sent_at >= ${start} AND m.sent_at < ${end}
      WINDOW w AS (PARTITION BY m.analysis_id ORDER BY m.sent_at)
    )
    SELECT GROUPING(m.bucket) AS level, to_char(m.bucket, 'YYYY-MM-DD') AS bucket,
           count(*) FILTER (WHERE m.sender_role = 'sponsor')::int AS from_sponsor,
           count(*) FILTER (WHERE m.sender_role = 'farmer')::int AS from_farmers,
           CASE WHEN GROUPING(m.bucket) = 1 THEN count(*) FILTER (WHERE m.opens) ELSE 0 END::int AS conversations,
           count(*) FILTER (WHERE m.sender_role = 'farmer' AND m.next_role = 'sponsor')::int AS answered,
           coalesce(sum(round(extract(epoch FROM m.next_at - m.sent_at) * 1000)) FILTER (WHERE m.sender_role = 'farmer' AND m.next_role = 'sponsor'), 0)::float8 AS response_ms
    FROM m
    GROUP BY GROUPING SETS ((m.bucket), ())`;
}

export async function loadMessageAnalytics(sponsorId: string, from: string, to: string, bucket: Bucket): Promise<MessageAnalytics> {
  const rows = await prisma.$queryRaw<{ level: number; bucket: string | null; from_sponsor: number; from_farmers: number; conversations: number; answered: number; response_ms: number }[]>(
    messageAnalyticsSql(sponsorId, from, to, bucket),
  );
  const total = rows.find((row) => row.level === 1);
  const aggregates: MessageAggregates = {
    series: rows
      .filter((row) => row.level === 0)
      .map((row) => ({ bucket: row.bucket!, fromSponsor: row.from_sponsor, fromFarmers: row.from_farmers }))
      .sort((a, b) => a.bucket.localeCompare(b.bucket)),
    totals: {
      fromSponsor: total?.from_sponsor ?? 0,
      fromFarmers: total?.from_farmers ?? 0,
      conversations: total?.conversations ?? 0,
      answered: total?.answered ?? 0,
      responseMs: total?.response_ms ?? 0,
    },
  };
  return messageAnalytics(aggregates);
}

const analyticsKey = (part: string) => (sponsorId: string, from: string, to: string, bucket: Bucket) => [part, sponsorId, from, to, bucket];
const analyticsTags = (sponsorId: string) => [sponsorTag(sponsorId)];

/** Shared by every member who asks for the same range (the data does not depend on who looks; access is checked before). */
export const codeAnalyticsRead = cachedRead({ kind: kinds.analytics, key: analyticsKey('codes'), tags: analyticsTags, load: loadCodeAnalytics });
export const analysisAnalyticsRead = cachedRead({ kind: kinds.analytics, key: analyticsKey('analyses'), tags: analyticsTags, load: loadAnalysisAnalytics });
export const messageAnalyticsRead = cachedRead({ kind: kinds.analytics, key: analyticsKey('messages'), tags: analyticsTags, load: loadMessageAnalytics });

/** The three parts, each on its own (widgets that need only one never wait for the others). */
export const getCodeAnalytics = (sponsorId: string, range: AnalyticsRange) => codeAnalyticsRead.get(sponsorId, range.from, range.to, range.bucket);
export const getAnalysisAnalytics = (sponsorId: string, range: AnalyticsRange) => analysisAnalyticsRead.get(sponsorId, range.from, range.to, range.bucket);
export const getMessageAnalytics = (sponsorId: string, range: AnalyticsRange) => messageAnalyticsRead.get(sponsorId, range.from, range.to, range.bucket);

/** The whole analytics of a sponsor the viewer may see (access checked by the caller): three statements cold, none warm. */
export async function getSponsorAnalytics(access: Pick<SponsorAccess, 'sponsorId' | 'name'>, range: AnalyticsRange): Promise<SponsorAnalytics> {
  const [codes, analyses, messages] = await Promise.all([getCodeAnalytics(access.sponsorId, range), getAnalysisAnalytics(access.sponsorId, range), getMessageAnalytics(access.sponsorId, range)]);
  return composeAnalytics({ id: access.sponsorId, name: access.name }, range, codes, analyses, messages);
}

/** The same, uncached (three statements): tests and the benchmark's reference answers. */
export async function loadSponsorAnalytics(sponsor: { id: string; name: string }, range: AnalyticsRange): Promise<SponsorAnalytics> {
  const [codes, analyses, messages] = await Promise.all([
    loadCodeAnalytics(sponsor.id, range.from, range.to, range.bucket),
    loadAnalysisAnalytics(sponsor.id, range.from, range.to, range.bucket),
    loadMessageAnalytics(sponsor.id, range.from, range.to, range.bucket),
  ]);
  return composeAnalytics(sponsor, range, codes, analyses, messages);
}

// ---------------------------------------------------------------------------------------------
// Codes

interface CodeDbRow {
  id: string;
  code: string;
  tier: CodeTier;
  status: CodeRow['status'];
  sponsor_name: string;
  dealer_id: string | null;
  dealer_name: string | null;
  created_at: Date;
  distributed_at: Date | null;
  redeemed_at: Date | null;
  redeemed_by_name: string | null;
  expires_at: Date;
}

const CODE_COLUMNS = Prisma.sql`
  c.id, c.code, c.tier::text AS tier, s.name AS sponsor_name, c.dealer_id, d.name AS dealer_name, c.created_at, c.distributed_at,
  c.redeemed_at, u.name AS redeemed_by_name, c.expires_at,
  CASE WHEN c.redeemed_at IS NOT NULL THEN 'redeemed'
       WHEN NOT c.active THEN 'inactive'
       WHEN c.expires_at <= now() THEN 'expired'
       WHEN c.distributed_at IS NOT NULL THEN 'sent'
       WHEN c.dealer_id IS NOT NULL THEN 'with_dealer'
       ELSE 'in_stock' END AS status`;

const CODE_JOINS = Prisma.sql`
  JOIN sponsors s ON s.id = c.sponsor_id
  LEFT JOIN dealers d ON d.id = c.dealer_id
  LEFT JOIN users u ON u.id = c.redeemed_by_id`;

const OPEN = Prisma.sql`c.redeemed_at IS NULL AND c.active AND c.expires_at > now()`;
const CODE_FILTER_SQL: Record<CodeFilter, Prisma.Sql> = {
  all: Prisma.sql`true`,
  in_stock: Prisma.sql`c.dealer_id IS NULL AND c.distributed_at IS NULL AND ${OPEN}`,
  with_dealer: Prisma.sql`c.dealer_id IS NOT NULL AND c.distributed_at IS NULL AND ${OPEN}`,
  sent: Prisma.sql`c.distributed_at IS NOT NULL AND ${OPEN}`,
  redeemed: Prisma.sql`c.redeemed_at IS NOT NULL`,
  expired: Prisma.sql`c.redeemed_at IS NULL AND c.expires_at <= now()`,
};

/** Rows after the cursor in (time DESC, id DESC) order. */
const after = (time: Prisma.Sql, id: Prisma.Sql, cursor: Cursor | null) =>
  cursor ? Prisma.sql`AND ${time} <= ${new Date(cursor.at)} AND (${time}, ${id}) < (${new Date(cursor.at)}, ${cursor.id}::uuid)` : Prisma.empty;

/** The page's rows (one more than shown, to know whether another page follows) and the next cursor. */
function toPage<R, T>(rows: R[], size: number, map: (row: R) => T, key: (row: R) => { at: Date; id: string }): Page<T> {
  const shown = rows.slice(0, size);
  const last = shown.at(-1);
  return { items: shown.map(map), next: rows.length > size && last ? encodeCursor({ at: key(last).at.toISOString(), id: key(last).id }) : null };
}

const toCode = (row: CodeDbRow): CodeRow => ({
  id: row.id,
  code: row.code,
  tier: row.tier,
  status: row.status,
  sponsorName: row.sponsor_name,
  dealerId: row.dealer_id,
  dealerName: row.dealer_name,
  createdAt: row.created_at.toISOString(),
  distributedAt: iso(row.distributed_at),
  redeemedAt: iso(row.redeemed_at),
  redeemedByName: row.redeemed_by_name,
  expiresAt: row.expires_at.toISOString(),
});

/** A sponsor's codes, newest first, one page (the sponsor_created index, read from the cursor on). One statement. */
export async function loadSponsorCodes(sponsorId: string, filter: CodeFilter, cursorValue: string | null): Promise<Page<CodeRow>> {
  const cursor = decodeCursor(cursorValue);
  const rows = await prisma.$queryRaw<CodeDbRow[]>`
    SELECT ${CODE_COLUMNS}
    FROM sponsorship_codes c ${CODE_JOINS}
    WHERE c.sponsor_id = ${sponsorId}::uuid AND ${CODE_FILTER_SQL[filter]} ${after(Prisma.sql`c.created_at`, Prisma.sql`c.id`, cursor)}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${CODES_PAGE + 1}`;
  return toPage(rows, CODES_PAGE, toCode, (row) => ({ at: row.created_at, id: row.id }));
}

export const sponsorCodesRead = cachedRead({
  kind: kinds.codes,
  key: (sponsorId: string, filter: CodeFilter, cursor: string | null) => ['sponsor-codes', sponsorId, filter, cursor ?? ''],
  tags: (sponsorId: string) => [sponsorTag(sponsorId)],
  load: loadSponsorCodes,
});

/** The codes a person holds as a dealer (for any sponsor), newest first. One statement. */
export async function loadDealerCodes(viewerId: string, cursorValue: string | null): Promise<Page<CodeRow>> {
  const cursor = decodeCursor(cursorValue);
  const rows = await prisma.$queryRaw<CodeDbRow[]>`
    SELECT ${CODE_COLUMNS}
    FROM sponsorship_codes c ${CODE_JOINS}
    WHERE c.dealer_id IN (SELECT id FROM dealers WHERE user_id = ${viewerId}) ${after(Prisma.sql`c.created_at`, Prisma.sql`c.id`, cursor)}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${CODES_PAGE + 1}`;
  return toPage(rows, CODES_PAGE, toCode, (row) => ({ at: row.created_at, id: row.id }));
}

export const dealerCodesRead = cachedRead({
  kind: kinds.codes,
  key: (viewerId: string, cursor: string | null) => ['dealer-codes', viewerId, cursor ?? ''],
  tags: (viewerId: string) => [dealerCodesTag(viewerId), sponsorRolesTag(viewerId)],
  load: loadDealerCodes,
});

// ---------------------------------------------------------------------------------------------
// Analyses

interface AnalysisListRow {
  id: string;
  analysis_date: Date;
  status: AnalysisListItem['status'];
  crop_type: string;
  overall_health_score: number | null;
  image_url: string | null;
  location: string | null;
  farmer_name: string;
  sponsor_name: string | null;
  dealer_name: string | null;
}

/**
 * The list projection (plan 003's PlantAnalysisListDto): these columns and never the JSON
 * documents, which are most of a row's bytes (a test asserts the SQL).
 */
const LIST_COLUMNS = Prisma.sql`
  a.id, a.analysis_date, a.status::text AS status, a.crop_type, a.overall_health_score, a.image_url, a.location,
  f.name AS farmer_name, s.name AS sponsor_name, d.name AS dealer_name`;
const LIST_JOINS = Prisma.sql`
  JOIN users f ON f.id = a.farmer_id
  LEFT JOIN sponsors s ON s.id = a.sponsor_id
  LEFT JOIN dealers d ON d.id = a.dealer_id`;

const toListItem = (row: AnalysisListRow): AnalysisListItem => ({
  id: row.id,
  analysisDate: row.analysis_date.toISOString(),
  status: row.status,
  cropType: row.crop_type,
  overallHealthScore: row.overall_health_score,
  imageUrl: row.image_url,
  location: row.location,
  farmerName: row.farmer_name,
  sponsorName: row.sponsor_name,
  dealerName: row.dealer_name,
});

/** A farmer's analyses, newest first: the farmer_date index of each month's partition, from the cursor's month down. One statement. */
export function farmerAnalysesSql(viewerId: string, cursor: Cursor | null): Prisma.Sql {
  return Prisma.sql`
    SELECT ${LIST_COLUMNS}
    FROM plant_analyses a ${LIST_JOINS}
    WHERE a.farmer_id = ${viewerId} ${after(Prisma.sql`a.analysis_date`, Prisma.sql`a.id`, cursor)}
    ORDER BY a.analysis_date DESC, a.id DESC
    LIMIT ${ANALYSES_PAGE + 1}`;
}

export async function loadFarmerAnalyses(viewerId: string, cursorValue: string | null): Promise<Page<AnalysisListItem>> {
  const rows = await prisma.$queryRaw<AnalysisListRow[]>(farmerAnalysesSql(viewerId, decodeCursor(cursorValue)));
  return toPage(rows, ANALYSES_PAGE, toListItem, (row) => ({ at: row.analysis_date, id: row.id }));
}

export const farmerAnalysesRead = cachedRead({
  kind: kinds.analyses,
  key: (viewerId: string, cursor: string | null) => ['farmer', viewerId, cursor ?? ''],
  tags: (viewerId: string) => [farmerAnalysesTag(viewerId)],
  load: loadFarmerAnalyses,
});

/** A sponsor's analyses, newest first (the sponsor_date covering index). Access is checked by the caller. One statement. */
export async function loadSponsorAnalyses(sponsorId: string, cursorValue: string | null): Promise<Page<AnalysisListItem>> {
  const cursor = decodeCursor(cursorValue);
  const rows = await prisma.$queryRaw<AnalysisListRow[]>`
    SELECT ${LIST_COLUMNS}
    FROM plant_analyses a ${LIST_JOINS}
    WHERE a.sponsor_id = ${sponsorId}::uuid ${after(Prisma.sql`a.analysis_date`, Prisma.sql`a.id`, cursor)}
    ORDER BY a.analysis_date DESC, a.id DESC
    LIMIT ${ANALYSES_PAGE + 1}`;
  return toPage(rows, ANALYSES_PAGE, toListItem, (row) => ({ at: row.analysis_date, id: row.id }));
}

export const sponsorAnalysesRead = cachedRead({
  kind: kinds.analyses,
  key: (sponsorId: string, cursor: string | null) => ['sponsor', sponsorId, cursor ?? ''],
  tags: (sponsorId: string) => [sponsorTag(sponsorId)],
  load: loadSponsorAnalyses,
});

interface DetailRow extends AnalysisListRow {
  farmer_id: string;
  sponsor_id: string | null;
  detailed_analysis: Record<string, unknown> | null;
  health_assessment: Record<string, unknown> | null;
  nutrient_status: Record<string, unknown> | null;
  pest_disease: Record<string, unknown> | null;
  environmental_stress: Record<string, unknown> | null;
  recommendations: Record<string, unknown> | null;
}

/**
 * One analysis in full, with its conversation, as the viewer may see it (its farmer, or a member
 * of its sponsor), or null. Two statements: the analysis (an index probe of each month's primary
 * key: the id alone does not say which month), then its messages from its own month on.
 */
export async function loadAnalysisDetail(viewerId: string, analysisId: string): Promise<AnalysisDetail | null> {
  const [row] = await prisma.$queryRaw<DetailRow[]>`
    SELECT ${LIST_COLUMNS}, a.farmer_id, a.sponsor_id, a.detailed_analysis, a.health_assessment, a.nutrient_status,
           a.pest_disease, a.environmental_stress, a.recommendations
    FROM plant_analyses a ${LIST_JOINS}
    WHERE a.id = ${analysisId}::uuid
      AND (a.farmer_id = ${viewerId}
           OR EXISTS (SELECT 1 FROM sponsor_members m WHERE m.sponsor_id = a.sponsor_id AND m.user_id = ${viewerId}))`;
  if (!row) return null;
  const messages = await prisma.$queryRaw<{ id: string; sent_at: Date; sender_role: 'farmer' | 'sponsor'; from_name: string; body: string; unread: boolean }[]>`
    SELECT m.id, m.sent_at, m.sender_role::text AS sender_role, u.name AS from_name, m.body,
           (m.to_user_id = ${viewerId} AND m.read_at IS NULL) AS unread
    FROM analysis_messages m JOIN users u ON u.id = m.from_user_id
    WHERE m.analysis_id = ${analysisId}::uuid AND m.sent_at >= ${row.analysis_date}
    ORDER BY m.sent_at, m.id
    LIMIT ${THREAD_LIMIT}`;
  return {
    ...toListItem(row),
    farmerId: row.farmer_id,
    sponsorId: row.sponsor_id,
    viewerIsFarmer: row.farmer_id === viewerId,
    documents: {
      detailedAnalysis: row.detailed_analysis,
      healthAssessment: row.health_assessment,
      nutrientStatus: row.nutrient_status,
      pestDisease: row.pest_disease,
      environmentalStress: row.environmental_stress,
      recommendations: row.recommendations,
    },
    messages: messages.map((message) => ({
      id: message.id,
      sentAt: message.sent_at.toISOString(),
      senderRole: message.sender_role,
      fromName: message.from_name,
      body: message.body,
      unreadByViewer: message.unread,
    })),
  };
}

export const analysisDetailRead = cachedRead({
  kind: kinds.analysis,
  key: (viewerId: string, analysisId: string) => ['detail', analysisId, viewerId],
  // Who may see it follows the viewer's memberships.
  tags: (viewerId: string, analysisId: string) => [analysisTag(analysisId), sponsorRolesTag(viewerId)],
  load: loadAnalysisDetail,
});

export function getAnalysisDetail(viewerId: string, analysisId: string): Promise<AnalysisDetail | null> {
  // Not an analysis id at all: no query, the same answer as one the viewer may not see.
  if (!isUuid(analysisId)) return Promise.resolve(null);
  return analysisDetailRead.get(viewerId, analysisId);
}

// ---------------------------------------------------------------------------------------------
// Messages

/** Unread messages to the viewer: an index-only count of the partial unread index (each partition's). One statement. */
export async function loadUnreadCount(viewerId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ unread: number }[]>`SELECT count(*)::int AS unread FROM analysis_messages WHERE to_user_id = ${viewerId} AND read_at IS NULL`;
  return row?.unread ?? 0;
}

export const unreadCountRead = cachedRead({
  kind: kinds.messages,
  key: (viewerId: string) => ['unread', viewerId],
  tags: (viewerId: string) => [inboxTag(viewerId)],
  load: loadUnreadCount,
});

/** Messages to the viewer (inbox) or from them (sent), newest first. One statement. */
export async function loadMessages(viewerId: string, box: 'inbox' | 'sent', cursorValue: string | null): Promise<Page<MessageListItem>> {
  const cursor = decodeCursor(cursorValue);
  const mine = box === 'inbox' ? Prisma.sql`m.to_user_id = ${viewerId}` : Prisma.sql`m.from_user_id = ${viewerId}`;
  const other = box === 'inbox' ? Prisma.sql`m.from_user_id` : Prisma.sql`m.to_user_id`;
  const rows = await prisma.$queryRaw<{ id: string; sent_at: Date; analysis_id: string; sponsor_name: string; other_name: string; sender_role: 'farmer' | 'sponsor'; preview: string; read: boolean }[]>`
    SELECT m.id, m.sent_at, m.analysis_id, s.name AS sponsor_name, u.name AS other_name, m.sender_role::text AS sender_role,
           left(m.body, 160) AS preview, m.read_at IS NOT NULL AS read
    FROM analysis_messages m
    JOIN users u ON u.id = ${other}
    JOIN sponsors s ON s.id = m.sponsor_id
    WHERE ${mine} ${after(Prisma.sql`m.sent_at`, Prisma.sql`m.id`, cursor)}
    ORDER BY m.sent_at DESC, m.id DESC
    LIMIT ${MESSAGES_PAGE + 1}`;
  return toPage(
    rows,
    MESSAGES_PAGE,
    (row) => ({ id: row.id, sentAt: row.sent_at.toISOString(), analysisId: row.analysis_id, sponsorName: row.sponsor_name, otherName: row.other_name, senderRole: row.sender_role, preview: row.preview, read: row.read }),
    (row) => ({ at: row.sent_at, id: row.id }),
  );
}

export const messagesRead = cachedRead({
  kind: kinds.messages,
  key: (viewerId: string, box: 'inbox' | 'sent', cursor: string | null) => [box, viewerId, cursor ?? ''],
  tags: (viewerId: string, box: 'inbox' | 'sent') => [box === 'inbox' ? inboxTag(viewerId) : sentTag(viewerId)],
  load: loadMessages,
});

// ---------------------------------------------------------------------------------------------
// Subscription

/**
 * The subscription check (plan 003: 2-5 s before, 0.05-0.1 s the target): the viewer's current
 * subscription, from the partial index of active subscriptions by user and end date. One
 * statement, one row.
 */
export async function loadSubscription(viewerId: string): Promise<SubscriptionView | null> {
  const [row] = await prisma.$queryRaw<{ id: string; tier: SubscriptionView['tier']; start_date: Date; end_date: Date; sponsor_id: string | null; sponsor_name: string | null }[]>`
    SELECT us.id, us.tier::text AS tier, us.start_date, us.end_date, us.sponsor_id, s.name AS sponsor_name
    FROM user_subscriptions us LEFT JOIN sponsors s ON s.id = us.sponsor_id
    WHERE us.user_id = ${viewerId} AND us.active AND us.start_date <= now() AND us.end_date > now()
    ORDER BY us.end_date DESC
    LIMIT 1`;
  if (!row) return null;
  return {
    id: row.id,
    tier: row.tier,
    startDate: row.start_date.toISOString(),
    endDate: row.end_date.toISOString(),
    sponsorId: row.sponsor_id,
    sponsorName: row.sponsor_name,
    dailyAnalyses: TIER_DAILY_ANALYSES[row.tier],
  };
}

export const subscriptionRead = cachedRead({
  kind: kinds.subscription,
  key: (viewerId: string) => ['subscription', viewerId],
  tags: (viewerId: string) => [subscriptionTag(viewerId)],
  load: loadSubscription,
});

/** The viewer's subscription, or null; a cached one that has ended since counts as none (no statement). */
export async function getSubscription(viewerId: string, now = new Date()): Promise<SubscriptionView | null> {
  const subscription = await subscriptionRead.get(viewerId);
  return subscription && subscription.endDate > now.toISOString() ? subscription : null;
}

// ---------------------------------------------------------------------------------------------
// Team

/** A sponsor's members and dealers. Access is checked by the caller. One statement. */
export async function loadSponsorTeam(sponsorId: string): Promise<TeamView> {
  const rows = await prisma.$queryRaw<{ kind: 'member' | 'dealer'; user_id: string; person_name: string; email: string; role: MemberRole | null; since: Date; dealer_id: string | null; dealer_name: string | null; region: string | null }[]>`
    SELECT 'member' AS kind, u.id AS user_id, u.name AS person_name, u.email, m.role::text AS role, m.created_at AS since, NULL::uuid AS dealer_id, NULL AS dealer_name, NULL AS region
    FROM sponsor_members m JOIN users u ON u.id = m.user_id
    WHERE m.sponsor_id = ${sponsorId}::uuid
    UNION ALL
    SELECT 'dealer', u.id, u.name, u.email, NULL, d.created_at, d.id, d.name, d.region
    FROM dealers d JOIN users u ON u.id = d.user_id
    WHERE d.sponsor_id = ${sponsorId}::uuid
    ORDER BY 1, 3, 2`;
  const order = { owner: 0, manager: 1, analyst: 2 } as const;
  return {
    members: rows
      .filter((row) => row.kind === 'member')
      .map((row) => ({ userId: row.user_id, name: row.person_name, email: row.email, role: row.role!, since: row.since.toISOString() }))
      .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name)),
    dealers: rows
      .filter((row) => row.kind === 'dealer')
      .map((row) => ({ dealerId: row.dealer_id!, userId: row.user_id, name: row.dealer_name!, personName: row.person_name, region: row.region }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export const sponsorTeamRead = cachedRead({
  kind: kinds.team,
  key: (sponsorId: string) => ['team', sponsorId],
  tags: (sponsorId: string) => [sponsorTeamTag(sponsorId)],
  load: loadSponsorTeam,
});

// ---------------------------------------------------------------------------------------------
// Widgets of the Projects builder and the sign-in warm-up

/** The analytics range of a widget: the last `days` days up to today, by `bucket` (within the bucket's longest range). */
export function widgetRange(days: number, bucket: Bucket, today = dayString(new Date())): AnalyticsRange {
  return { from: addDays(today, -(Math.min(days, MAX_RANGE_DAYS[bucket]) - 1)), to: today, bucket };
}

/** Temporal analytics of a sponsor for the Projects builder; null when the viewer is not one of its members. */
export async function loadTemporalWidget(viewerId: string, config: { sponsorId: string; days: number; bucket: Bucket }) {
  const access = await getSponsorAccess({ id: viewerId, role: 'user' }, config.sponsorId);
  if (!access) return null;
  const analytics = await getSponsorAnalytics(access, widgetRange(config.days, config.bucket));
  return { sponsorName: access.name, range: analytics.range, series: analytics.series, totals: analytics.totals };
}

/** Dealer performance of a sponsor for the Projects builder; null when the viewer is not one of its members. */
export async function loadDealerWidget(viewerId: string, config: { sponsorId: string; days: number }) {
  const access = await getSponsorAccess({ id: viewerId, role: 'user' }, config.sponsorId);
  if (!access) return null;
  const range = widgetRange(config.days, 'month');
  const [codes, analyses] = await Promise.all([getCodeAnalytics(access.sponsorId, range), getAnalysisAnalytics(access.sponsorId, range)]);
  const empty: MessageAnalytics = { series: [], totals: { messages: 0, fromSponsor: 0, fromFarmers: 0, conversations: 0, answered: 0, avgResponseHours: null } };
  return { sponsorName: access.name, range, dealers: composeAnalytics({ id: access.sponsorId, name: access.name }, range, codes, analyses, empty).dealers };
}

/**
 * After sign-in: what the person opens first, through the pages' own reads. Their roles; for
 * each sponsor they belong to, its access and default analytics; as a dealer, their first page
 * of codes; as a farmer, their subscription, first page of analyses, unread count and inbox.
 */
export async function warmViewer(viewerId: string): Promise<string[]> {
  const roles = await sponsorRolesRead.get(viewerId);
  const today = dayString(new Date());
  const range = widgetRange(90, 'week', today);
  const warmed = ['roles'];
  await Promise.all(
    roles.memberships.map(async ({ sponsorId }) => {
      await sponsorMembershipRead.get(viewerId, sponsorId);
      await Promise.all([getCodeAnalytics(sponsorId, range), getAnalysisAnalytics(sponsorId, range), getMessageAnalytics(sponsorId, range)]);
    }),
  );
  if (roles.memberships.length > 0) warmed.push('sponsor-analytics');
  if (roles.dealerships.length > 0) {
    await dealerCodesRead.get(viewerId, null);
    warmed.push('dealer-codes');
  }
  await Promise.all([subscriptionRead.get(viewerId), farmerAnalysesRead.get(viewerId, null), unreadCountRead.get(viewerId), messagesRead.get(viewerId, 'inbox', null)]);
  warmed.push('subscription', 'analyses', 'inbox');
  return warmed;
}
