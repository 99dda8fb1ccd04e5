import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout } from 'node:timers/promises';
import pg from 'pg';

/**
 * Applies Prisma-format SQL migrations (prisma/migrations/<name>/migration.sql) and records them
 * in `_prisma_migrations` exactly as `prisma migrate deploy` does: same table, same checksum
 * (SHA-256 of the file), same advisory lock key, same failed-migration rule. A machine with
 * Prisma's engines can switch to the standard CLI at any time.
 */
export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

// The key Prisma's schema engine locks on, so the two runners also exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: { name: string; logs: string | null }[];
  /** Applied migrations whose file changed since (Prisma warns about these too). */
  modified: string[];
}

export function readMigrations(dir = MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

async function appliedRows(client: pg.ClientBase): Promise<AppliedRow[]> {
  const exists = await client.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`);
  if (!exists.rows[0]?.exists) return [];
  const result = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at`,
  );
  return result.rows;
}

function summarise(local: LocalMigration[], rows: AppliedRow[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const done = new Map(live.filter((row) => row.finished_at !== null).map((row) => [row.migration_name, row]));
  const failed = live.filter((row) => row.finished_at === null).map((row) => ({ name: row.migration_name, logs: row.logs }));
  return {
    applied: [...done.keys()],
    pending: local.filter((m) => !done.has(m.name) && !failed.some((f) => f.name === m.name)).map((m) => m.name),
    failed,
    modified: local.filter((m) => done.has(m.name) && done.get(m.name)!.checksum !== m.checksum).map((m) => m.name),
  };
}

export async function migrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return summarise(readMigrations(dir), await appliedRows(client));
  } finally {
    await client.end();
  }
}

export class MigrationError extends Error {
  constructor(message: string, public readonly migration?: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Applies every pending migration in name order and returns their names. Each script is sent
 * whole (statements are never split on `;`). A script runs in a transaction unless it manages
 * its own or uses CONCURRENTLY, which PostgreSQL refuses inside one; such a migration must hold
 * that one statement alone.
 */
export async function migrate(databaseUrl: string, options: { dir?: string; log?: (line: string) => void } = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const local = readMigrations(options.dir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await acquireMigrationLock(client);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const status = summarise(local, await appliedRows(client));
    if (status.failed.length > 0) {
      const names = status.failed.map((f) => f.name).join(', ');
      throw new MigrationError(
        `Migration ${names} failed earlier and must be resolved before new migrations are applied (fix the database, then mark it rolled back or applied with \`prisma migrate resolve\`, or set rolled_back_at in _prisma_migrations).`,
        status.failed[0]!.name,
      );
    }
    for (const name of status.modified) log(`warning: applied migration ${name} was modified after it was applied`);
    const applied: string[] = [];
    for (const migration of local.filter((m) => status.pending.includes(m.name))) {
      // A transaction statement of its own (BEGIN; / BEGIN WORK; / BEGIN TRANSACTION ...;), not the
      // BEGIN of a PL/pgSQL body, which a function or trigger migration holds.
      // Comments are left out: a comment that says "concurrently" is not a CONCURRENTLY statement.
      const code = migration.sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
      const ownTransaction = /\bCONCURRENTLY\b|^\s*BEGIN(\s+(WORK|TRANSACTION)\b[^;]*)?\s*;/im.test(code);
      const done = ownTransaction ? await applyAlone(client, migration) : await applyInTransaction(client, migration);
      if (done) {
        log(`applied ${migration.name}`);
        applied.push(migration.name);
      }
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}

/** How long a runner waits for another to finish its migrations before it gives up. */
const LOCK_WAIT_MS = 15 * 60_000;
const LOCK_POLL_MS = 250;

/**
 * Takes the migration lock, polling instead of blocking: a runner blocked in pg_advisory_lock
 * holds a snapshot for as long as it waits, and CREATE INDEX CONCURRENTLY in the other runner
 * waits for every older snapshot to go: both waited for each other (PostgreSQL: "deadlock
 * detected") when two instances started at once.
 */
async function acquireMigrationLock(client: pg.ClientBase): Promise<void> {
  await pollUntil('Another migration runner held the lock', async () => {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [PRISMA_ADVISORY_LOCK_KEY]);
    return rows[0]?.locked === true;
  });
}

/** Asks `done` every LOCK_POLL_MS until it says yes, for LOCK_WAIT_MS at most. */
async function pollUntil(waitingFor: string, done: () => Promise<boolean>, migration?: string): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new MigrationError(`${waitingFor} for over ${LOCK_WAIT_MS / 60_000} minutes: is a runner stuck?`, migration);
    await setTimeout(LOCK_POLL_MS);
  }
}

const INSERT_STARTED = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), 0)`;
const MARK_FINISHED = `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`;
const INSERT_FAILED = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, logs, applied_steps_count) VALUES ($1, $2, $3, clock_timestamp(), $4, 0)`;

function failure(migration: LocalMigration, error: unknown): MigrationError {
  return new MigrationError(`Migration ${migration.name} failed: ${error instanceof Error ? error.message : String(error)}`, migration.name);
}

/**
 * The migration and its record commit together. Re-checking inside the transaction matters on
 * the embedded database, where every connection shares one backend (so advisory locks do not
 * exclude) but a transaction holds the other connections back until it ends.
 */
async function applyInTransaction(client: pg.ClientBase, migration: LocalMigration): Promise<boolean> {
  await client.query('BEGIN');
  try {
    const already = await client.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      [migration.name],
    );
    if (already.rowCount) {
      await client.query('COMMIT');
      return false;
    }
    const id = randomUUID();
    await client.query(INSERT_STARTED, [id, migration.checksum, migration.name]);
    await client.query(migration.sql);
    await client.query(MARK_FINISHED, [id]);
    await client.query('COMMIT');
    return true;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // Recorded as Prisma records a failed migration: logs set, finished_at empty.
    await client.query(INSERT_FAILED, [randomUUID(), migration.checksum, migration.name, String((error as Error)?.message ?? error)]);
    throw failure(migration, error);
  }
}

/** Waits until the runner that claimed this migration has recorded it applied; its failure is this runner's too. */
async function untilAppliedElsewhere(client: pg.ClientBase, migration: LocalMigration): Promise<void> {
  await pollUntil(`Migration ${migration.name} was being applied by another runner`, async () => {
    const { rows } = await client.query<{ done: boolean; logs: string | null }>(
      `SELECT finished_at IS NOT NULL AS done, logs FROM "_prisma_migrations" WHERE migration_name = $1 AND rolled_back_at IS NULL ORDER BY started_at DESC LIMIT 1`,
      [migration.name],
    );
    if (rows[0]?.logs) throw failure(migration, new Error(rows[0].logs));
    return rows[0]?.done === true;
  }, migration.name);
}

/**
 * A migration that cannot run in a transaction (CONCURRENTLY) or manages its own. Its record is
 * claimed first, in one statement, unless another runner has applied it or is applying it (then
 * this one waits for it to finish, so that the next migrations find what it made): on the
 * embedded database the advisory lock does not exclude (one shared backend), and no transaction
 * holds the others back here.
 */
async function applyAlone(client: pg.ClientBase, migration: LocalMigration): Promise<boolean> {
  const id = randomUUID();
  const claimed = await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     SELECT $1::varchar, $2::varchar, $3::varchar, clock_timestamp(), 0
     WHERE NOT EXISTS (SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $3::varchar AND rolled_back_at IS NULL AND (finished_at IS NOT NULL OR logs IS NULL))`,
    [id, migration.checksum, migration.name],
  );
  if (!claimed.rowCount) {
    await untilAppliedElsewhere(client, migration);
    return false;
  }
  try {
    await client.query(migration.sql);
  } catch (error) {
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, String((error as Error)?.message ?? error)]);
    throw failure(migration, error);
  }
  await client.query(MARK_FINISHED, [id]);
  return true;
}
