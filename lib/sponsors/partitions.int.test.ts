import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { runCronInline } from '@/lib/jobs/inline';
import { cronJobs } from '@/lib/modules/registry';
import { demoSponsorId } from '@/prisma/seed/sponsors-demo';
import { addMonths, ensurePartitions, isMissingPartition, listPartitions, prepareComingPartitions, withPartitionsFor } from './partitions';
import { analysisAnalyticsSql, codeAnalyticsSql, farmerAnalysesSql, loadFarmerAnalyses, messageAnalyticsSql } from './queries';
import { addDays, dayString } from './schemas';

/*
 * plant_analyses and analysis_messages are partitioned by month (migration 20261123300000_sponsors).
 * These tests run on the embedded database and on PostgreSQL alike: PGlite is PostgreSQL compiled
 * to WebAssembly, with declarative partitioning, plpgsql and EXPLAIN as they are on a server.
 */

const monthName = (date: Date) => `${date.getUTCFullYear()}_${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
const partitionsOf = async (parent: string) => (await listPartitions()).filter((p) => p.parent === parent).map((p) => p.partition);

/** Every table an EXPLAIN (FORMAT JSON) plan reads (with the kind of scan), and how many subplans it pruned at run time. */
function planTables(plan: unknown): { tables: string[]; scans: { relation: string; type: unknown }[]; removed: number } {
  const scans: { relation: string; type: unknown }[] = [];
  let removed = 0;
  const walk = (node: Record<string, unknown>) => {
    if (typeof node['Relation Name'] === 'string') scans.push({ relation: node['Relation Name'], type: node['Node Type'] });
    if (typeof node['Subplans Removed'] === 'number') removed += node['Subplans Removed'];
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
  };
  walk((plan as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return { tables: scans.map((scan) => scan.relation), scans, removed };
}

async function explain(sql: Prisma.Sql) {
  const [row] = await prisma.$queryRaw<{ 'QUERY PLAN': unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
  const plan = row!['QUERY PLAN'];
  return planTables(typeof plan === 'string' ? JSON.parse(plan) : plan);
}

describe('monthly partitions', () => {
  it('the migration and the job keep this month and the next three ready', async () => {
    const now = new Date();
    const names = await partitionsOf('plant_analyses');
    for (let month = 0; month <= 3; month++) expect(names).toContain(`plant_analyses_p${monthName(addMonths(now, month))}`);
    expect(await partitionsOf('analysis_messages')).toContain(`analysis_messages_p${monthName(addMonths(now, 3))}`);
  });

  it('the job is a daily cron, idempotent, and makes the months ahead of any day', async () => {
    const job = cronJobs().find((candidate) => candidate.name === 'sponsors/create-partitions');
    expect(job?.trigger.cron).toBe('20 2 * * *');
    const runId = await runCronInline(job!);
    expect(await prisma.jobRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } })).toEqual({ status: 'succeeded' });
    // A day in 2033: its month and the three after are made once, then found.
    const later = new Date('2033-05-17T12:00:00Z');
    expect(await prepareComingPartitions(later)).toEqual({ created: 8, through: '2033-08' });
    expect(await prepareComingPartitions(later)).toEqual({ created: 0, through: '2033-08' });
    expect(await partitionsOf('analysis_messages')).toEqual(expect.arrayContaining(['analysis_messages_p2033_05', 'analysis_messages_p2033_08']));
  });

  it('two callers making the same month at once both succeed, and it is made once', async () => {
    const month = new Date('2035-02-10T00:00:00Z');
    const created = await Promise.all([ensurePartitions(month, month), ensurePartitions(month, month), ensurePartitions(month, month)]);
    expect(created.reduce((sum, n) => sum + n, 0)).toBe(2);
  });

  it('a row at any date goes in: a month without a partition gets one on the write that needs it', async () => {
    const farmer = await prisma.user.create({ data: { id: `usr_t_part_${randomUUID().slice(0, 6)}`, name: 'Partition farmer', email: `part-${randomUUID().slice(0, 6)}@example.com` } });
    const sponsorId = demoSponsorId('greenleaf');
    for (const at of [new Date('1999-06-15T10:00:00Z'), new Date('2040-02-29T23:59:59.999Z'), new Date()]) {
      const id = randomUUID();
      // Without the helper, PostgreSQL refuses a date no partition holds (except the prepared months).
      if (at.getUTCFullYear() === 1999) {
        const error = await prisma.plantAnalysis.create({ data: { id, analysisDate: at, farmerId: farmer.id, cropType: 'olive' } }).catch((caught: unknown) => caught);
        expect(isMissingPartition(error)).toBe(true);
      }
      await withPartitionsFor([at], () => prisma.plantAnalysis.create({ data: { id, analysisDate: at, farmerId: farmer.id, sponsorId, cropType: 'olive', status: 'completed' } }));
      const sentAt = new Date(at.getTime() + 60_000);
      await withPartitionsFor([sentAt], () =>
        prisma.analysisMessage.create({ data: { analysisId: id, analysisDate: at, sentAt, sponsorId, fromUserId: 'usr_sofia', toUserId: farmer.id, senderRole: 'sponsor', body: `About ${at.toISOString()}` } }),
      );
    }
    expect(await partitionsOf('plant_analyses')).toEqual(expect.arrayContaining(['plant_analyses_p1999_06', 'plant_analyses_p2040_02']));
    expect(await partitionsOf('analysis_messages')).toEqual(expect.arrayContaining(['analysis_messages_p1999_06', 'analysis_messages_p2040_03']));
    // Read back across partitions decades apart, newest first.
    const page = await loadFarmerAnalyses(farmer.id, null);
    expect(page.items.map((item) => item.analysisDate.slice(0, 4))).toEqual(['2040', String(new Date().getUTCFullYear()), '1999']);
  });

  it('refuses to make more than 50 years of partitions in one call', async () => {
    await expect(ensurePartitions(new Date('2000-01-01T00:00:00Z'), new Date('2100-01-01T00:00:00Z'))).rejects.toThrow(/more than 50 years/);
  });
});

describe('partition pruning (EXPLAIN of the statements the app runs)', () => {
  const sponsorId = demoSponsorId('greenleaf');
  const today = dayString(new Date());
  /** The partitions a range [from, to] touches. */
  const monthsOf = (parent: string, from: string, to: string) => {
    const names: string[] = [];
    for (let month = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); month <= new Date(`${to}T00:00:00Z`); month = addMonths(month, 1)) names.push(`${parent}_p${monthName(month)}`);
    return names;
  };

  it('the analytics over 90 days read only those months’ partitions of analyses and messages', async () => {
    const from = addDays(today, -89);
    const all = await partitionsOf('plant_analyses');
    expect(all.length).toBeGreaterThan(12);
    for (const bucket of ['day', 'week', 'month'] as const) {
      const analyses = await explain(analysisAnalyticsSql(sponsorId, from, today, bucket));
      const expected = monthsOf('plant_analyses', from, today);
      expect(new Set(analyses.tables)).toEqual(new Set(expected));
      expect(analyses.tables.length).toBeLessThanOrEqual(4);
      const messages = await explain(messageAnalyticsSql(sponsorId, from, today, bucket));
      expect(new Set(messages.tables)).toEqual(new Set(monthsOf('analysis_messages', from, today)));
    }
    // The codes are one unpartitioned table: no partition of either time series is read.
    const codes = await explain(codeAnalyticsSql(sponsorId, from, today, 'week'));
    expect(codes.tables.every((table) => table === 'sponsorship_codes' || table === 'dealers')).toBe(true);
  });

  it('the analytics read their indexes alone: every scan of codes, analyses and messages is index-only (EXPLAIN)', async () => {
    // Plain scans are switched off so that the small demo tables show what the indexes can serve,
    // as the large ones use them: an index that lacks a column the statement reads gives an Index
    // Scan (with the heap) instead. (Heap fetches of an index-only scan depend on the visibility
    // map, which the other tests' writes leave behind: not asserted.)
    const from = addDays(today, -89);
    for (const sql of [codeAnalyticsSql(sponsorId, from, today, 'week'), analysisAnalyticsSql(sponsorId, from, today, 'week'), messageAnalyticsSql(sponsorId, from, today, 'week')]) {
      const { scans } = await prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
        await tx.$executeRawUnsafe('SET LOCAL enable_bitmapscan = off');
        const [row] = await tx.$queryRaw<{ 'QUERY PLAN': unknown }[]>(Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`);
        const json = row!['QUERY PLAN'];
        return planTables(typeof json === 'string' ? JSON.parse(json) : json);
      });
      // The dealers' names come from their own small table.
      const data = scans.filter((scan) => scan.relation !== 'dealers');
      expect(data.length).toBeGreaterThan(0);
      for (const scan of data) expect(scan).toEqual({ relation: scan.relation, type: 'Index Only Scan' });
    }
  });

  it('one month of analytics reads one partition', async () => {
    const first = `${today.slice(0, 7)}-01`;
    const { tables } = await explain(analysisAnalyticsSql(sponsorId, first, today, 'day'));
    expect(tables).toEqual([`plant_analyses_p${today.slice(0, 4)}_${today.slice(5, 7)}`]);
  });

  it('a later page of a farmer’s analyses skips the months after its cursor', async () => {
    const cursor = { at: new Date(Date.parse(`${today}T00:00:00Z`) - 200 * 86_400_000).toISOString(), id: randomUUID() };
    const { tables } = await explain(farmerAnalysesSql('usr_amina', cursor));
    const analyses = tables.filter((table) => table.startsWith('plant_analyses_p'));
    expect(analyses.length).toBeGreaterThan(0);
    expect(analyses.every((table) => table <= `plant_analyses_p${cursor.at.slice(0, 4)}_${cursor.at.slice(5, 7)}`)).toBe(true);
  });
});
