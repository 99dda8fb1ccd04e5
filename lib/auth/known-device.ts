import { createHmac, timingSafeEqual } from 'node:crypto';
import { authBaseUrl, authSecret } from './config';

/*
 * "This browser has signed in to this account before": a signed cookie listing the accounts
 * (hashed, never the e-mail address) that signed in successfully from it, each with an expiry.
 * The sign-in limiter lets a known device through an account's global slow-down, so an attacker
 * elsewhere can slow new devices down but never lock the owner out of the devices they use.
 * Stateless: it survives a Redis outage and a restart; it cannot be forged without the auth
 * secret, and it is useless for any account it does not name.
 */

export const KNOWN_DEVICE_COOKIE = 'brisk.known-device';
export const KNOWN_DEVICE_DAYS = 90;
/** The most accounts one browser remembers (the most recent win). */
const MAX_ACCOUNTS = 5;

export interface CookieToSet {
  name: string;
  value: string;
  options: { httpOnly: true; sameSite: 'lax'; secure: boolean; path: '/'; maxAge: number };
}

type Entry = [accountKey: string, expiresAtSeconds: number];

const sign = (payload: string) => createHmac('sha256', `${authSecret()}:known-device`).update(payload).digest('base64url');

/** The value of the cookie in a Cookie header, or null. */
function cookieValue(cookieHeader: string | null, name: string): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}

function readEntries(cookieHeader: string | null, now: number): Entry[] {
  const value = cookieValue(cookieHeader, KNOWN_DEVICE_COOKIE);
  const [payload, signature] = value?.split('.') ?? [];
  if (!payload || !signature) return [];
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [];
  try {
    const entries: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(entries)) return [];
    return entries.filter(
      (entry): entry is Entry => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number' && entry[1] * 1000 > now,
    );
  } catch {
    return [];
  }
}

/** Whether the request's browser has signed in to this account (by its limiter key) before. */
export function isKnownDevice(cookieHeader: string | null, accountKey: string, now: number = Date.now()): boolean {
  return readEntries(cookieHeader, now).some(([key]) => key === accountKey);
}

/** The cookie after a successful sign-in to this account: it is added (or renewed) first. */
export function rememberDevice(cookieHeader: string | null, accountKey: string, now: number = Date.now()): CookieToSet {
  const maxAge = KNOWN_DEVICE_DAYS * 86_400;
  const others = readEntries(cookieHeader, now).filter(([key]) => key !== accountKey);
  const entries: Entry[] = [[accountKey, Math.floor(now / 1000) + maxAge] as Entry, ...others].slice(0, MAX_ACCOUNTS);
  const payload = Buffer.from(JSON.stringify(entries)).toString('base64url');
  return {
    name: KNOWN_DEVICE_COOKIE,
    value: `${payload}.${sign(payload)}`,
    options: { httpOnly: true, sameSite: 'lax', secure: authBaseUrl().startsWith('https:'), path: '/', maxAge },
  };
}

/** The cookie as a Set-Cookie header value (for route handlers, which answer with a Response). */
export function serializeCookie({ name, value, options }: CookieToSet): string {
  return [`${name}=${value}`, `Path=${options.path}`, `Max-Age=${options.maxAge}`, 'HttpOnly', 'SameSite=Lax', ...(options.secure ? ['Secure'] : [])].join('; ');
}
