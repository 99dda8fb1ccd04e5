import net from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { startEmbeddedServer } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import { PrismaClient } from '@/lib/generated/prisma/client';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * An empty database for one test run: a new database on the server of BASE_DATABASE_URL when
 * tests run against real PostgreSQL, else an in-memory embedded server on a free port.
 */
export async function createScratchDatabase(baseUrl = process.env.BRISK_TEST_SERVER_URL): Promise<ScratchDatabase> {
  if (!baseUrl) {
    const server = await startEmbeddedServer({ port: await freePort() });
    return { url: server.url, drop: () => server.stop() };
  }
  const name = `brisk_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Runs `test` with a Prisma client on a scratch database, migrated, then drops the database. */
export async function withMigratedScratchDatabase(test: (prisma: PrismaClient) => Promise<void>): Promise<void> {
  const database = await createScratchDatabase();
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    await migrate(database.url);
    await test(prisma);
  } finally {
    await prisma.$disconnect();
    await pool.end();
    await database.drop();
  }
}
