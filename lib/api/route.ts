import type { z } from 'zod';
import { ApiError, notFoundResponse } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import type { Viewer } from '@/lib/auth/viewer';
import { withRoute } from '@/lib/metrics/request';

/**
 * The one wrapper of Brisk's JSON API routes (dub's withWorkspace, for Brisk): it measures the
 * request (statements, cache, Server-Timing), finds the viewer from an API token or the session,
 * answers 401 without one and 404 to a non-admin on an admin route, validates the query, turns
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

export function apiRoute<P extends Record<string, string> = Record<string, never>, Q extends z.ZodType = NoQuery>(
  route: string,
  options: ApiRouteOptions<Q>,
  handler: (context: ApiRouteContext<P, z.output<Q>>) => Promise<Response | object>,
) {
  return withRoute(route, async (request: Request, context?: { params: Promise<P> }): Promise<Response> => {
    if (options.available && !options.available()) return notFoundResponse();
    const viewer = await viewerFromRequest(request);
    if (!viewer) return unauthorized(request);
    if (options.access === 'admin' && viewer.role !== 'admin') return notFoundResponse();
    const query = options.query ? parseQuery(options.query, new URL(request.url).searchParams) : ({} as z.output<Q>);
    const params = ((await context?.params) ?? {}) as P;
    const result = await handler({ request, viewer, params, query });
    const response = result instanceof Response ? result : Response.json(result);
    if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'private, no-store');
    return response;
  });
}

/** The query string against its schema; throws ApiError 400 naming each field at fault. */
export function parseQuery<Q extends z.ZodType>(schema: Q, searchParams: URLSearchParams): z.output<Q> {
  const parsed = schema.safeParse(Object.fromEntries(searchParams));
  if (!parsed.success) throw new ApiError(400, 'Invalid query.', Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'query'), issue.message])));
  return parsed.data;
}
