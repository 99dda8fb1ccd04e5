import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_ROUTE_INFO, type ApiRouteInfo } from '@/lib/api/route';
import { configureInlineJobs } from '@/lib/jobs/inline';
import { stampPeer } from '@/lib/security/client-address';
import { databaseSnapshot, expectDatabaseUnchanged } from '@/test/db-snapshot';
import { discoverRoutes, pagePatterns, pathFor, routePatterns, type DiscoveredRoute, type Segment } from './discover';
import { encodeSegment, hostileHeaderValue, hostileNumber, hostileText, hostileValue, isNeverValidText, malformedJson, neverValidText, oddJson, scaryText, showValue } from './inputs';
import { ownedIds, sampleIds, WriteWatch } from './probe';
import { checkProperty, prototypeIntact } from './run';
import { createViewer, deleteUsersCreatedSince, ORIGIN, userIds, type TestViewer } from './viewers';

/**
 * Every route handler of app/api, found by globbing app/api/**\/route.ts, every exported HTTP
 * method called directly (as Next would, with params from the folder's [segments]) with hostile
 * path parameters, query strings, credentials and bodies. Each must answer below 500; a 4xx in
 * JSON with an `error` message; nothing written by a read (GET, HEAD, OPTIONS) or by a refusal.
 * A parameter no id can be (NUL, a lone surrogate, over 64 KiB), a request without a valid
 * credential to an apiRoute, and a body that is not JSON or is too large to be one must be refused.
 *
 * Malformed percent-encoding never reaches a handler (the proxy's gate answers first): that part
 * is checked against the gate for every route in test/hostile/paths.test.ts.
 */

// connection() marks a handler as per-request for Next's prerendering; outside Next's request it throws.
vi.mock('next/server', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/server')>()), connection: async () => {} }));

const routes = await discoverRoutes();

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
// A documentation address: the unknown-token limiter counts this suite's bad tokens against it.
const CLIENT = '198.51.100.77';
const BODY_LIMIT_PROBE = 1_100_000;

interface RouteUnderTest {
  route: DiscoveredRoute;
  info: ApiRouteInfo | undefined;
  /** Whether the handler reads a body (a write method's probe with a watched stream). */
  readsBody: boolean;
  /** Body fields a probe with `{}` was told are missing (the JSON error's details). */
  required: string[];
}

let user: TestViewer;
let admin: TestViewer;
let usersBefore: Set<string>;
let ids: string[] = [];
let restoreJobs: () => void;
const underTest: RouteUnderTest[] = routes.map((route) => ({ route, info: (route.handler as unknown as Record<symbol, ApiRouteInfo | undefined>)[API_ROUTE_INFO], readsBody: false, required: [] }));

type Credential = 'user' | 'admin' | 'none' | 'unknown token' | 'malformed authorization' | 'garbage cookie';

interface Case {
  credential: Credential;
  header: string;
  params: Record<string, string | string[]>;
  query: [string, string][];
  body: { contentType?: string; text: string; kind: 'malformed' | 'oversized' | 'odd' | 'fields' | 'form' } | null;
}

function credentialHeaders(credential: Credential, header: string): Record<string, string> {
  switch (credential) {
    case 'user':
      return { cookie: user.cookie };
    case 'admin':
      return { cookie: admin.cookie };
    case 'none':
      return {};
    case 'unknown token':
      return { authorization: `Bearer brisk_${Buffer.from(header.padEnd(32, 'x')).toString('base64url').slice(0, 43)}` };
    case 'malformed authorization':
      return { authorization: header };
    case 'garbage cookie':
      return { cookie: `better-auth.session_token=${header}; better-auth.session_data=${header}` };
  }
}

/**
 * Words for a catch-all's segments (a router behind it, like Better Auth's): every static segment
 * of Brisk's own routes and pages, and words common in API paths.
 */
const WORDS = [
  ...new Set([...routePatterns(), ...pagePatterns()].flatMap((p) => p.segments.flatMap((s) => (s.kind === 'static' ? [s.value] : [])))),
  ...['session', 'get-session', 'email', 'token', 'callback', 'list', 'update', 'delete', 'reset-password', 'verify-email', '..', '.'],
];

function paramArbitrary(segment: Segment, idPool: string[]): fc.Arbitrary<string | string[]> {
  if (segment.kind === 'catchAll') return fc.array(fc.oneof(hostileText, fc.constantFrom(...WORDS)), { minLength: segment.optional ? 0 : 1, maxLength: 3 });
  return fc.oneof(idPool.length > 0 ? fc.constantFrom(...idPool) : fc.uuid(), fc.uuid(), hostileText);
}

function caseArbitrary(target: RouteUnderTest): fc.Arbitrary<Case> {
  const { route, info, required } = target;
  const params = Object.fromEntries(route.segments.flatMap((s) => (s.kind === 'static' ? [] : [[s.name, paramArbitrary(s, ids)] as const])));
  const queryKey = fc.oneof(info && info.queryKeys.length > 0 ? fc.constantFrom(...info.queryKeys) : scaryText, fc.constantFrom('__proto__', 'constructor', 'prototype', '', '[]', 'a[b]'), scaryText);
  const queryValue = fc.oneof(hostileText, hostileNumber.map(String), fc.constantFrom('1e309', '-1', '0', 'NaN', 'EUR', 'wedding', ''));
  const bodyArbitrary: fc.Arbitrary<Case['body']> = READS.has(route.method)
    ? fc.constant(null)
    : fc.oneof(
        fc.constant(null),
        malformedJson.map((text) => ({ contentType: 'application/json', text, kind: 'malformed' as const })),
        oddJson.map((text) => ({ contentType: 'application/json', text, kind: 'odd' as const })),
        fc.integer({ min: BODY_LIMIT_PROBE, max: 2_500_000 }).map((n) => ({ contentType: 'application/json', text: JSON.stringify({ data: 'a'.repeat(n) }), kind: 'oversized' as const })),
        fc
          .dictionary(fc.oneof(required.length > 0 ? fc.constantFrom(...required) : scaryText, fc.constantFrom('__proto__', 'constructor')), fc.oneof(hostileValue, neverValidText), { minKeys: 1, maxKeys: 4 })
          .map((value) => ({ contentType: 'application/json', text: JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? 'null', kind: 'fields' as const })),
        fc
          .tuple(fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml'), scaryText)
          .map(([contentType, value]) => ({ contentType, text: `${required[0] ?? 'a'}=${encodeURIComponent(value.toWellFormed())}`, kind: 'form' as const })),
      );
  return fc.record({
    credential: fc.constantFrom<Credential>('user', 'user', 'admin', 'admin', 'none', 'unknown token', 'malformed authorization', 'garbage cookie'),
    header: hostileHeaderValue,
    params: fc.record(params),
    query: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }),
    body: bodyArbitrary,
  });
}

function requestFor(route: DiscoveredRoute, c: Case): Request {
  const encoded = Object.fromEntries(Object.entries(c.params).map(([name, value]) => [name, Array.isArray(value) ? value.map(encodeSegment) : encodeSegment(value)]));
  const url = new URL(`http://localhost:3000${pathFor(route.segments, encoded)}`);
  for (const [key, value] of c.query) url.searchParams.append(key, value);
  const headers = stampPeer({ origin: ORIGIN, ...credentialHeaders(c.credential, c.header), ...(c.body?.contentType ? { 'content-type': c.body.contentType } : {}) }, CLIENT);
  return new Request(url, { method: route.method, headers, ...(c.body ? { body: c.body.text } : {}) });
}

async function call(route: DiscoveredRoute, request: Request, params: Case['params']): Promise<{ status: number; body: string; contentType: string; threw?: unknown }> {
  try {
    const response = await route.handler(request, { params: Promise.resolve(params) });
    return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
  } catch (error) {
    return { status: 0, body: '', contentType: '', threw: error };
  }
}

/** Must this case be refused, whatever the route does with it? */
function mustRefuse(target: RouteUnderTest, c: Case): string | null {
  for (const value of Object.values(c.params).flat()) if (isNeverValidText(value)) return 'a path parameter no id can be';
  if (target.info && !['user', 'admin'].includes(c.credential)) return 'no valid credential';
  if (target.readsBody && c.body?.kind === 'malformed') return 'a body that is not JSON';
  if (target.readsBody && c.body?.kind === 'oversized') return `a body of over ${BODY_LIMIT_PROBE.toLocaleString('en')} bytes`;
  return null;
}

beforeAll(async () => {
  restoreJobs = configureInlineJobs({ maxAttempts: 1, backoffMs: 1 });
  usersBefore = await userIds();
  [user, admin] = [await createViewer('user'), await createViewer('admin')];
  ids = [...(await sampleIds()), ...(await ownedIds(user.id))];
  // Which write handlers read a body, and which fields an empty object lacks.
  for (const target of underTest) {
    if (READS.has(target.route.method)) continue;
    let read = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        read = true;
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
    const params = Object.fromEntries(target.route.segments.flatMap((s) => (s.kind === 'static' ? [] : [[s.name, s.kind === 'catchAll' ? ['probe'] : (ids[0] ?? 'probe')]])));
    const request = new Request(`http://localhost:3000${pathFor(target.route.segments, params)}`, {
      method: target.route.method,
      headers: stampPeer({ cookie: user.cookie, origin: ORIGIN, 'content-type': 'application/json' }, CLIENT),
      body,
      duplex: 'half',
    } as RequestInit);
    const answer = await call(target.route, request, params);
    target.readsBody = read;
    try {
      target.required = Object.keys((JSON.parse(answer.body) as { details?: Record<string, string> }).details ?? {});
    } catch {
      target.required = [];
    }
  }
}, 60_000);

afterAll(async () => {
  restoreJobs?.();
  await deleteUsersCreatedSince(usersBefore);
});

describe('route handlers answer hostile requests with a 4xx in JSON, never a 5xx, and write nothing when they refuse', () => {
  it('found the routes', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(underTest.filter((t) => t.info).length, 'routes made with apiRoute').toBeGreaterThan(0);
  });

  it.each(underTest.map((target) => [`${target.route.method} ${target.route.pattern}`, target] as const))('%s', async (_label, target) => {
    const { route } = target;
    // The watch lets background jobs of earlier tests finish first.
    const watch = await WriteWatch.start();
    const before = await databaseSnapshot();
    await checkProperty(
      caseArbitrary(target),
      async (c) => {
        const request = requestFor(route, c);
        const answer = await call(route, request, c.params);
        const changes = await watch.changes();
        const label = `${route.method} ${request.url.slice(0, 300)} as ${c.credential}${c.body ? ` with ${c.body.kind} body ${showValue(c.body.text)}` : ''} (params ${showValue(c.params)})`;
        expect(answer.threw, `${label} threw`).toBeUndefined();
        expect(answer.status, `${label} answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBeLessThan(500);
        const refusal = mustRefuse(target, c);
        if (refusal) expect(answer.status, `${label} must be refused (${refusal}), answered ${answer.status}: ${answer.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        if (answer.status >= 400) {
          expect(answer.contentType, `${label} answered ${answer.status} without JSON: ${answer.body.slice(0, 200)}`).toMatch(/^application\/json/);
          // Brisk's shape is { error }; Better Auth's own endpoints answer { message, code }.
          const { error, message } = JSON.parse(answer.body) as { error?: unknown; message?: unknown };
          const text = typeof error === 'string' ? error : message;
          expect(typeof text === 'string' && text.length > 0, `${label} answered ${answer.status} without an error message: ${answer.body.slice(0, 200)}`).toBe(true);
        }
        if (READS.has(route.method) || answer.status >= 400) expect(changes, `${label} wrote`).toEqual([]);
        expect(prototypeIntact()).toBe(true);
      },
      40,
    );
    if (READS.has(route.method)) await expectDatabaseUnchanged(before, `${route.method} ${route.pattern} wrote`);
  });
});
