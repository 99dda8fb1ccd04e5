import { describe, expect, it, vi } from 'vitest';
import { userSignedIn } from '@/lib/auth/events';
import { signIn } from '@/lib/auth/mutations';
import { prisma } from '@/lib/db/client';
import { DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';

// Inngest (or the database, for the inline backend) refuses the event.
const sendEventAfterResponse = vi.hoisted(() => vi.fn(async () => Promise.reject(new Error('Sending "auth/user.signed-in" to Inngest failed: 503'))));
vi.mock('@/lib/jobs/backend', () => ({ sendEventAfterResponse }));

describe('signing in when the job event cannot be sent', () => {
  it('still signs the user in', async () => {
    const before = await prisma.session.count({ where: { userId: 'usr_farah' } });
    expect(await signIn({ email: 'farah@brisk.test', password: DEMO_PASSWORD }, new Headers({ origin: 'http://localhost:3000' }))).toMatchObject({ ok: true });
    expect(sendEventAfterResponse).toHaveBeenCalledWith(userSignedIn, { userId: 'usr_farah' });
    expect(await prisma.session.count({ where: { userId: 'usr_farah' } })).toBe(before + 1);
  });
});
