import { prisma } from '@/lib/db/client';

/*
 * The monthly partitions of plant_analyses and analysis_messages (see the migration
 * 20261123300000_sponsors). sponsors_ensure_partitions() makes the missing months of a range, in
 * the database, under an advisory lock; these are its callers' helpers.
 */

/** How many months ahead the job keeps ready (the migration starts with the same). */
export const MONTHS_AHEAD = 3;

const monthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
export const addMonths = (date: Date, months: number) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));

/** Makes the partitions of every month from `from` to `to` that do not exist yet; returns how many tables it made. One statement. */
export async function ensurePartitions(from: Date, to: Date): Promise<number> {
  const [row] = await prisma.$queryRaw<{ created: number }[]>`SELECT sponsors_ensure_partitions(${monthStart(from)}::timestamptz, ${to}::timestamptz)::int AS created`;
  return row?.created ?? 0;
}

/** Whether an error is PostgreSQL's "no partition of relation … found for row" (a date outside every partition). */
export function isMissingPartition(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const candidate = current as { message?: unknown; meta?: Record<string, unknown>; cause?: unknown };
    const texts = [candidate.message, candidate.meta?.message, JSON.stringify(candidate.meta ?? {})];
    if (texts.some((text) => typeof text === 'string' && text.includes('no partition of relation'))) return true;
    current = candidate.cause;
  }
  return false;
}

/**
 * Runs a write that puts rows dated `dates` into partitioned tables. The job keeps this month and
 * the next three ready, so this costs nothing extra; a date outside them (an import of old
 * analyses, a clock far ahead) fails once with "no partition", gets its months made, and is run
 * again. The write must be all-or-nothing (one statement or one transaction), so that the retry
 * never doubles anything.
 */
export async function withPartitionsFor<T>(dates: readonly Date[], write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isMissingPartition(error) || dates.length === 0) throw error;
    const times = dates.map((date) => date.getTime());
    await ensurePartitions(new Date(Math.min(...times)), new Date(Math.max(...times)));
    return write();
  }
}

/** The job's work: this month and the next MONTHS_AHEAD, idempotently. */
export async function prepareComingPartitions(now = new Date()): Promise<{ created: number; through: string }> {
  const through = addMonths(now, MONTHS_AHEAD);
  const created = await ensurePartitions(now, through);
  return { created, through: through.toISOString().slice(0, 7) };
}

export interface PartitionInfo {
  parent: string;
  partition: string;
  /** The partition's bounds as PostgreSQL prints them. */
  bounds: string;
}

/** The partitions of both tables, oldest first. */
export async function listPartitions(): Promise<PartitionInfo[]> {
  return prisma.$queryRaw<PartitionInfo[]>`
    SELECT parent.relname AS parent, child.relname AS partition, pg_get_expr(child.relpartbound, child.oid) AS bounds
    FROM pg_inherits i
    JOIN pg_class parent ON parent.oid = i.inhparent
    JOIN pg_class child ON child.oid = i.inhrelid
    WHERE parent.relname IN ('plant_analyses', 'analysis_messages') AND parent.relnamespace = current_schema()::regnamespace
    ORDER BY parent.relname, child.relname`;
}
