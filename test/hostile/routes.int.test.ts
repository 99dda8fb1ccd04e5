import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError } from '@/lib/api-errors';
import { API_ROUTE_INFO, apiRoute, type ApiRouteInfo } from '@/lib/api/route';
import { configureInlineJobs } from '@/lib/jobs/inline';
import { stampPeer } from '@/lib/security/client-address';
import { databaseSnapshot, expectDatabaseUnchanged } from '@/test/db-snapshot';
import { discoverRoutes, pagePatterns, pathFor, routePatterns, type DiscoveredRoute, type Segment } from './discover';
import { hostileHeaderValue, hostileNumber, hostileText, hostileValue, isNeverValidText, malformedJson, neverValidText, oddJson, scaryText, showValue } from './inputs';
import { ownedIds, sampleIds, WriteWatch } from './probe';
import { callRoute, CLIENT, fieldsAtFault, findRouteBaseline, urlFor, type Params, type RouteBaseline } from './routes';
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
const BODY_LIMIT_PROBE = 1_100_000;

interface RouteUnderTest {
  route: DiscoveredRoute;
  info: ApiRouteInfo | undefined;
  /** Whether the handler reads a body (a write method's probe with a watched stream). */
  readsBody: boolean;
  /** Body fields a probe with `{}` was told are missing (the JSON error's details). */
  required: string[];
  /** A request it accepted (write routes that read a JSON body), whose fields are attacked one at a time. */
  baseline: RouteBaseline | null;
}

let user: TestViewer;
let admin: TestViewer;
let usersBefore: Set<string>;
let ids: string[] = [];
let restoreJobs: () => void;
const underTest: RouteUnderTest[] = routes.map((route) => ({ route, info: (route.handler as unknown as Record<symbol, ApiRouteInfo | undefined>)[API_ROUTE_INFO], readsBody: false, required: [], baseline: null }));

type Credential = 'user' | 'admin' | 'none' | 'unknown token' | 'malformed authorization' | 'garbage cookie';

interface Case {
  credential: Credential;
  header: string;
  params: Params;
  query: [string, string][];
  /** `never valid`: an accepted body with one field no input may hold. */
  body: { contentType?: string; text: string; kind: 'malformed' | 'oversized' | 'odd' | 'fields' | 'form' | 'scary' | 'never valid' } | null;
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

/** An accepted body with one field replaced: scary (accepted or refused) or never valid (refused). */
function baselineBody(baseline: RouteBaseline): fc.Arbitrary<NonNullable<Case['body']>> {
  const fields = Object.keys(baseline.fields);
  return fc
    .record({ field: fc.constantFrom(...fields), value: fc.oneof(scaryText, neverValidText, hostileNumber, hostileValue) })
    .map(({ field, value }) => {
      const body = Object.fromEntries(fields.map((name) => [name, baseline.fields[name]!()]));
      body[field] = value;
      const text = JSON.stringify(body, (_key, inner: unknown) => (typeof inner === 'bigint' ? String(inner) : inner));
      const kind = typeof value === 'string' && isNeverValidText(value) ? ('never valid' as const) : ('scary' as const);
      return { contentType: 'application/json', text, kind };
    });
}

function caseArbitrary(target: RouteUnderTest): fc.Arbitrary<Case> {
  const { route, info, required, baseline } = target;
  if (baseline && Object.keys(baseline.fields).length > 0) {
    const accepted = fc.record({
      credential: fc.constant<Credential>('user'),
      header: fc.constant(''),
      params: fc.constant(baseline.params),
      query: fc.constant<[string, string][]>([]),
      body: baselineBody(baseline),
    });
    return fc.oneof(accepted, hostileCase(target, route, info, required));
  }
  return hostileCase(target, route, info, required);
}

function hostileCase(target: RouteUnderTest, route: DiscoveredRoute, info: ApiRouteInfo | undefined, required: string[]): fc.Arbitrary<Case> {
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
  const url = urlFor(route, c.params, c.query);
  const headers = stampPeer({ origin: ORIGIN, ...credentialHeaders(c.credential, c.header), ...(c.body?.contentType ? { 'content-type': c.body.contentType } : {}) }, CLIENT);
  return new Request(url, { method: route.method, headers, ...(c.body ? { body: c.body.text } : {}) });
}


/** Must this case be refused, whatever the route does with it? */
function mustRefuse(target: RouteUnderTest, c: Case): string | null {
  // apiRoute handlers are given the parameters as they are; the others (Better Auth's router)
  // read only the URL, where a lone surrogate arrives as U+FFFD, a character like any other.
  const seen = Object.values(c.params).flat().map((value) => (target.info ? value : value.toWellFormed()));
  if (seen.some(isNeverValidText)) return 'a path parameter no id can be';
  if (target.info && !['user', 'admin'].includes(c.credential)) return 'no valid credential';
  if (target.readsBody && c.body?.kind === 'malformed') return 'a body that is not JSON';
  if (target.readsBody && c.body?.kind === 'oversized') return `a body of over ${BODY_LIMIT_PROBE.toLocaleString('en')} bytes`;
  if (c.body?.kind === 'never valid') return 'a field no input may hold';
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
    const answer = await callRoute(target.route, request, params);
    target.readsBody = read;
    target.required = fieldsAtFault(answer);
  }
  // What one route creates (a channel) is what another needs (its posts): searched twice.
  for (let pass = 0; pass < 2; pass++) {
    const pool = [...(await ownedIds(user.id)), ...ids];
    for (const target of underTest) {
      if (target.readsBody && !target.baseline && target.required.length > 0) target.baseline = await findRouteBaseline(target.route, user.cookie, pool);
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
        const answer = await callRoute(route, request, c.params);
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

describe('the harness', () => {
  it('finds the JSON body a write route accepts from its refusals, field by field', async () => {
    // A write route as modules write them (Brisk's { error, details } refusals); it writes nothing.
    const schema = z.object({ title: z.string().trim().min(1), count: z.number().int().positive(), visibility: z.enum(['public', 'private']), note: z.string().optional() });
    const handler = apiRoute('/api/test/hostile', { access: 'viewer' }, async ({ request }) => {
      const parsed = schema.safeParse(await request.json());
      if (!parsed.success) throw new ApiError(400, 'Invalid.', Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message])));
      return Response.json({ ok: true }, { status: 201 });
    });
    const route: DiscoveredRoute = { file: 'test', pattern: '/api/test/hostile', segments: ['api', 'test', 'hostile'].map((value) => ({ kind: 'static', value })), method: 'POST', handler: handler as unknown as DiscoveredRoute['handler'] };
    const baseline = await findRouteBaseline(route, user.cookie, []);
    expect(baseline).not.toBeNull();
    const body = Object.fromEntries(Object.entries(baseline!.fields).map(([field, value]) => [field, value()]));
    expect(Object.keys(body).sort()).toEqual(['count', 'title', 'visibility']);
    expect(schema.safeParse(body).success).toBe(true);
  });
});
