import { describe, expect, it } from 'vitest';
import { POST as authPost } from '@/app/api/auth/[...all]/route';
import { prisma } from '@/lib/db/client';
import { stampPeer } from '@/lib/security/client-address';
import { KNOWN_DEVICE_COOKIE } from './known-device';
import { LOGIN_LIMITS } from './limiter';
import { signIn, signUp } from './mutations';

/*
 * Every route that checks a password shares one limiter: Better Auth's own endpoint
 * (POST /api/auth/sign-in/email, called here as Next calls the route handler) and the sign-in
 * form's server action. The client address is the socket's (stampPeer stands for the server's
 * stamp), never X-Forwarded-For.
 */
const ORIGIN = 'http://localhost:3000';
const uniqueEmail = () => `limits-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@example.com`;
const PASSWORD = 'the-right-password';

async function newAccount(): Promise<string> {
  const email = uniqueEmail();
  expect((await signUp({ name: 'Limited', email, password: PASSWORD }, new Headers({ origin: ORIGIN }))).ok).toBe(true);
  return email;
}

/** POST /api/auth/sign-in/email from `address`, with extra headers (X-Forwarded-For, a cookie). */
function apiSignIn(email: string, password: string, address: string, extra: Record<string, string> = {}): Promise<Response> {
  const headers = stampPeer({ origin: ORIGIN, 'content-type': 'application/json', ...extra }, address);
  return authPost(new Request(`${ORIGIN}/api/auth/sign-in/email`, { method: 'POST', headers, body: JSON.stringify({ email, password }) }));
}

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0]!)
    .find((cookie) => cookie.startsWith(`${name}=`));

// Up to 30 password checks per test (scrypt): slow on a loaded machine.
describe('POST /api/auth/sign-in/email', { timeout: 90_000 }, () => {
  it('counts wrong passwords and refuses even the right one from that address with a 429 and Retry-After', async () => {
    const email = await newAccount();
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await apiSignIn(email, `guess-${i}`, '203.0.113.20')).status).toBe(401);
    const refused = await apiSignIn(email, PASSWORD, '203.0.113.20');
    expect(refused.status).toBe(429);
    // 30 s from the 5th attempt, less what the hashing since took.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(20);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(refused.headers.get('x-retry-after')).toBe(refused.headers.get('retry-after'));
    expect(await refused.json()).toMatchObject({ message: expect.stringContaining('Too many failed attempts'), code: 'TOO_MANY_ATTEMPTS' });
    // The owner elsewhere is not locked out.
    expect((await apiSignIn(email, PASSWORD, '192.0.2.44')).status).toBe(200);
  });

  it('takes the address from the socket: a new X-Forwarded-For per request changes nothing', async () => {
    const email = await newAccount();
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) {
      const response = await apiSignIn(email, `guess-${i}`, '203.0.113.21', { 'x-forwarded-for': `198.18.0.${i}`, 'x-brisk-client-address': `198.18.0.${i}` });
      expect(response.status).toBe(401);
    }
    expect((await apiSignIn(email, PASSWORD, '203.0.113.21', { 'x-forwarded-for': '198.18.0.99' })).status).toBe(429);
  });

  it('shares its counters with the sign-in form', async () => {
    const email = await newAccount();
    const form = (password: string) => signIn({ email, password }, stampPeer({ origin: ORIGIN }, '203.0.113.22'));
    for (let i = 0; i < 3; i++) expect(await form(`guess-${i}`)).toMatchObject({ code: 'invalid' });
    for (let i = 0; i < 2; i++) expect((await apiSignIn(email, `again-${i}`, '203.0.113.22')).status).toBe(401);
    expect((await apiSignIn(email, PASSWORD, '203.0.113.22')).status).toBe(429);
    expect(await form(PASSWORD)).toMatchObject({ ok: false, code: 'forbidden', message: expect.stringContaining('Try again in') });
  });

  it('never slows correct sign-ins, and a success resets that address’s failures', async () => {
    const email = await newAccount();
    for (let i = 0; i < 8; i++) expect((await apiSignIn(email, PASSWORD, '127.0.0.1')).status).toBe(200);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures - 1; i++) expect((await apiSignIn(email, 'wrong-password', '127.0.0.1')).status).toBe(401);
      expect((await apiSignIn(email, PASSWORD, '127.0.0.1')).status).toBe(200);
    }
  });

  it('after 20 failures from everywhere, slows new devices but not one that signed in before', async () => {
    const email = await newAccount();
    const laptop = await apiSignIn(email, PASSWORD, '198.51.100.40');
    expect(laptop.status).toBe(200);
    const device = cookieOf(laptop, KNOWN_DEVICE_COOKIE);
    expect(device).toBeDefined();
    expect(laptop.headers.getSetCookie().find((cookie) => cookie.startsWith(`${KNOWN_DEVICE_COOKIE}=`))).toMatch(/HttpOnly/i);

    for (let i = 0; i < LOGIN_LIMITS.accountCeiling; i++) expect((await apiSignIn(email, `botnet-${i}`, `198.18.1.${i}`)).status).toBe(401);
    const stranger = await apiSignIn(email, PASSWORD, '198.18.2.1');
    expect(stranger.status).toBe(429);
    expect(Number(stranger.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    // The laptop, now on another network, and the address it used, are let through.
    expect((await apiSignIn(email, PASSWORD, '203.0.113.200', { cookie: device! })).status).toBe(200);
    expect((await apiSignIn(email, PASSWORD, '198.51.100.40')).status).toBe(200);
  });

  it('records the resolved client address in the session, not X-Forwarded-For', async () => {
    const email = await newAccount();
    const response = await apiSignIn(email, PASSWORD, '198.51.100.41', { 'x-forwarded-for': '6.6.6.6' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const session = await prisma.session.findUniqueOrThrow({ where: { token } });
    expect(session.ipAddress).toBe('198.51.100.41');
  });
});
