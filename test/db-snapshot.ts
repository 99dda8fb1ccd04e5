import { expect } from 'vitest';
import { prisma } from '@/lib/db/client';

/**
 * What the database holds, exactly: every table's row count (`count(*)`, not the statistics'
 * estimate) and an MD5 of all its rows in primary-key order, read in one statement. Two equal
 * snapshots mean nothing was inserted, updated or deleted in between (tests that must prove a
 * refused input wrote nothing). Tables are found in the catalog, so new modules' tables are
 * included without a change here.
 */
export interface DatabaseSnapshot {
  /** Table name → rows and checksum. */
  tables: Record<string, { rows: number; md5: string | null }>;
}

interface TableInfo {
  name: string;
  /** The primary key's columns, in key order (empty: order by the whole row's text). */
  key: string[];
}

let statement: Promise<string> | undefined;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

async function tables(): Promise<TableInfo[]> {
  // Ordinary and partitioned tables of the current schema; partitions are read through their parent.
  const rows = await prisma.$queryRawUnsafe<{ name: string; key: string[] | null }[]>(`
    SELECT c.relname AS name,
           (SELECT array_agg(a.attname::text ORDER BY k.ordinality)
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ordinality)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = c.oid AND i.indisprimary) AS key
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition
     ORDER BY c.relname`);
  return rows.map((row) => ({ name: row.name, key: row.key ?? [] }));
}

async function snapshotStatement(): Promise<string> {
  const list = await tables();
  if (list.length === 0) throw new Error('db-snapshot: no tables found in the current schema');
  return list
    .map(({ name, key }) => {
      const order = key.length > 0 ? key.map((column) => `t.${quote(column)}`).join(', ') : 't::text';
      const literal = `'${name.replaceAll("'", "''")}'`;
      return `SELECT ${literal} AS name, count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY ${order})) AS md5 FROM ${quote(name)} t`;
    })
    .join('\nUNION ALL\n');
}

/** Every table's exact row count and checksum (one statement; the table list is read once per process). */
export async function databaseSnapshot(): Promise<DatabaseSnapshot> {
  statement ??= snapshotStatement();
  const rows = await prisma.$queryRawUnsafe<{ name: string; rows: number; md5: string | null }[]>(await statement);
  return { tables: Object.fromEntries(rows.map((row) => [row.name, { rows: row.rows, md5: row.md5 }])) };
}

/** What changed between two snapshots, one line per table ("items: 12 → 13 rows"); empty when nothing did. */
export function snapshotChanges(before: DatabaseSnapshot, after: DatabaseSnapshot): string[] {
  const changes: string[] = [];
  for (const name of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    const a = before.tables[name];
    const b = after.tables[name];
    if (!a || !b) changes.push(`${name}: table ${a ? 'dropped' : 'created'}`);
    else if (a.rows !== b.rows) changes.push(`${name}: ${a.rows} → ${b.rows} rows`);
    else if (a.md5 !== b.md5) changes.push(`${name}: rows changed (same count, ${a.rows})`);
  }
  return changes;
}

/** Asserts that nothing was written since `before`. */
export async function expectDatabaseUnchanged(before: DatabaseSnapshot, message = 'the database changed'): Promise<void> {
  expect(snapshotChanges(before, await databaseSnapshot()), message).toEqual([]);
}
