import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { countStatements } from '@/test/statements';
import { getDatabaseAdvice, getDatabaseHealth } from './queries';

/** The real number of rows, counted by hand. */
async function realCount(table: string): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${table}"`);
  return Number(row!.n);
}

describe('the database widget of the ops console', () => {
  it('shows the exact row count of every small table, after a fresh seed and ANALYZE, in three statements', async () => {
    await prisma.$executeRawUnsafe('ANALYZE');
    const { result: health, statements, metrics } = await countStatements(() => getDatabaseHealth());
    // The catalogue, the index usage, and one count(*) of all small tables at once: however many tables.
    expect(statements, [...metrics.shapes.keys()].join(' | ')).toBe(3);
    expect(health.tables.length).toBeGreaterThanOrEqual(8);
    for (const name of ['users', 'connections', 'wishlists', 'items', 'activities', 'sessions']) {
      const table = health.tables.find((t) => t.table === name);
      expect(table, name).toMatchObject({ rowsExact: true, rows: await realCount(name) });
    }
    expect(await realCount('users')).toBeGreaterThan(60);
    expect(health.tables.every((t) => t.rowsExact)).toBe(true);
    expect(health.tables.map((t) => t.table)).not.toContain('_prisma_migrations');
  });

  it('follows writes at once: a new row is counted on the next read, ANALYZE or not', async () => {
    const before = (await getDatabaseHealth()).tables.find((t) => t.table === 'job_runs')!.rows;
    await prisma.jobRun.create({ data: { jobName: 'test/ops-count', backend: 'inline', eventId: `ops-count-${Date.now()}`, status: 'succeeded' } });
    const after = (await getDatabaseHealth()).tables.find((t) => t.table === 'job_runs')!;
    expect(after).toMatchObject({ rowsExact: true, rows: before + 1 });
    expect(after.rows).toBe(await realCount('job_runs'));
  });

  it('estimates the tables above the limit, and says so', async () => {
    await prisma.$executeRawUnsafe('ANALYZE');
    // A limit of 10 rows: the demo's users are "large" here, an empty table is still counted.
    const { result: health, statements } = await countStatements(() => getDatabaseHealth({ exactCountLimit: 10 }));
    expect(statements).toBe(3);
    const users = health.tables.find((t) => t.table === 'users')!;
    expect(users.rowsExact).toBe(false);
    // The planner's estimate right after ANALYZE of a small table: its real size, give or take.
    const real = await realCount('users');
    expect(users.rows).toBeGreaterThan(real * 0.5);
    expect(users.rows).toBeLessThan(real * 1.5);
    expect(health.tables.some((t) => t.rowsExact)).toBe(true);
  });
});

describe('partitioned tables in the database widget', () => {
  it('shows a partitioned table once, with its partitions’ sizes and rows, and its indexes once', async () => {
    const health = await getDatabaseHealth();
    const analyses = health.tables.find((t) => t.table === 'plant_analyses')!;
    expect(analyses.totalBytes).toBeGreaterThan(0);
    expect(analyses.rows).toBe(await realCount('plant_analyses'));
    expect(health.tables.some((t) => /_p\d{4}_\d{2}$/.test(t.table))).toBe(false);
    expect(health.indexes.some((i) => /_p\d{4}_\d{2}/.test(i.index))).toBe(false);
    expect(health.indexes.find((i) => i.index === 'plant_analyses_farmer_date_idx')).toMatchObject({ table: 'plant_analyses', bytes: expect.any(Number) });
  });
});

describe('index advice and table maintenance (/ops/database)', () => {
  it('flags unused and redundant indexes with the statements that drop them, never one that enforces something, in two statements', async () => {
    await prisma.$executeRawUnsafe('CREATE INDEX ops_test_redundant ON sponsorship_codes (sponsor_id)');
    await prisma.$executeRawUnsafe('CREATE INDEX ops_test_unused ON plant_analyses (crop_type)');
    try {
      const { result: advice, statements } = await countStatements(() => getDatabaseAdvice());
      expect(statements).toBe(2);
      expect(advice.indexes.find((i) => i.index === 'ops_test_redundant')).toMatchObject({
        table: 'sponsorship_codes',
        redundantWith: 'sponsorship_codes_sponsor_created_idx',
        drop: 'DROP INDEX CONCURRENTLY IF EXISTS "ops_test_redundant";',
      });
      // An index of a partitioned table: its partitions' indexes summed; PostgreSQL cannot drop it concurrently.
      const unused = advice.indexes.find((i) => i.index === 'ops_test_unused')!;
      expect(unused).toMatchObject({ partitioned: true, unused: true, scans: 0, drop: 'DROP INDEX IF EXISTS "ops_test_unused";' });
      expect(unused.partitions).toBeGreaterThan(12);
      expect(unused.bytes).toBeGreaterThan(0);
      for (const name of ['users_pkey', 'sponsorship_codes_code_key', 'plant_analyses_pkey']) expect(advice.indexes.find((i) => i.index === name), name).toMatchObject({ enforces: true, drop: null });
      // A wider index is not redundant with a narrower one.
      expect(advice.indexes.find((i) => i.index === 'sponsorship_codes_sponsor_created_idx')?.redundantWith).toBeNull();
      expect(advice.indexes.some((i) => /_p\d{4}_\d{2}/.test(i.index))).toBe(false);
      // Drop candidates come first.
      expect(advice.indexes[0]!.drop).not.toBeNull();
    } finally {
      await prisma.$executeRawUnsafe('DROP INDEX ops_test_redundant');
      await prisma.$executeRawUnsafe('DROP INDEX ops_test_unused');
    }
  });

  it('lists partitions under their table with sizes, bounds and their last ANALYZE', async () => {
    await prisma.$executeRawUnsafe('ANALYZE plant_analyses');
    const advice = await getDatabaseAdvice();
    const analyses = advice.tables.find((t) => t.table === 'plant_analyses')!;
    expect(analyses.partitioned).toBe(true);
    expect(analyses.partitions.length).toBeGreaterThan(12);
    expect(analyses.partitions[0]!.bounds).toMatch(/^FOR VALUES FROM \('/);
    expect(analyses.bytes).toBe(analyses.partitions.reduce((sum, p) => sum + p.bytes, 0));
    expect(analyses.partitions.some((p) => p.lastAnalyzed !== null)).toBe(true);
    expect(advice.tables.find((t) => t.table === 'users')).toMatchObject({ partitioned: false, partitions: [] });
    expect(advice.tables.some((t) => /_p\d{4}_\d{2}$/.test(t.table))).toBe(false);
  });
});
