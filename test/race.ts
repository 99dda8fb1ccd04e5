import { prisma } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';

/**
 * Runs `write` while `change` is made and not yet committed, and commits the change once the write
 * waits on the rows it locked: the write reads the rows as they were and checks its keys as they
 * are. With `thenLock`, the change then locks more rows before it commits: rows the write holds
 * already make the two wait for each other, the deadlock PostgreSQL breaks by rolling back the
 * one that waited first, the write. On PostgreSQL that is the race of two requests; the embedded
 * database runs one statement at a time (one connection), so there the write simply follows the
 * change.
 */
export async function racingCommit<T>(
  change: (tx: Prisma.TransactionClient) => Promise<unknown>,
  write: () => Promise<T>,
  thenLock?: (tx: Prisma.TransactionClient) => Promise<unknown>,
): Promise<T> {
  let result!: Promise<{ value: T } | { error: unknown }>;
  await prisma.$transaction(
    async (tx) => {
      await change(tx);
      result = write().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      // The test database is embedded unless the run names a PostgreSQL server (test/global-setup.ts).
      if (!process.env.BRISK_TEST_SERVER_URL) return void (await thenLock?.(tx));
      for (let waited = 0; waited < 10_000; waited += 20) {
        const [waiting] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`;
        if (waiting!.n > 0) return void (await thenLock?.(tx));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error('racingCommit: the write never waited on the change');
    },
    { timeout: 15_000 },
  );
  const settled = await result;
  if ('error' in settled) throw settled.error;
  return settled.value;
}
