import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@/test/database';
import { MIGRATIONS_DIR, MigrationError, migrate, migrationStatus, readMigrations } from './migrate';

let scratch: ScratchDatabase | undefined;
afterEach(async () => {
  await scratch?.drop();
  scratch = undefined;
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A copy of the real migrations plus one more, in a temporary folder. */
function migrationsWith(name: string, sql: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'brisk-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  return dir;
}

describe('the migration runner', () => {
  it('applies every migration once and records it as prisma migrate deploy does', async () => {
    scratch = await createScratchDatabase();
    const local = readMigrations();
    expect(await migrationStatus(scratch.url)).toMatchObject({ applied: [], pending: local.map((m) => m.name), failed: [] });

    expect(await migrate(scratch.url)).toEqual(local.map((m) => m.name));
    expect(await migrate(scratch.url)).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number; rolled_back_at: Date | null }>(
      scratch.url,
      'SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(createHash('sha256').update(local[i]!.sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await migrationStatus(scratch.url)).toMatchObject({ pending: [], failed: [], modified: [] });
  });

  it('lets only one of two concurrent runners apply a migration', async () => {
    scratch = await createScratchDatabase();
    const [a, b] = await Promise.all([migrate(scratch.url), migrate(scratch.url)]);
    const names = readMigrations().map((m) => m.name);
    // Each applied by one of them (on the embedded database, where the lock does not exclude,
    // they may share the work), and all of them in order.
    expect([...a, ...b].sort()).toEqual(names);
    const recorded = await query<{ name: string }>(scratch.url, 'SELECT migration_name AS name FROM _prisma_migrations ORDER BY finished_at');
    expect(recorded.map((row) => row.name)).toEqual(names);
  });

  it('rolls a failed migration back, records it as failed and refuses to go on until it is resolved', async () => {
    scratch = await createScratchDatabase();
    const dir = migrationsWith('29990101000000_broken', 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    await expect(migrate(scratch.url, { dir })).rejects.toThrow(/29990101000000_broken failed: .*no_such_table/);

    // The statement before the failure was rolled back with it.
    const [{ exists }] = (await query<{ exists: boolean }>(scratch.url, `SELECT to_regclass('half_done') IS NOT NULL AS exists`)) as [{ exists: boolean }];
    expect(exists).toBe(false);
    const status = await migrationStatus(scratch.url, dir);
    expect(status.failed).toEqual([{ name: '29990101000000_broken', logs: expect.stringContaining('no_such_table') }]);

    const error = await migrate(scratch.url, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toContain('must be resolved');
  });

  it('applies a CREATE INDEX CONCURRENTLY migration outside a transaction and records it', async () => {
    scratch = await createScratchDatabase();
    await migrate(scratch.url);
    // Inside a transaction PostgreSQL refuses it ("cannot run inside a transaction block").
    const dir = migrationsWith('29990101000000_items_name_index', '-- Alone in its migration.\nCREATE INDEX CONCURRENTLY "items_name_idx" ON "items" ("name");\n');
    expect(await migrate(scratch.url, { dir })).toEqual(['29990101000000_items_name_index']);
    const [index] = await query<{ valid: boolean }>(scratch.url, `SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass('items_name_idx')`);
    expect(index).toEqual({ valid: true });
    expect(await migrationStatus(scratch.url, dir)).toMatchObject({ pending: [], failed: [] });
  });
});
