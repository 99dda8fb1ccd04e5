import type { z } from 'zod';
import { ApiError, apiError, notFoundResponse } from '@/lib/api-errors';
import { bearerCredential, hashSecret } from '@/lib/api-tokens/secret';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import type { Viewer } from '@/lib/auth/viewer';
import { withRoute } from '@/lib/metrics/request';
import { clientAddress } from '@/lib/security/client-address';
import { consumeTokenRequest, countUnknownToken, unknownTokensRefused } from './rate-limit';

/**
 * The one wrapper of Brisk's JSON API routes (dub's withWorkspace, for Brisk): it measures the
 * request (statements, cache, Server-Timing), finds the viewer from an API token or the session,
 * answers 401 without one and 404 to a non-admin on an admin route, limits each API token's
 * requests and each client's unknown tokens (429 with Retry-After, ./rate-limit.ts), validates the query, turns
 * an ApiError or a failure into the JSON error every route answers, and marks every answer
 * `private, no-store` (it depends on who asks). A handler returns data (sent as JSON) or a
 * Response.
 */
export type RouteAccess = 'viewer' | 'admin';

export interface ApiRouteContext<P, Q> {
  request: Request;
  viewer: Viewer;
  params: P;
  query: Q;
}

export interface ApiRouteOptions<Q extends z.ZodType> {
  /** Who may call it: any signed-in viewer or token owner, or admins only (404 to others). */
  access: RouteAccess;
  /** The query string's schema: a mismatch answers 400 with the fields at fault. */
  query?: Q;
  /** Whether the route exists at all right now (the benchmark's routes: bench mode only); else 404 before anything else. */
  available?: () => boolean;
}

type NoQuery = z.ZodType<Record<string, never>>;

/**
 * What a handler made by apiRoute says about itself, under this symbol: its route, who may call
 * it and the names its query schema knows (the hostile-input suite attacks those parameters).
 */
export const API_ROUTE_INFO = Symbol.for('brisk.apiRoute');

export interface ApiRouteInfo {
  route: string;
  access: RouteAccess;
  queryKeys: string[];
}

function queryKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

export function apiRoute<P extends Record<string, string> = Record<string, never>, Q extends z.ZodType = NoQuery>(
  route: string,
  options: ApiRouteOptions<Q>,
  handler: (context: ApiRouteContext<P, z.output<Q>>) => Promise<Response | object>,
) {
  const info: ApiRouteInfo = { route, access: options.access, queryKeys: queryKeys(options.query) };
  const routeHandler = withRoute(route, async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    if (options.available && !options.available()) return notFoundResponse();
    const credential = bearerCredential(request.headers);
    // A client that keeps sending unknown tokens is refused before its next one is looked up.
    const client = clientAddress(request.headers) ?? 'unknown';
    if (credential.kind === 'token') {
      const refused = await unknownTokensRefused(client);
      if (refused) return tooManyRequests('Too many requests with unknown API tokens from this address', refused.retryAfterSeconds);
    }
    const viewer = await viewerFromRequest(request);
    if (!viewer) {
      if (credential.kind === 'token') await countUnknownToken(client);
      return unauthorized(request);
    }
    if (credential.kind === 'token') {
      const refused = await consumeTokenRequest(hashSecret(credential.secret));
      if (refused) return tooManyRequests('This API token has made too many requests', refused.retryAfterSeconds);
    }
    if (options.access === 'admin' && viewer.role !== 'admin') return notFoundResponse();
    const query = options.query ? parseQuery(options.query, new URL(request.url).searchParams) : ({} as z.output<Q>);
    // Next passes every route handler its params, a static route's as {}.
    const params = await context.params;
    const result = await handler({ request, viewer, params, query });
    const response = result instanceof Response ? result : Response.json(result);
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
    return response;
  });
  return Object.assign(routeHandler, { [API_ROUTE_INFO]: info });
}

function tooManyRequests(reason: string, retryAfterSeconds: number): Response {
  return apiError(429, `${reason}: try again in ${retryAfterSeconds} s.`, undefined, { 'Retry-After': String(retryAfterSeconds) });
}

/** The query string against its schema; throws ApiError 400 naming each field at fault. */
export function parseQuery<Q extends z.ZodType>(schema: Q, searchParams: URLSearchParams): z.output<Q> {
  const parsed = schema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) throw new ApiError(400, 'Invalid query.', Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'query'), issue.message])));
  return parsed.data;
}
