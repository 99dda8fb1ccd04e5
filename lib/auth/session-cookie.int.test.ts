import { describe, expect, it } from 'vitest';
import { sessionCookie } from '@/test/sessions';
import { auth, sessionCookieNames, sessionFromRequestCookies } from './auth';
import { authSecret as secretOf } from './config';
import { parseCookieHeader, sessionFromCookies } from './session-cookie';

/** A Cookie header with one cookie's value replaced. */
function withCookie(header: string, name: string, value: string): string {
  return [...parseCookieHeader(header).entries()].map(([key, v]) => `${key}=${encodeURIComponent(key === name ? value : v)}`).join('; ');
}

describe('the viewer from the signed cookie cache', () => {
  it('names the same user as Better Auth’s getSession, with no database read', async () => {
    const cookie = await sessionCookie('ada@brisk.test');
    const fast = await sessionFromRequestCookies(cookie);
    const slow = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(fast?.viewer).toEqual({ id: slow!.user.id, name: slow!.user.name, email: slow!.user.email, role: 'user' });
    expect(fast?.sessionId).toBe(slow!.session.id);
    expect((await sessionFromRequestCookies(await sessionCookie('admin@brisk.test')))?.viewer.role).toBe('admin');
  });

  it('refuses a tampered, swapped, expired or missing cookie (the caller then asks Better Auth)', async () => {
    const names = await sessionCookieNames;
    const ada = await sessionCookie('ada@brisk.test');
    const ben = await sessionCookie('ben@brisk.test');
    const data = parseCookieHeader(ada).get(names.data)!;
    const payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));

    // Another user's id in the cached session: the signature no longer matches.
    const forged = { ...payload, session: { ...payload.session, user: { ...payload.session.user, id: 'usr_admin', role: 'admin' } } };
    expect(sessionFromCookies(withCookie(ada, names.data, Buffer.from(JSON.stringify(forged)).toString('base64url')), secretOf(), names)).toBeNull();
    // Ada's cookie cache with Ben's session token: not the same session.
    expect(sessionFromCookies(withCookie(ada, names.token, parseCookieHeader(ben).get(names.token)!), secretOf(), names)).toBeNull();
    // A token whose signature is wrong.
    const token = parseCookieHeader(ada).get(names.token)!;
    expect(sessionFromCookies(withCookie(ada, names.token, `${token.slice(0, -5)}AAAA=`), secretOf(), names)).toBeNull();
    // The cookie cache has expired (5 minutes), or the secret is not ours.
    expect(sessionFromCookies(ada, secretOf(), names, Date.now() + 6 * 60_000)).toBeNull();
    expect(sessionFromCookies(ada, 'another-secret', names)).toBeNull();
    expect(sessionFromCookies(withCookie(ada, names.data, 'garbage'), secretOf(), names)).toBeNull();
    expect(sessionFromCookies('', secretOf(), names)).toBeNull();
    // The untouched cookies still pass.
    expect(sessionFromCookies(ada, secretOf(), names)?.viewer.id).toBe('usr_ada');
  });
});
