import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DriftChecker, MIGRATIONS_DIR, PARTITIONED_TABLES, RAW_SQL_OBJECTS } from './drift';

// Each check starts the WebAssembly schema engine and in-memory PGlite databases: seconds, not ms.
const ENGINE_TIMEOUT = 60_000;

describe('drift between prisma/schema and prisma/migrations', () => {
  // One checker for both tests: they share its initdb'd PGlite, the slow part.
  const checker = new DriftChecker();
  const tempDirs: string[] = [];
  afterAll(async () => {
    await checker.close();
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the real migrations plus one more migration with the given SQL. */
  function migrationsPlus(sql: string): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-'));
    tempDirs.push(dir);
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    mkdirSync(path.join(dir, '29991231000000_drift_fixture'));
    writeFileSync(path.join(dir, '29991231000000_drift_fixture', 'migration.sql'), sql);
    return dir;
  }

  it(
    'the migrations build exactly the database the schema describes',
    async () => {
      // On failure the message lists each difference with the SQL a new migration would need.
      expect((await checker.check()).differences).toEqual([]);
    },
    ENGINE_TIMEOUT,
  );

  it(
    'fails on a missing column and on unlisted raw SQL, tolerates listed raw SQL, flags stale entries',
    async () => {
      const migrationsDir = migrationsPlus(`
        ALTER TABLE "users" DROP COLUMN "image";

        -- Raw SQL the schema language cannot state. The engine sees the covering index and the
        -- generated column (and would drop them), not the rest. The function body is full of
        -- semicolons: scripts must reach the database whole.
        CREATE INDEX "users_name_search_idx" ON "users" ("name") INCLUDE ("email");
        ALTER TABLE "users" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "name")) STORED;
        CREATE FUNCTION "drift_fixture_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW."updated_at" := now(); RETURN NEW; END;
        $$;
        CREATE TRIGGER "drift_fixture_touch_users" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "drift_fixture_touch"();
        ALTER TABLE "users" ADD CONSTRAINT "users_name_not_blank_check" CHECK ("name" <> '');
      `);

      const report = await checker.check({
        migrationsDir,
        rawSqlObjects: [...RAW_SQL_OBJECTS, 'users_name_search_idx', 'search', 'drift_fixture_touch', 'drift_fixture_touch_users', 'no_such_object'],
      });

      expect(report.differences).toEqual([
        'AlterTable: ALTER TABLE "users" ADD COLUMN "image" TEXT;',
        '"users_name_not_blank_check" (CHECK constraint on users) is raw SQL the schema cannot state, and not in RAW_SQL_OBJECTS',
        'RAW_SQL_OBJECTS lists "no_such_object", but no migration creates it',
      ]);
      expect(report.script).toMatch(/^-- AlterTable\nALTER TABLE "users" ADD COLUMN\s+"image" TEXT;$/);
      // The engine did want the covering index and the generated column dropped: the allowlist is
      // what excused them, the latter out of the same ALTER TABLE as the missing column.
      // (The real migrations' own allowlisted objects are tolerated too: only the fixture's, on users, are checked here.)
      expect(report.tolerated.filter((step) => step.includes('"users'))).toEqual([
        '-- DropIndex\nDROP INDEX "users_name_search_idx";',
        '-- AlterTable\nALTER TABLE "users" DROP COLUMN "search";',
      ]);
    },
    ENGINE_TIMEOUT,
  );

  it(
    'compares partitioning, which the engine cannot see, with PARTITIONED_TABLES both ways',
    async () => {
      expect(Object.keys(PARTITIONED_TABLES).sort()).toEqual(['analysis_messages', 'plant_analyses']);
      const report = await checker.check({ partitionedTables: { plant_analyses: 'RANGE (created_at)', users: 'LIST (role)' } });
      expect(report.differences).toEqual([
        '"plant_analyses" is partitioned by RANGE (analysis_date) in the migrations, not by RANGE (created_at) as PARTITIONED_TABLES says',
        'PARTITIONED_TABLES says "users" is partitioned by LIST (role), but the migrations leave it unpartitioned or do not create it',
        '"analysis_messages" is partitioned by RANGE (sent_at) in the migrations, and not in PARTITIONED_TABLES',
      ]);
    },
    ENGINE_TIMEOUT,
  );
});
