import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { env } from '@/lib/env';
import { noteDatabaseUnavailable } from './health';
import { processGlobal } from '@/lib/process-global';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { recordStatement } from '@/lib/metrics/context';
import '@/lib/metrics/next';

/**
 * The one Prisma client of the process, over a `pg` pool (driver adapter). Every SQL statement
 * is counted against the request in progress (Prisma's query event fires once per statement).
 * One per process (lib/process-global.ts), whatever the bundle or dev reload.
 */
function createPrisma() {
  const config = env();
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    // The embedded server runs one query at a time, and its socket layer can interleave the
    // messages of concurrent extended-protocol queries ("portal does not exist"): one
    // connection per process keeps each query whole.
    max: config.embeddedDatabase ? 1 : config.DATABASE_POOL_SIZE,
    // Fail fast when the database is unreachable instead of queueing requests forever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle connection dropped by the server (restart, failover) must not crash the process;
  // the pool replaces it on the next query.
  pool.on('error', (error) => {
    console.warn(`database: idle connection lost: ${error.message}`);
    noteDatabaseUnavailable();
  });
  const client = new PrismaClient({ adapter: new PrismaPg(pool), log: [{ level: 'query', emit: 'event' }] });
  client.$on('query', (event) => recordStatement(event.query, event.duration));
  return { client, pool };
}

const database = processGlobal('database', createPrisma);

export const prisma = database.client;

/** Closes the pool (scripts and tests that end before the process does). */
export async function closeDatabase(): Promise<void> {
  await database.client.$disconnect();
  await database.pool.end();
}
