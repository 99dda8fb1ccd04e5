import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDrift, findDrift, MIGRATIONS_DIR, RAW_SQL_OBJECTS } from './drift';

// Each check starts the WebAssembly schema engine and in-memory PGlite databases: seconds, not ms.
const ENGINE_TIMEOUT = 60_000;

describe('drift between prisma/schema and prisma/migrations', () => {
  const tempDirs: string[] = [];
  afterAll(() => {
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
      expect(await findDrift()).toEqual([]);
    },
    ENGINE_TIMEOUT,
  );

  it(
    'fails on a missing column, tolerates only allowlisted raw SQL, and flags stale allowlist entries',
    async () => {
      const migrationsDir = migrationsPlus(`
        ALTER TABLE "users" DROP COLUMN "image";

        -- Raw SQL the schema language cannot state: a covering index and a trigger with a
        -- function body full of semicolons (the script must reach the database whole).
        CREATE INDEX "users_name_search_idx" ON "users" ("name") INCLUDE ("email");
        CREATE FUNCTION "drift_fixture_touch"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW."updated_at" := now(); RETURN NEW; END;
        $$;
        CREATE TRIGGER "drift_fixture_touch" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION "drift_fixture_touch"();
      `);

      const report = await checkDrift({
        migrationsDir,
        rawSqlObjects: [...RAW_SQL_OBJECTS, 'users_name_search_idx', 'no_such_object'],
      });

      expect(report.differences).toEqual([
        'AlterTable: ALTER TABLE "users" ADD COLUMN "image" TEXT;',
        'RAW_SQL_OBJECTS lists "no_such_object", but no migration creates it',
      ]);
      expect(report.script).toMatch(/^-- AlterTable\nALTER TABLE "users" ADD COLUMN\s+"image" TEXT;$/);
      // The engine did see the covering index and wanted it dropped: the allowlist is what saved it.
      expect(report.tolerated).toEqual(['-- DropIndex\nDROP INDEX "users_name_search_idx";']);
    },
    ENGINE_TIMEOUT,
  );
});
