import { describe, expect, it } from 'vitest';
import { stampPeer } from './client-address';
import { isCrossSiteWrite } from './origin';

/** The app runs at http://localhost:3000 here (BETTER_AUTH_URL unset, PORT 3000). */
const post = (path: string, headers: Record<string, string>, peer = '198.51.100.7') =>
  new Request(`http://localhost:3000${path}`, { method: 'POST', headers: stampPeer({ host: 'localhost:3000', 'next-action': 'abc123', ...headers }, peer) });

describe('isCrossSiteWrite', () => {
  it('lets same-origin server actions through, and requests without Origin', () => {
    expect(isCrossSiteWrite(post('/wishlists', { origin: 'http://localhost:3000' }))).toBe(false);
    expect(isCrossSiteWrite(post('/wishlists', {}))).toBe(false);
    // Reached under another name (the Host header) from a page of that same name.
    expect(isCrossSiteWrite(post('/wishlists', { origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000' }))).toBe(false);
  });

  it('refuses another origin, a null origin and a non-web scheme', () => {
    expect(isCrossSiteWrite(post('/wishlists', { origin: 'http://evil.test' }))).toBe(true);
    expect(isCrossSiteWrite(post('/sign-in', { origin: 'null' }))).toBe(true);
    expect(isCrossSiteWrite(post('/', { origin: 'http://localhost:3000.evil.test' }))).toBe(true);
    expect(isCrossSiteWrite(post('/', { origin: 'chrome-extension://localhost:3000' }))).toBe(true);
  });

  it('does not let a client’s X-Forwarded-Host vouch for a foreign origin', () => {
    expect(isCrossSiteWrite(post('/wishlists', { origin: 'http://evil.test', 'x-forwarded-host': 'evil.test' }))).toBe(true);
  });

  it('leaves safe methods and the API alone', () => {
    expect(isCrossSiteWrite(new Request('http://localhost:3000/wishlists', { headers: { origin: 'http://evil.test' } }))).toBe(false);
    expect(isCrossSiteWrite(post('/api/auth/sign-in/email', { origin: 'http://evil.test' }))).toBe(false);
  });
});
