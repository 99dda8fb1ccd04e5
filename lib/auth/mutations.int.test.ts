import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { stampPeer } from '@/lib/security/client-address';
import { DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';
import { LOGIN_LIMITS } from './limiter';
import { signIn, signUp } from './mutations';

const headers = () => new Headers({ origin: 'http://localhost:3000' });
const uniqueEmail = () => `new-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;

describe('sign-in', () => {
  it('accepts a demo account and opens a session in the database', async () => {
    const before = await prisma.session.count({ where: { userId: 'usr_ada' } });
    expect(await signIn({ email: 'Ada@brisk.test', password: DEMO_PASSWORD }, headers())).toEqual({ ok: true, value: undefined });
    expect(await prisma.session.count({ where: { userId: 'usr_ada' } })).toBe(before + 1);
  });

  it('says the same thing for a wrong password and an unknown e-mail, and opens no session', async () => {
    const before = await prisma.session.count();
    const wrong = await signIn({ email: 'ada@brisk.test', password: 'not-the-password' }, headers());
    const unknown = await signIn({ email: 'nobody@brisk.test', password: 'whatever-it-is' }, headers());
    expect(wrong).toEqual({ ok: false, code: 'invalid', message: 'Wrong e-mail or password.', fieldErrors: {} });
    expect(unknown).toEqual(wrong);
    expect(await prisma.session.count()).toBe(before);
  });

  it('rejects malformed input before touching the database', async () => {
    expect(await signIn({ email: 'not-an-email', password: '' }, headers())).toEqual({
      ok: false,
      code: 'invalid',
      message: 'Please correct the highlighted fields.',
      fieldErrors: { email: 'Enter a valid e-mail address.', password: 'Enter your password.' },
    });
  });

  it('stops guessing from one address after 5 wrong passwords, whatever X-Forwarded-For says, without locking the owner out', async () => {
    const email = uniqueEmail();
    expect((await signUp({ name: 'Target', email, password: 'the-right-password' }, headers())).ok).toBe(true);
    for (let attempt = 0; attempt < LOGIN_LIMITS.pairFreeFailures; attempt++) {
      const from = stampPeer({ origin: 'http://localhost:3000', 'x-forwarded-for': `203.0.113.${attempt}` }, '198.51.100.66');
      expect(await signIn({ email, password: `guess-${attempt}` }, from)).toMatchObject({ message: 'Wrong e-mail or password.' });
    }
    // That address is refused, even with the right password, for 30 s …
    const attacker = stampPeer({ origin: 'http://localhost:3000', 'x-forwarded-for': '203.0.113.250' }, '198.51.100.66');
    expect(await signIn({ email, password: 'the-right-password' }, attacker)).toMatchObject({
      ok: false,
      code: 'forbidden',
      // 30 s from the 5th attempt, less what the hashing since took.
      message: expect.stringMatching(/^Too many failed attempts for this account from your network\. Try again in (30|2\d) seconds\.$/),
    });
    // … while the owner, elsewhere, signs in; other accounts are unaffected.
    expect((await signIn({ email, password: 'the-right-password' }, stampPeer(headers(), '192.0.2.10'))).ok).toBe(true);
    expect((await signIn({ email: 'ben@brisk.test', password: DEMO_PASSWORD }, attacker)).ok).toBe(true);
  });
});

describe('sign-up', () => {
  it('creates a user with the user role and a hashed password', async () => {
    const email = uniqueEmail();
    expect(await signUp({ name: 'New Person', email, password: 'a-long-password' }, headers())).toEqual({ ok: true, value: undefined });
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { accounts: true } });
    expect(user.role).toBe('user');
    expect(user.accounts).toHaveLength(1);
    expect(user.accounts[0]!.password).not.toContain('a-long-password');
  });

  it('refuses an e-mail that is taken, and invalid input, changing nothing', async () => {
    const before = await prisma.user.count();
    expect(await signUp({ name: 'Again', email: 'ada@brisk.test', password: 'a-long-password' }, headers())).toMatchObject({
      ok: false,
      fieldErrors: { email: 'Already registered.' },
    });
    expect(await signUp({ name: '', email: uniqueEmail(), password: 'short' }, headers())).toMatchObject({
      ok: false,
      fieldErrors: { name: 'Enter your name.', password: 'Use at least 8 characters.' },
    });
    expect(await prisma.user.count()).toBe(before);
  });

  it('cannot make itself an admin', async () => {
    const email = uniqueEmail();
    await signUp({ name: 'Sneaky', email, password: 'a-long-password', role: 'admin' }, headers());
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).role).toBe('user');
  });
});
