import { describe, expect, it } from 'vitest';
import { asRouteHandlerRequest } from '@/test/routes';
import { withinBodyLimit } from './body-limit';

const post = (body: BodyInit | null, headers: Record<string, string> = {}) => new Request('http://localhost:3000/api/auth/sign-in/email', { method: 'POST', body, headers });

describe('withinBodyLimit', () => {
  it('answers 413 in JSON to a body over the limit, declared or streamed', async () => {
    for (const request of [post('x'.repeat(101)), post('x', { 'content-length': '101' })]) {
      const refused = await withinBodyLimit(request, 100);
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(413);
      expect(await (refused as Response).json()).toEqual({ error: 'The request body is larger than 100 bytes.' });
    }
  });

  it('passes a body within the limit on, whole, with the rest of the request', async () => {
    const passed = await withinBodyLimit(post('{"email":"ada@brisk.test"}', { 'content-type': 'application/json' }), 100);
    expect(passed).toBeInstanceOf(Request);
    expect((passed as Request).headers.get('content-type')).toBe('application/json');
    expect(await (passed as Request).json()).toEqual({ email: 'ada@brisk.test' });
    // As Next hands it to the route (a Proxy): the copy is built from its public parts.
    const proxied = await withinBodyLimit(asRouteHandlerRequest(post('{"a":1}', { 'content-type': 'application/json' })), 100);
    expect(await (proxied as Request).json()).toEqual({ a: 1 });
    const bodiless = new Request('http://localhost:3000/api/auth/get-session');
    expect(await withinBodyLimit(bodiless, 100)).toBe(bodiless);
  });
});
