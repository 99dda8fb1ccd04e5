import { settleInlineJobs } from '@/lib/jobs/inline';
import { prisma } from '@/lib/db/client';
import { databaseSnapshot, snapshotChanges, type DatabaseSnapshot } from '@/test/db-snapshot';

/**
 * What the hostile suite learns from the database and from the code under attack, with nothing
 * listed by hand: plausible values for a form field (the values of a column of the same name,
 * an enum's labels, a few generic ones), the ids of rows a viewer owns (found through the
 * foreign keys that lead to users), and a cheap test of "nothing was written".
 */

interface Column {
  table: string;
  column: string;
  labels: string[] | null;
}

let columns: Promise<Column[]> | undefined;

function catalogColumns(): Promise<Column[]> {
  columns ??= prisma.$queryRawUnsafe<Column[]>(`
    SELECT c.table_name AS "table", c.column_name AS "column",
           (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typname = c.udt_name) AS labels
      FROM information_schema.columns c
     WHERE c.table_schema = current_schema()`);
  return columns;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** Values of columns named like the field (`eventType` → `event_type`): an enum's labels, or a few stored values. */
export async function columnValues(field: string): Promise<string[]> {
  const names = new Set([field, snake(field)]);
  const values: string[] = [];
  for (const column of (await catalogColumns()).filter((c) => names.has(c.column))) {
    if (column.labels) values.push(...column.labels);
    else {
      const rows = await prisma.$queryRawUnsafe<{ value: string }[]>(
        `SELECT DISTINCT ${quote(column.column)}::text AS value FROM ${quote(column.table)} WHERE ${quote(column.column)} IS NOT NULL LIMIT 4`,
      );
      values.push(...rows.map((row) => row.value));
    }
  }
  return [...new Set(values)];
}

let unique = 0;
/** A value different on each call (for fields that must be unique, like an e-mail address). */
export const uniqueEmail = () => `hostile-probe-${process.pid}-${++unique}@example.com`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Candidates for a form field, most specific first. Each is a function so that a value that must
 * be unique is new every time it is used.
 */
export async function fieldCandidates(field: string): Promise<(() => string)[]> {
  const fromColumns = (await columnValues(field)).map((value) => () => value);
  const generic: (() => string)[] = [
    () => 'Hostile probe',
    uniqueEmail,
    // A private address: a job that fetches it is refused at once, without a network.
    () => 'http://127.0.0.1:9/hostile-probe',
    () => '12.50',
    () => '1',
    () => '30',
    () => 'EUR',
    () => inDays(60),
    () => 'on',
    () => new Date(Date.now() + 3_600_000).toISOString(),
  ];
  return [() => '', ...fromColumns, ...generic];
}

interface ForeignKey {
  table: string;
  column: string;
  references: string;
  key: string;
}

let foreignKeys: Promise<ForeignKey[]> | undefined;

function catalogForeignKeys(): Promise<ForeignKey[]> {
  foreignKeys ??= prisma.$queryRawUnsafe<ForeignKey[]>(`
    SELECT src.relname AS "table", a.attname AS "column", dst.relname AS "references", b.attname AS "key"
      FROM pg_constraint k
      JOIN pg_class src ON src.oid = k.conrelid
      JOIN pg_class dst ON dst.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = src.relnamespace
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
      JOIN pg_attribute b ON b.attrelid = k.confrelid AND b.attnum = k.confkey[1]
     WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND n.nspname = current_schema()`);
  return foreignKeys;
}

/**
 * Ids of rows that belong to a user: rows whose foreign key names the user, and rows whose foreign
 * key names one of those (two steps: a list, then its items). Auth's own tables are left out.
 */
export async function ownedIds(userId: string, perTable = 8): Promise<string[]> {
  const keys = await catalogForeignKeys();
  // Better Auth's table of people (core.prisma); everything a person owns leads to it.
  const userTable = 'users';
  const skip = new Set(['sessions', 'accounts', 'verifications']);
  const ids: string[] = [];
  let frontier = new Map<string, string[]>([[userTable, [userId]]]);
  for (let depth = 0; depth < 2; depth++) {
    const next = new Map<string, string[]>();
    for (const key of keys) {
      const parents = frontier.get(key.references);
      if (!parents || skip.has(key.table) || key.table === key.references) continue;
      const hasId = (await catalogColumns()).some((c) => c.table === key.table && c.column === 'id');
      if (!hasId) continue;
      const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
        `SELECT id::text AS id FROM ${quote(key.table)} WHERE ${quote(key.column)}::text = ANY($1::text[]) ORDER BY id LIMIT ${perTable}`,
        parents,
      );
      if (rows.length === 0) continue;
      next.set(key.table, [...(next.get(key.table) ?? []), ...rows.map((row) => row.id)]);
      ids.push(...rows.map((row) => row.id));
    }
    frontier = next;
  }
  return [...new Set(ids)];
}

/**
 * The database's write clock: the next transaction id. Reading it writes nothing, and every
 * statement that writes a row takes a transaction id, so an unchanged clock proves that nothing
 * was written (a changed one may be a write that was rolled back: compare snapshots then).
 */
async function writeClock(): Promise<string> {
  const [row] = await prisma.$queryRawUnsafe<{ xmax: string }[]>('SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xmax');
  return row!.xmax;
}

/**
 * Watches the database across many cases: `changes()` after each case costs one small statement
 * when nothing was written, and a full snapshot comparison only when some transaction ran; the
 * state it found is the reference for the next case (a case that may write, may).
 */
export class WriteWatch {
  private constructor(
    private snapshot: DatabaseSnapshot,
    private clock: string,
  ) {}

  static async start(): Promise<WriteWatch> {
    await settleInlineJobs();
    return new WriteWatch(await databaseSnapshot(), await writeClock());
  }

  /** What was written since the last accepted state (empty: nothing). */
  async changes(): Promise<string[]> {
    await settleInlineJobs();
    const clock = await writeClock();
    if (clock === this.clock) return [];
    const now = await databaseSnapshot();
    const changes = snapshotChanges(this.snapshot, now);
    // Either way the current state is the reference from now on: a rolled-back write moved the
    // clock but left the rows as they were, and after a write that fails the property, the
    // shrinking runs that follow must be judged on what they do themselves.
    this.snapshot = now;
    this.clock = await writeClock();
    return changes;
  }
}

/** A few ids of every table that has an `id` column (anyone's rows: a route must not show or touch them). */
export async function sampleIds(perTable = 3): Promise<string[]> {
  const tables = [...new Set((await catalogColumns()).filter((c) => c.column === 'id').map((c) => c.table))].filter((table) => !['sessions', 'accounts', 'verifications'].includes(table));
  const ids: string[] = [];
  for (const table of tables) {
    const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text AS id FROM ${quote(table)} ORDER BY id LIMIT ${perTable}`);
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}
