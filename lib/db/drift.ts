import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

/**
 * Offline drift check: proves that the Prisma schema (prisma/schema/*.prisma) and the SQL
 * migrations (prisma/migrations/<name>/migration.sql) describe the same database.
 *
 * It is `prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema --script`
 * without Prisma's native schema-engine binary (which cannot be downloaded everywhere): the same
 * engine compiled to WebAssembly applies every migration to a fresh in-memory PGlite (its "shadow
 * database", reached through @prisma/adapter-pg over a loopback wire-protocol socket) and diffs
 * the result against the schema's datamodel. Whatever SQL it says a new migration would need is
 * drift, except the dropping of raw-SQL objects allowlisted below. The engine is blind to some
 * kinds of objects (CHECK constraints, expression indexes, triggers...), so the shadow database is
 * also searched for those: each must be allowlisted too. It cannot see partitioning either: which
 * tables are partitioned, and by what, is compared with PARTITIONED_TABLES; their partitions,
 * which the engine leaves out, are made at run time and inherit everything from their parent.
 */

/**
 * Objects the migrations create on purpose although the schema language cannot state them (CHECK
 * and exclusion constraints, expression or covering indexes, generated columns, triggers,
 * functions, domains), by name (a column by its own name). Every
 * such object must be listed here, or the check fails; the engine's wish to drop a listed object
 * (it does not know it from the schema) is tolerated; a listed name no migration creates fails too.
 */
export const RAW_SQL_OBJECTS: readonly string[] = [
  // connections: one row per pair in either order, a unique expression index on LEAST/GREATEST of the two ids.
  'connections_pair_key',
  // connections: CHECK (requester_id <> addressee_id), nobody befriends themselves.
  'connections_not_self_check',
  // items: CHECK price IS NULL OR price >= 0.
  'items_price_check',
  // items: CHECK currency IS NULL OR an ISO 4217 code ('^[A-Z]{3}$').
  'items_currency_check',
  // Sponsors: makes the monthly partitions of plant_analyses and analysis_messages (plpgsql).
  'sponsors_ensure_partitions',
  // Sponsors: covering indexes (INCLUDE) the analytics read alone.
  'plant_analyses_sponsor_date_idx',
  'analysis_messages_sponsor_sent_idx',
  'sponsorship_codes_distributed_idx',
  'sponsorship_codes_redeemed_idx',
  // Sponsors: CHECK constraints (code format, health score 0-100, a subscription ends after it starts).
  'sponsorship_codes_code_check',
  'plant_analyses_health_score_check',
  'user_subscriptions_dates_check',
  // Leads (prisma/migrations/20261123100000_leads): a keyword's text is unique per owner whatever its case.
  'keywords_owner_text_key',
  // Leads: CHECKs (a keyword has text; scores, thresholds and health are 0–100; counters never go below zero).
  'keywords_text_check',
  'leads_score_check',
  'mentions_score_check',
  'lead_settings_threshold_check',
  'integrations_health_check',
  'keywords_counters_check',
  'users_lead_counters_check',
  'lead_status_counts_check',
  'lead_daily_counts_check',
  // Leads: the counter caches' functions and statement-level triggers (transition tables).
  'leads_bump_keywords',
  'leads_bump_users',
  'leads_keywords_counted',
  'leads_keyword_owner_fixed',
  'leads_mentions_apply',
  'leads_mentions_counted',
  'leads_bump_status_counts',
  'leads_bump_daily_counts',
  'leads_leads_apply',
  'leads_leads_counted',
  'keywords_counted_insert',
  'keywords_counted_delete',
  'keywords_owner_fixed',
  'mentions_counted_insert',
  'mentions_counted_delete',
  'mentions_counted_update',
  'leads_counted_insert',
  'leads_counted_delete',
  'leads_counted_update',
  // analytics_daily: plan 002's covering index (channel_id, day) INCLUDE (posts, views, likes, forwards).
  'analytics_daily_covering_idx',
  // post_metrics: CHECK views, likes and forwards >= 0.
  'post_metrics_counts_check',
  // analytics_daily: CHECK every count >= 0.
  'analytics_daily_counts_check',
  // channel_stats: CHECK period_end > period_start.
  'channel_stats_period_check',
  // channels: CHECK handle ~ '^[a-z0-9_]{5,32}$' (lowercase, without "@").
  'channels_handle_check',
];

/**
 * Partitioned tables, which the schema language cannot state either: each model's table here is
 * PARTITIONED BY this key in the migrations (pg_get_partkeydef), and no other table is. The
 * partitions themselves are tables PostgreSQL makes from the parent (its columns, indexes,
 * constraints and foreign keys); they are created at run time (a module's job), not by the schema,
 * and the engine leaves them out of its diff. What they inherit is not reported as raw SQL again.
 */
export const PARTITIONED_TABLES: Readonly<Record<string, string>> = {
  // Sponsors: one partition per month (sponsors_ensure_partitions).
  plant_analyses: 'RANGE (analysis_date)',
  analysis_messages: 'RANGE (sent_at)',
};

export const SCHEMA_DIR = path.resolve('prisma/schema');
export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

export interface DriftOptions {
  /** Folder of the *.prisma files (default prisma/schema). */
  schemaDir?: string;
  /** Folder of the migrations in Prisma's layout (default prisma/migrations). */
  migrationsDir?: string;
  /** Names of objects made by raw SQL that the schema cannot express (default RAW_SQL_OBJECTS). */
  rawSqlObjects?: readonly string[];
  /** Tables the migrations partition, with their partition keys (default PARTITIONED_TABLES). */
  partitionedTables?: Readonly<Record<string, string>>;
}

export interface DriftReport {
  /** Human-readable differences; empty when schema and migrations agree. */
  differences: string[];
  /** The SQL a new migration would need to bring the migrations up to the schema (allowlisted steps left out). */
  script: string;
  /** Steps of the engine's script that were tolerated because they touch an allowlisted raw-SQL object. */
  tolerated: string[];
}

/** The differences between the Prisma schema and the migrations; empty when they agree. */
export async function findDrift(options: DriftOptions = {}): Promise<string[]> {
  return (await checkDrift(options)).differences;
}

export async function checkDrift(options: DriftOptions = {}): Promise<DriftReport> {
  const checker = new DriftChecker();
  try {
    return await checker.check(options);
  } finally {
    await checker.close();
  }
}

/**
 * Runs drift checks, sharing between them the costly part: one initdb'd PGlite (~3 s), of which
 * each check's shadow database is a clone (~1 s). Call close() when done.
 */
export class DriftChecker {
  private template: Promise<PGlite> | undefined;

  async check(options: DriftOptions = {}): Promise<DriftReport> {
    const schemaFiles = readSchemaFiles(options.schemaDir ?? SCHEMA_DIR);
    const migrations = readMigrationList(options.migrationsDir ?? MIGRATIONS_DIR);
    const allowlist = options.rawSqlObjects ?? RAW_SQL_OBJECTS;

    const databases = new PgliteDatabases(() => this.templateDatabase());
    try {
      // The engine applies the migrations to its shadow database, then diffs that with the datamodel.
      const result = await runEngine(databases, schemaFiles, (engine) =>
        engine.diff({
          from: { tag: 'migrations', ...migrations },
          to: { tag: 'schemaDatamodel', files: schemaFiles },
          script: true,
          exitCode: null,
          filters: { externalTables: [], externalEnums: [] },
        }),
      );
      const script = result.stdout ?? '';

      const kept: string[] = [];
      const tolerated: string[] = [];
      for (const step of splitScript(script)) {
        const filtered = withoutAllowlisted(step, allowlist);
        if (filtered.tolerated) tolerated.push(filtered.tolerated);
        if (filtered.kept) kept.push(filtered.kept);
      }
      const differences = kept.map(describeStep);

      const shadow = await databases.inspectShadow();
      // The engine does not see CHECK constraints, expression indexes, triggers...: each must be declared.
      for (const object of shadow.rawObjects) {
        if (!allowlist.includes(object.name)) {
          differences.push(`"${object.name}" (${object.kind}) is raw SQL the schema cannot state, and not in RAW_SQL_OBJECTS`);
        }
      }
      // A stale entry would silently excuse a future object of the same name.
      for (const name of allowlist) {
        if (!shadow.names.has(name)) differences.push(`RAW_SQL_OBJECTS lists "${name}", but no migration creates it`);
      }
      // Partitioning is invisible to the engine: compare it with the declared list, both ways.
      const partitioned = options.partitionedTables ?? PARTITIONED_TABLES;
      for (const [table, key] of Object.entries(partitioned)) {
        const actual = shadow.partitioned.get(table);
        if (actual === undefined) differences.push(`PARTITIONED_TABLES says "${table}" is partitioned by ${key}, but the migrations leave it unpartitioned or do not create it`);
        else if (actual !== key) differences.push(`"${table}" is partitioned by ${actual} in the migrations, not by ${key} as PARTITIONED_TABLES says`);
      }
      for (const [table, key] of shadow.partitioned) {
        if (!(table in partitioned)) differences.push(`"${table}" is partitioned by ${key} in the migrations, and not in PARTITIONED_TABLES`);
      }
      return { differences, script: kept.join('\n\n'), tolerated };
    } finally {
      await databases.close();
    }
  }

  async close(): Promise<void> {
    const template = this.template;
    this.template = undefined;
    await (await template?.catch(() => undefined))?.close();
  }

  /**
   * The template, empty and read-only: the engine's main connection goes to it (and only reads the
   * server version there), and PostgreSQL itself refuses any write that would leak into later clones.
   */
  private templateDatabase(): Promise<PGlite> {
    this.template ??= PGlite.create().then(async (db) => {
      await db.exec('SET default_transaction_read_only = on');
      return db;
    });
    return this.template;
  }
}

/** One engine per command: it holds the adapter factory, and is freed (it is wasm memory) afterwards. */
async function runEngine<T>(databases: PgliteDatabases, schemaFiles: SchemaContainer[], command: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const SchemaEngineClass = await loadSchemaEngine();
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngineClass.new(
      { datamodels: schemaFiles.map((file): [string, string] => [file.path, file.content]) },
      () => {}, // the engine's debug log
      bindMigrationAwareSqlAdapterFactory(databases),
    );
    return await command(engine);
  } catch (error) {
    throw engineError(error);
  } finally {
    engine?.free();
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs, read the way the Prisma CLI reads them.

function readSchemaFiles(dir: string): SchemaContainer[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.prisma'))
    .sort()
    .map((name) => ({ path: path.join(dir, name), content: readFileSync(path.join(dir, name), 'utf8') }));
}

function readMigrationList(baseDir: string): MigrationList {
  const lockPath = path.join(baseDir, 'migration_lock.toml');
  let lockContent: string | null = null;
  try {
    lockContent = readFileSync(lockPath, 'utf8');
  } catch {
    // no lockfile yet
  }
  let entries: string[] = [];
  try {
    entries = readdirSync(baseDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return {
    baseDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    // Same order as Prisma (localeCompare), so the migrations apply in the same sequence.
    migrationDirectories: entries
      .sort((a, b) => a.localeCompare(b))
      .map((name) => {
        const file = path.join(baseDir, name, 'migration.sql');
        let content: { tag: 'ok'; value: string } | { tag: 'error'; value: string };
        try {
          content = { tag: 'ok', value: readFileSync(file, 'utf8') };
        } catch (error) {
          content = { tag: 'error', value: (error as Error).message };
        }
        return { path: name, migrationFile: { path: 'migration.sql', content } };
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// The engine's script, step by step.

/**
 * The engine writes one step per block: `-- StepKind` comment lines, then the SQL. Blocks are
 * split only where a comment follows a blank line: CREATE TABLE has a blank line of its own.
 */
function splitScript(script: string): string[] {
  return script
    .split(/\n\s*\n(?=--)/)
    .map((block) => block.trim())
    .filter((block) => block.split('\n').some((line) => line.trim() !== '' && !line.startsWith('--')));
}

/**
 * Leaves out the engine's attempts to drop an allowlisted object: the schema does not know it, so
 * the engine wants it gone. Only drops: a step that creates or changes an object of that name
 * comes from the schema and stays a difference. ALTER TABLE steps bundle several actions on one
 * table (one per line, comma-separated), so only the matching DROP actions are left out.
 */
function withoutAllowlisted(step: string, allowlist: readonly string[]): { kept?: string; tolerated?: string } {
  const dropsAllowlisted = (sql: string) => /^DROP\s/i.test(sql) && allowlist.some((name) => sql.includes(`"${name}"`));
  const comment = /^(?:--[^\n]*\n)*/.exec(step)?.[0] ?? '';
  const sql = step.slice(comment.length).trim();
  if (dropsAllowlisted(sql)) return { tolerated: step };
  const alter = /^(ALTER TABLE\s+\S+)\s+([\s\S]*?);?$/.exec(sql);
  if (!alter) return { kept: step };
  const [, head = '', body = ''] = alter;
  const actions = body.split(/,\n/).map((action) => action.trim());
  const dropped = actions.filter(dropsAllowlisted);
  if (dropped.length === 0) return { kept: step };
  const kept = actions.filter((action) => !dropsAllowlisted(action));
  return {
    kept: kept.length > 0 ? `${comment}${head} ${kept.join(',\n')};` : undefined,
    tolerated: `${comment}${head} ${dropped.join(',\n')};`,
  };
}

/** "CreateIndex: CREATE INDEX ..." on one line. */
function describeStep(step: string): string {
  const lines = step.split('\n');
  const kinds = lines.filter((line) => line.startsWith('--')).map((line) => line.replace(/^--\s*/, ''));
  const sql = lines
    .filter((line) => !line.startsWith('--'))
    .map((line) => line.trim())
    .join(' ')
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')');
  return kinds.length > 0 ? `${kinds.join(', ')}: ${sql}` : sql;
}

// ---------------------------------------------------------------------------------------------
// The WebAssembly schema engine.

type SchemaEngineClass = typeof SchemaEngine;
let engineClass: Promise<SchemaEngineClass> | undefined;

/**
 * Instantiates the engine once per process (wasm-bindgen keeps module-level state). The glue JS
 * comes from @prisma/schema-engine-wasm; the .wasm preferably from the installed prisma CLI, which
 * ships the exact engine of its own version (its npm twin is not published), when the glue fits it.
 */
function loadSchemaEngine(): Promise<SchemaEngineClass> {
  engineClass ??= (async () => {
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    // The engine reports panics through this global (the Prisma CLI sets it up the same way).
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string; set_message(m: string): void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      set_message(message: string) {
        this.message = `RuntimeError: ${message}`;
      },
    };
    const wasmModule = pickWasmModule(glue);
    const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue.SchemaEngine;
  })();
  return engineClass;
}

function pickWasmModule(glue: object): WebAssembly.Module {
  const require = createRequire(import.meta.url);
  const candidates = [
    path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm'),
    path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg')), 'schema_engine_bg.wasm'),
  ];
  for (const file of candidates) {
    let wasm: WebAssembly.Module;
    try {
      wasm = new WebAssembly.Module(readFileSync(file));
    } catch {
      continue; // not there (e.g. another prisma layout): try the next one
    }
    // wasm-bindgen import names carry a hash, so a glue/engine mismatch shows here, not as a crash later.
    if (WebAssembly.Module.imports(wasm).every((entry) => entry.name in glue)) return wasm;
  }
  throw new Error('No schema_engine_bg.wasm matches the installed @prisma/schema-engine-wasm glue');
}

/** Engine errors (SchemaConnectorError, e.g. a migration that fails to apply) carry their own message; a Rust panic leaves it in the registry. */
function engineError(error: unknown): Error {
  const panic = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string } }).PRISMA_WASM_PANIC_REGISTRY?.message;
  if (error instanceof Error && error.name === 'RuntimeError' && panic) return new Error(`The schema engine panicked: ${panic}`, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

// ---------------------------------------------------------------------------------------------
// Databases: in-memory PGlite served over the wire protocol, the way adapter-pg expects them.

/**
 * The driver-adapter factory handed to the engine. adapter-pg's own connectToShadowDb runs
 * CREATE DATABASE and reconnects by name, which PGlite (one database per instance) ignores: the
 * "shadow" would silently be the main database. Here the shadow is a PGlite of its own.
 */
class PgliteDatabases implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly served: { server: PGLiteSocketServer; pool: pg.Pool }[] = [];
  private readonly clones: PGlite[] = [];
  private shadow: PGlite | undefined;

  /** @param template an empty, read-only PGlite, owned by the caller */
  constructor(private readonly template: () => Promise<PGlite>) {}

  async connect(): Promise<SqlDriverAdapter> {
    return this.serve(await this.template());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    // A clone starts a new session, so it is writable although the template's session is not.
    const db = (await (await this.template()).clone()) as PGlite;
    this.clones.push(db);
    this.shadow = db;
    return this.serve(db);
  }

  /**
   * What the migrations left in the shadow database: the names of all objects, and the objects of
   * kinds the engine does not describe (so a diff cannot show them).
   */
  async inspectShadow(): Promise<{ names: Set<string>; rawObjects: { name: string; kind: string }[]; partitioned: Map<string, string> }> {
    const db = this.shadow;
    if (!db) return { names: new Set(), rawObjects: [], partitioned: new Map() };
    const names = await db.query<{ name: string }>(`
      SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace
      UNION SELECT attname FROM pg_attribute JOIN pg_class ON pg_class.oid = attrelid
        WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND attnum > 0 AND NOT attisdropped
      UNION SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace`);
    // Objects a partition inherits from its parent (constraints, indexes, triggers) are the
    // parent's: reported once, on the parent.
    const raw = await db.query<{ name: string; kind: string }>(`
      SELECT conname AS name, CASE contype WHEN 'c' THEN 'CHECK constraint' ELSE 'exclusion constraint' END || ' on ' || conrelid::regclass AS kind
        FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('c', 'x') AND contypid = 0 AND conislocal
      UNION ALL
      SELECT i.relname, 'expression index on ' || x.indrelid::regclass
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE i.relnamespace = 'public'::regnamespace AND x.indexprs IS NOT NULL AND NOT i.relispartition
      UNION ALL
      SELECT tgname, 'trigger on ' || tgrelid::regclass FROM pg_trigger WHERE NOT tgisinternal AND tgparentid = 0
      UNION ALL
      SELECT p.proname, 'function' FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      UNION ALL
      SELECT typname, 'domain' FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'd'
      ORDER BY 1`);
    const partitioned = await db.query<{ name: string; key: string }>(`
      SELECT c.relname AS name, pg_get_partkeydef(c.oid) AS key
      FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
      WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition`);
    return { names: new Set(names.rows.map((row) => row.name)), rawObjects: raw.rows, partitioned: new Map(partitioned.rows.map((row) => [row.name, row.key])) };
  }

  async close(): Promise<void> {
    for (const { server, pool } of this.served.splice(0)) {
      await pool.end().catch(() => {}); // the engine may have ended it already
      await server.stop().catch(() => {});
    }
    for (const db of this.clones.splice(0)) await db.close().catch(() => {});
  }

  /** Serves a PGlite on a free loopback port and connects adapter-pg to it. */
  private async serve(db: PGlite): Promise<SqlDriverAdapter> {
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    // One connection: PGlite is a single session, so a transaction must not hop connections.
    const pool = new pg.Pool({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`, max: 1, Client: CharAsTextClient });
    this.served.push({ server, pool });
    const adapter = await new PrismaPg(pool).connect();
    // adapter-pg splits scripts on ";", which breaks function bodies, DO blocks and string
    // literals. A query without parameters goes over the simple protocol, which takes a whole
    // multi-statement script; executeRaw keeps adapter-pg's mapping of database errors.
    adapter.executeScript = async (script: string) => {
      await adapter.executeRaw({ sql: script, args: [], argTypes: [] });
    };
    typeCharColumns(adapter);
    return adapter;
  }
}

const CHAR_OID = 18;
const TEXT_OID = 25;

/** Result rows of queries that had `"char"` columns, with those columns' positions. */
const charColumns = new WeakMap<object, number[]>();

/**
 * adapter-pg has no column type for PostgreSQL's one-byte `"char"` (pg_catalog flags such as
 * contype and relkind, which the engine's introspection reads) and fails the whole query, while
 * the engine wants those columns typed as Character. So the pg client relabels them as text for
 * adapter-pg and remembers where they were, keyed by the rows array that adapter-pg passes through
 * unchanged; `typeCharColumns` then retypes them in adapter-pg's result.
 */
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as (...args: unknown[]) => unknown;
    (this as { query: unknown }).query = (...args: unknown[]): unknown => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (error: unknown, result: unknown) => callback(error, relabelChar(result));
        return query(...args);
      }
      const result = query(...args);
      return result instanceof Promise ? result.then(relabelChar) : result;
    };
  }
}

function relabelChar(result: unknown): unknown {
  for (const one of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (one ?? {}) as { fields?: { dataTypeID: number }[]; rows?: unknown[] };
    const positions: number[] = [];
    fields?.forEach((field, i) => {
      if (field.dataTypeID !== CHAR_OID) return;
      field.dataTypeID = TEXT_OID;
      positions.push(i);
    });
    if (positions.length > 0 && rows) charColumns.set(rows, positions);
  }
  return result;
}

function typeCharColumns(adapter: SqlDriverAdapter): void {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(result.rows) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
}
