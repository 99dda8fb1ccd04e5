import { describe, expect, it } from 'vitest';
import { signIn } from '@/lib/auth/mutations';
import { prisma } from '@/lib/db/client';
import { DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';
import { settleInlineJobs } from './inline';

const headers = () => new Headers({ origin: 'http://localhost:3000' });

describe('signing in', () => {
  it("warms the user's cache in the background (people/user.signed-in → people/warm-user-cache)", async () => {
    const since = new Date();
    expect(await signIn({ email: 'eunji@brisk.test', password: DEMO_PASSWORD }, headers())).toMatchObject({ ok: true });
    await settleInlineJobs();
    const runs = await prisma.jobRun.findMany({ where: { jobName: 'people/warm-user-cache', queuedAt: { gte: since }, payload: { equals: { userId: 'usr_eunji' } } } });
    expect(runs).toEqual([expect.objectContaining({ backend: 'inline', status: 'succeeded', attempt: 1 })]);
  });

  it('sends nothing when the sign-in fails', async () => {
    const since = new Date();
    expect(await signIn({ email: 'eunji@brisk.test', password: 'not-the-password' }, headers())).toMatchObject({ ok: false });
    await settleInlineJobs();
    expect(await prisma.jobRun.count({ where: { jobName: 'people/warm-user-cache', queuedAt: { gte: since } } })).toBe(0);
  });
});
