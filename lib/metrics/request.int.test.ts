import { PrismaPg } from '@prisma/adapter-pg';
import { notFound } from 'next/navigation';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { freePort } from '@/test/database';
import { getFriendSummary } from '@/lib/people/queries';
import { countStatements, expectStatementBudget } from '@/test/statements';
import { NPlusOneError, metricsSnapshot, resetLocalMetrics, serverTiming, withRoute } from './request';

describe('statement counting', () => {
  it('counts every SQL statement of a request, and only of that request', async () => {
    const [a, b] = await Promise.all([
      countStatements(() => getFriendSummary('usr_ada')),
      countStatements(async () => {
        await prisma.user.findUnique({ where: { id: 'usr_ben' } });
        await prisma.user.count();
      }),
    ]);
    expect(a.statements).toBe(1);
    expect(b.statements).toBe(2);
  });

  it('passes a call within its budget and fails one over it', async () => {
    await expectStatementBudget(1, () => getFriendSummary('usr_ada'));
    await expect(expectStatementBudget(0, () => getFriendSummary('usr_ada'))).rejects.toThrow(/statements run/);
  });
});

describe('the N+1 guard', () => {
  it('fails a request that runs the same statement once per row', async () => {
    const error = await countStatements(async () => {
      const users = await prisma.user.findMany({ where: { id: { in: ['usr_ada', 'usr_ben', 'usr_chloe'] } }, select: { id: true } });
      for (const user of users) await prisma.connection.count({ where: { requesterId: user.id } });
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NPlusOneError);
    expect((error as NPlusOneError).repeated[0]!.count).toBe(3);
  });

  it('lets the same work done in one statement pass', async () => {
    const { statements } = await countStatements(async () => {
      await prisma.connection.groupBy({ by: ['requesterId'], where: { requesterId: { in: ['usr_ada', 'usr_ben', 'usr_chloe'] } }, _count: true });
    });
    expect(statements).toBe(1);
  });
});

describe('route handlers', () => {
  it('send Server-Timing with their statements and duration, and feed the per-route metrics', async () => {
    resetLocalMetrics();
    const handler = withRoute('/api/test', async () => {
      await getFriendSummary('usr_ada');
      return Response.json({ ok: true });
    });
    const response = await handler();
    const timing = response.headers.get('Server-Timing')!;
    expect(timing).toMatch(/^db;dur=\d+\.\d;desc="1 statements", cache;desc="0 hits, 0 misses", total;dur=\d+\.\d$/);
    await handler();
    const snapshot = await metricsSnapshot();
    const route = snapshot.routes.find((r) => r.route === '/api/test')!;
    expect(route).toMatchObject({ count: 2, statementsPerRequest: 1 });
    expect(route.p99).toBeGreaterThanOrEqual(route.p50);
    expect(serverTiming(snapshot.slowest[0]!)).toContain('1 statements');
  });

  it('answer a JSON 503 with Retry-After while the database cannot be reached, and a JSON 500 for other failures', async () => {
    // A client of a database server that is not there: the same error a down server gives.
    const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: `postgres://brisk:brisk@127.0.0.1:${await freePort()}/brisk`, connectionTimeoutMillis: 2_000 }) });
    const down = await withRoute('/api/test/database-down', async () => Response.json(await unreachable.user.count()))();
    expect(down.status).toBe(503);
    expect(down.headers.get('Retry-After')).toBe('5');
    expect(await down.json()).toEqual({ error: 'The database is not reachable right now: try again in a few seconds.' });
    await unreachable.$disconnect();

    const broken = await withRoute('/api/test/broken', async () => {
      throw new Error('secret detail of a bug');
    })();
    expect(broken.status).toBe(500);
    const body = await broken.text();
    expect(JSON.parse(body)).toEqual({ error: 'Something went wrong on our side. It has been logged.' });
    expect(body).not.toContain('secret detail');
  });

  it('leave Next’s own control flow (notFound) to Next', async () => {
    await expect(withRoute('/api/test/not-found', async () => notFound())()).rejects.toThrow();
  });
});
