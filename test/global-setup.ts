import { migrate } from '@/lib/db/migrate';
import { createScratchDatabase, type ScratchDatabase } from './database';

/**
 * Integration tests run against a database of their own: a fresh database on the PostgreSQL
 * server named by DATABASE_URL, or an in-memory embedded PGlite. It is migrated and seeded with
 * the demo data once; the workers find it in DATABASE_URL.
 */
let database: ScratchDatabase | undefined;

export async function setup() {
  // Kept apart so that scratch databases of single tests are created on the same server.
  if (process.env.DATABASE_URL) process.env.BRISK_TEST_SERVER_URL = process.env.DATABASE_URL;
  database = await createScratchDatabase();
  // An embedded server takes one connection per process (see lib/db/client.ts).
  if (!process.env.BRISK_TEST_SERVER_URL) process.env.DATABASE_POOL_SIZE ??= '1';
  process.env.DATABASE_URL = database.url;
  await migrate(database.url);
  const { seed } = await import('@/prisma/seed');
  await seed({ scale: 'demo', log: () => {} });
  const { closeDatabase } = await import('@/lib/db/client');
  await closeDatabase();
}

export async function teardown() {
  await database?.drop();
}
