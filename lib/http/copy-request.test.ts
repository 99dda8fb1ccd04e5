import { describe, expect, it } from 'vitest';
import { asRouteHandlerRequest } from '@/test/routes';
import { copyRequest } from './copy-request';

describe('copyRequest', () => {
  it('copies a proxied request: URL, method, headers and body, with the init over them', async () => {
    const original = new Request('http://localhost:3000/api/auth/sign-in/email?x=1', {
      method: 'POST',
      body: '{"email":"ada@brisk.test"}',
      headers: { 'content-type': 'application/json', 'x-kept': 'yes' },
    });
    const copy = copyRequest(asRouteHandlerRequest(original), { headers: { 'content-type': 'application/json' } });
    expect(copy.url).toBe('http://localhost:3000/api/auth/sign-in/email?x=1');
    expect(copy.method).toBe('POST');
    expect(copy.headers.get('x-kept')).toBeNull();
    expect(await copy.json()).toEqual({ email: 'ada@brisk.test' });

    const kept = copyRequest(asRouteHandlerRequest(new Request('http://localhost:3000/api/auth/get-session', { headers: { cookie: 'a=b' } })));
    expect(kept.method).toBe('GET');
    expect(kept.headers.get('cookie')).toBe('a=b');
    expect(kept.body).toBeNull();
  });

  it('follows the original request when its client goes away', () => {
    const controller = new AbortController();
    const copy = copyRequest(asRouteHandlerRequest(new Request('http://localhost:3000/api/auth/get-session', { signal: controller.signal })));
    controller.abort();
    expect(copy.signal.aborted).toBe(true);
  });
});
