import { describe, expect, it } from 'vitest';
import { withJsonError } from './api-errors';

describe('withJsonError', () => {
  it("gives a bare refusal the API's JSON error shape, keeping its status and headers", async () => {
    const response = withJsonError(new Response(null, { status: 404, headers: { 'x-kept': '1' } }));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('x-kept')).toBe('1');
    expect(await response.json()).toEqual({ error: 'Not found.' });
    expect(await withJsonError(new Response('nope', { status: 418 })).json()).toEqual({ error: 'Request refused.' });
  });

  it('passes successes, JSON refusals and server errors as they are', async () => {
    for (const original of [new Response('ok'), Response.json({ error: 'Wrong e-mail or password.' }, { status: 401 }), new Response('down', { status: 503 })]) {
      expect(withJsonError(original)).toBe(original);
    }
  });
});
