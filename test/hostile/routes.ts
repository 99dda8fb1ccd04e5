import { stampPeer } from '@/lib/security/client-address';
import { pathFor, type DiscoveredRoute } from './discover';
import { encodeSegment } from './inputs';
import { fieldCandidates } from './probe';
import { ORIGIN } from './viewers';

/** Calling route handlers directly, as Next would, and searching for a body a write route accepts. */

// A documentation address: the unknown-token limiter counts the suite's bad tokens against it.
export const CLIENT = '198.51.100.77';

export type Params = Record<string, string | string[]>;

export interface Answer {
  status: number;
  body: string;
  contentType: string;
  threw?: unknown;
}

export async function callRoute(route: DiscoveredRoute, request: Request, params: Params): Promise<Answer> {
  try {
    const response = await route.handler(request, { params: Promise.resolve(params) });
    return { status: response.status, body: await response.text(), contentType: response.headers.get('content-type') ?? '' };
  } catch (error) {
    return { status: 0, body: '', contentType: '', threw: error };
  }
}

/** The URL of a route with these (decoded) params and query. */
export function urlFor(route: DiscoveredRoute, params: Params, query: [string, string][] = []): URL {
  const encoded = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, Array.isArray(value) ? value.map(encodeSegment) : encodeSegment(value)]));
  const url = new URL(`http://localhost:3000${pathFor(route.segments, encoded)}`);
  for (const [key, value] of query) url.searchParams.append(key, value);
  return url;
}

export function jsonRequest(route: DiscoveredRoute, params: Params, body: unknown, cookie: string): Request {
  return new Request(urlFor(route, params), {
    method: route.method,
    headers: stampPeer({ cookie, origin: ORIGIN, 'content-type': 'application/json' }, CLIENT),
    body: JSON.stringify(body),
  });
}

/** The fields a JSON refusal names (`details`, Brisk's API error shape). */
export function fieldsAtFault(answer: Answer): string[] {
  try {
    const details = (JSON.parse(answer.body) as { details?: unknown }).details;
    return details && typeof details === 'object' ? Object.keys(details) : [];
  } catch {
    return [];
  }
}

/** JSON values to try for a field: its form candidates, and those that read as numbers as numbers. */
async function jsonCandidates(field: string): Promise<(() => unknown)[]> {
  const candidates: (() => unknown)[] = [];
  for (const candidate of await fieldCandidates(field)) {
    candidates.push(candidate);
    const value = candidate();
    if (value.trim() !== '' && Number.isFinite(Number(value))) candidates.push(() => Number(value));
  }
  candidates.push(() => true);
  return candidates;
}

/** A request a write route accepted: its params and its body's fields (functions: unique values are new each time). */
export interface RouteBaseline {
  params: Params;
  fields: Record<string, () => unknown>;
}

const MAX_PROBES = 24;

/**
 * Looks for a JSON body the route accepts (a 2xx), as findBaseline does for forms: the body starts
 * empty; each field the refusal names (`details`) moves on to its next candidate; a 404 that names
 * no field moves on to the next id for the path's parameters; any other refusal ends the search.
 * Whatever it finds was written, before any property runs.
 */
export async function findRouteBaseline(route: DiscoveredRoute, cookie: string, ids: string[]): Promise<RouteBaseline | null> {
  if (route.segments.some((segment) => segment.kind === 'catchAll')) return null;
  const names = route.segments.flatMap((segment) => (segment.kind === 'dynamic' ? [segment.name] : []));
  const paramOptions: Params[] = names.length === 0 ? [{}] : ids.slice(0, 12).map((id) => Object.fromEntries(names.map((name) => [name, id])));
  const candidates = new Map<string, (() => unknown)[]>();
  let probes = 0;
  for (const params of paramOptions) {
    const cursor = new Map<string, number>();
    for (;;) {
      if (++probes > MAX_PROBES) return null;
      const chosen = Object.fromEntries([...cursor].map(([field, at]) => [field, candidates.get(field)![at]!]));
      const body = Object.fromEntries(Object.entries(chosen).map(([field, value]) => [field, value()]));
      const answer = await callRoute(route, jsonRequest(route, params, body, cookie), params);
      if (answer.status >= 200 && answer.status < 300) return { params, fields: chosen };
      const atFault = fieldsAtFault(answer);
      if (atFault.length === 0) {
        if (answer.status === 404) break;
        return null;
      }
      for (const field of atFault) {
        if (!candidates.has(field)) candidates.set(field, await jsonCandidates(field));
        const next = cursor.has(field) ? cursor.get(field)! + 1 : 1;
        if (next >= candidates.get(field)!.length) return null;
        cursor.set(field, next);
      }
    }
  }
  return null;
}
