/**
 * A stand-in for the request a server action runs in, for tests that call actions directly:
 * `vi.mock('next/headers', () => import('@/test/hostile/next-request').then((m) => m.nextHeaders))`
 * makes `headers()` and `cookies()` answer from the headers set with `actAs()` (a real session
 * cookie from test/sessions.ts, an Origin).
 */
let current = new Headers();

/** The request headers the next action sees. */
export function actAs(headers: HeadersInit): void {
  current = new Headers(headers);
}

function cookieStore(headers: Headers) {
  const jar = new Map<string, string>();
  for (const pair of (headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return {
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    // What an action sets goes nowhere: the test's session is its own cookie header.
    set: () => {},
    delete: () => {},
    toString: () => headers.get('cookie') ?? '',
  };
}

export const nextHeaders = {
  headers: async () => current,
  cookies: async () => cookieStore(current),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};
