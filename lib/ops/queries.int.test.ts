import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { countStatements } from '@/test/statements';
import { getDatabaseHealth } from './queries';

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
