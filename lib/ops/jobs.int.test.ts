import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { defineJob } from '@/lib/jobs/define';
import { runMeasuredAttempt } from '@/lib/jobs/runs';
import { NPlusOneError } from '@/lib/metrics/request';
import { cleanupExpired } from './jobs';
import { dailyCleanupJob, dailyCleanupRequested } from './module';

const DAY = 86_400_000;
const now = new Date('2026-11-20T03:30:00Z');

async function seedSessions(tag: string, expiresAt: Date[]) {
  await prisma.session.createMany({
    data: expiresAt.map((at, i) => ({ id: `ses_${tag}_${i}`, token: `tok_${tag}_${i}_${randomUUID()}`, userId: 'usr_gus', expiresAt: at })),
  });
}

async function seedRuns(tag: string, queuedAt: Date[]) {
  await prisma.jobRun.createMany({
    data: queuedAt.map((at, i) => ({ jobName: 'test/cleanup-fixture', backend: 'inline', eventId: `${tag}-${i}`, status: 'succeeded' as const, queuedAt: at })),
  });
}

describe('the daily cleanup', () => {
  it('deletes expired sessions and job runs older than 30 days, and nothing else', async () => {
    const tag = randomUUID().slice(0, 8);
    // Expired (3), and still valid (2): one expires exactly now, which is not yet expired.
    await seedSessions(`${tag}_old`, [new Date(now.getTime() - 1), new Date(now.getTime() - DAY), new Date(now.getTime() - 90 * DAY)]);
    await seedSessions(`${tag}_live`, [now, new Date(now.getTime() + DAY)]);
    // Older than 30 days (2, whatever their status), and recent enough (2).
    await seedRuns(`${tag}-old`, [new Date(now.getTime() - 30 * DAY - 1), new Date(now.getTime() - 400 * DAY)]);
    await prisma.jobRun.updateMany({ where: { eventId: `${tag}-old-1` }, data: { status: 'running' } });
    await seedRuns(`${tag}-new`, [new Date(now.getTime() - 30 * DAY + 60_000), now]);
    const sessionsBefore = await prisma.session.count();
    const runsBefore = await prisma.jobRun.count();
    const expiredBefore = await prisma.session.count({ where: { expiresAt: { lt: now } } });
    const oldRunsBefore = await prisma.jobRun.count({ where: { queuedAt: { lt: new Date(now.getTime() - 30 * DAY) } } });

    // Batches of 2: several batches per table.
    const result = await cleanupExpired({ now, batchSize: 2 });

    expect(result).toEqual({ expiredSessions: expiredBefore, oldJobRuns: oldRunsBefore, endedApiTokens: 0, more: false });
    expect(result.expiredSessions).toBeGreaterThanOrEqual(3);
    expect(result.oldJobRuns).toBeGreaterThanOrEqual(2);
    expect(await prisma.session.count()).toBe(sessionsBefore - expiredBefore);
    expect(await prisma.session.count({ where: { id: { startsWith: `ses_${tag}_live` } } })).toBe(2);
    expect(await prisma.session.count({ where: { id: { startsWith: `ses_${tag}_old` } } })).toBe(0);
    expect(await prisma.jobRun.count()).toBe(runsBefore - oldRunsBefore);
    expect(await prisma.jobRun.count({ where: { eventId: { startsWith: `${tag}-new` } } })).toBe(2);
    expect(await prisma.jobRun.count({ where: { eventId: { startsWith: `${tag}-old` } } })).toBe(0);

    // Idempotent: a second run finds nothing.
    expect(await cleanupExpired({ now, batchSize: 2 })).toEqual({ expiredSessions: 0, oldJobRuns: 0, endedApiTokens: 0, more: false });
  });

  it('deletes API tokens revoked or expired over 30 days ago; live and recently ended ones stay listed', async () => {
    const tag = randomUUID().slice(0, 8);
    const token = (name: string, fields: { expiresAt?: Date; revokedAt?: Date }) => ({
      userId: 'usr_gus',
      name: `${tag} ${name}`,
      tokenHash: randomUUID().replaceAll('-', '').padEnd(64, '0'),
      prefix: 'brisk_test',
      ...fields,
    });
    await prisma.apiToken.createMany({
      data: [
        token('revoked long ago', { revokedAt: new Date(now.getTime() - 31 * DAY) }),
        token('expired long ago', { expiresAt: new Date(now.getTime() - 31 * DAY) }),
        token('revoked recently', { revokedAt: new Date(now.getTime() - 29 * DAY) }),
        token('expired recently', { expiresAt: new Date(now.getTime() - DAY) }),
        token('live', { expiresAt: new Date(now.getTime() + DAY) }),
        token('no expiry', {}),
      ],
    });
    const result = await cleanupExpired({ now });
    expect(result.endedApiTokens).toBe(2);
    const left = await prisma.apiToken.findMany({ where: { name: { startsWith: tag } }, select: { name: true }, orderBy: { name: 'asc' } });
    expect(left.map((t) => t.name.slice(tag.length + 1))).toEqual(['expired recently', 'live', 'no expiry', 'revoked recently']);
  });

  it('stops after maxBatches and says there is more', async () => {
    const tag = randomUUID().slice(0, 8);
    await seedSessions(tag, [1, 2, 3, 4, 5].map((d) => new Date(now.getTime() - d * DAY)));
    const first = await cleanupExpired({ now, batchSize: 2, maxBatches: 1 });
    expect(first).toMatchObject({ expiredSessions: 2, more: true });
    const rest = await cleanupExpired({ now, batchSize: 2 });
    expect(rest).toMatchObject({ expiredSessions: 3, more: false });
  });

  it('runs as a measured job whose batch loop is not an N+1, while other jobs still are', async () => {
    const tag = randomUUID().slice(0, 8);
    await seedSessions(tag, [1, 2, 3, 4, 5].map((d) => new Date(now.getTime() - d * DAY)));
    const batched = await runMeasuredAttempt(dailyCleanupJob, () => cleanupExpired({ now, batchSize: 1 }));
    expect(batched).toMatchObject({ ok: true, result: { expiredSessions: 5 } });

    await seedSessions(`${tag}_b`, [1, 2, 3].map((d) => new Date(now.getTime() - d * DAY)));
    const strict = defineJob({ name: 'test/strict', description: 'no opt-out', trigger: { event: dailyCleanupRequested }, retries: 0, run: () => cleanupExpired({ now, batchSize: 1 }) });
    const guarded = await runMeasuredAttempt(strict, () => strict.run({}));
    expect(guarded.ok).toBe(false);
    expect(!guarded.ok && guarded.error).toBeInstanceOf(NPlusOneError);
  });
});
