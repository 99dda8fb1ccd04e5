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
 * drift, except for statements about the raw-SQL objects allowlisted below.
 */

/**
 * Objects the migrations create on purpose although the schema language cannot state them.
 * The engine wants to drop them (the schema does not know them); those steps are tolerated, and
 * an entry no migration creates any more is reported, so the list cannot go stale.
 */
export const RAW_SQL_OBJECTS: readonly string[] = [
  // connections: one row per pair in either order, a unique expression index on LEAST/GREATEST of the two ids.
  'connections_pair_key',
  // connections: CHECK (requester_id <> addressee_id), nobody befriends themselves.
  'connections_not_self_check',
];

export const SCHEMA_DIR = path.resolve('prisma/schema');
export const MIGRATIONS_DIR = path.resolve('prisma/migrations');

export interface DriftOptions {
  /** Folder of the *.prisma files (default prisma/schema). */
  schemaDir?: string;
  /** Folder of the migrations in Prisma's layout (default prisma/migrations). */
  migrationsDir?: string;
  /** Names of objects made by raw SQL that the schema cannot express (default RAW_SQL_OBJECTS). */
  rawSqlObjects?: readonly string[];
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
  const schemaDir = options.schemaDir ?? SCHEMA_DIR;
  const migrationsDir = options.migrationsDir ?? MIGRATIONS_DIR;
  const allowlist = options.rawSqlObjects ?? RAW_SQL_OBJECTS;

  const schemaFiles = readSchemaFiles(schemaDir);
  const databases = new PgliteDatabases();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(databases);
  try {
    const SchemaEngineClass = await loadSchemaEngine();
    let script: string;
    let engine: SchemaEngine | undefined;
    try {
      engine = await SchemaEngineClass.new(
        { datamodels: schemaFiles.map((file): [string, string] => [file.path, file.content]) },
        () => {}, // the engine's debug log
        adapterFactory,
      );
      // Migrations go to the shadow database (connectToShadowDb), then that is diffed with the datamodel.
      const result = await engine.diff({
        from: { tag: 'migrations', ...readMigrationList(migrationsDir) },
        to: { tag: 'schemaDatamodel', files: schemaFiles },
        script: true,
        exitCode: null,
        filters: { externalTables: [], externalEnums: [] },
      });
      script = result.stdout ?? '';
    } catch (error) {
      throw engineError(error);
    } finally {
      engine?.free();
    }

    const steps = splitScript(script);
    const kept: string[] = [];
    const tolerated: string[] = [];
    for (const step of steps) {
      const filtered = withoutAllowlisted(step, allowlist);
      if (filtered.tolerated) tolerated.push(filtered.tolerated);
      if (filtered.kept) kept.push(filtered.kept);
    }

    const differences = kept.map(describeStep);
    // A stale allowlist entry would silently excuse a future object of the same name.
    const present = await databases.namesInShadow();
    for (const name of allowlist) {
      if (!present.has(name)) differences.push(`RAW_SQL_OBJECTS lists "${name}", but no migration creates it`);
    }
    return { differences, script: kept.join('\n\n'), tolerated };
  } finally {
    await databases.close();
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

/** The engine writes one step per block: a `-- StepKind` comment line, then the SQL. */
function splitScript(script: string): string[] {
  return script
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0 && !/^(--[^\n]*\n?)+$/.test(block) && block !== '-- This is an empty migration.');
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
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(readFileSync(file));
    } catch {
      continue;
    }
    if (WebAssembly.Module.imports(module).every((entry) => entry.name in glue)) return module;
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
// Databases: in-memory PGlite, one per connection the engine asks for.

interface OpenDatabase {
  db: PGlite;
  server: PGLiteSocketServer;
  pool: pg.Pool;
}

/**
 * The driver-adapter factory handed to the engine. adapter-pg's own connectToShadowDb runs
 * CREATE DATABASE and reconnects by name, which PGlite (one database per instance) ignores: the
 * "shadow" would silently be the main database. Here the shadow is a PGlite of its own.
 */
class PgliteDatabases implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName = '@prisma/adapter-pg';
  private readonly open: OpenDatabase[] = [];
  /** An untouched copy of the main database, kept for the shadow (cloning is ~3x faster than initdb). */
  private spare: PGlite | undefined;
  private shadow: OpenDatabase | undefined;

  async connect(): Promise<SqlDriverAdapter> {
    const db = await PGlite.create();
    // Cloned before the engine gets the main database, so the shadow is empty whatever it does there.
    this.spare ??= (await db.clone()) as PGlite;
    return this.serve(db);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const db = this.spare ?? (await PGlite.create());
    this.spare = undefined;
    const adapter = await this.serve(db);
    this.shadow = this.open.at(-1);
    return adapter;
  }

  /** Names of everything the migrations created in the shadow database (relations, constraints, triggers, functions, types). */
  async namesInShadow(): Promise<Set<string>> {
    if (!this.shadow) return new Set();
    const result = await this.shadow.db.query<{ name: string }>(`
      SELECT relname AS name FROM pg_class WHERE relnamespace = 'public'::regnamespace
      UNION SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
      UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal
      UNION SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
      UNION SELECT typname FROM pg_type WHERE typnamespace = 'public'::regnamespace`);
    return new Set(result.rows.map((row) => row.name));
  }

  async close(): Promise<void> {
    await this.spare?.close().catch(() => {});
    this.spare = undefined;
    for (const { db, server, pool } of this.open.splice(0)) {
      await pool.end().catch(() => {}); // the engine may have ended it already
      await server.stop().catch(() => {});
      await db.close().catch(() => {});
    }
  }

  /** Serves a PGlite on a free loopback port and connects adapter-pg to it. */
  private async serve(db: PGlite): Promise<SqlDriverAdapter> {
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    // One connection: PGlite is a single session, so a transaction must not hop connections.
    const pool = new pg.Pool({ connectionString: `postgresql://postgres@${server.getServerConn()}/postgres`, max: 1, Client: CharAsTextClient });
    this.open.push({ db, server, pool });
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
