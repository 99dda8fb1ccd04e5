import { ApiError, type ApiErrorStatus } from '@/lib/api-errors';
import type { MutationResult } from '@/lib/validation';

/*
 * The Sponsors API's writes: a JSON body in, a MutationResult out as the JSON every route answers
 * (lib/api-errors.ts): 400 with the fields at fault, 403, 404, 409 or 503 with the message.
 */

const STATUS: Record<Exclude<MutationResult, { ok: true }>['code'], ApiErrorStatus> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** The request's JSON object body; anything else is a 400. */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ApiError(400, 'The body must be JSON (Content-Type: application/json).');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ApiError(400, 'The body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** A mutation's result as the API's answer: its value (status 200 or 201), or the error it explains. */
export function answer<T>(result: MutationResult<T>, status: 200 | 201 = 200): Response {
  if (!result.ok) {
    const details = Object.keys(result.fieldErrors).length > 0 ? result.fieldErrors : undefined;
    throw new ApiError(STATUS[result.code], result.message, details);
  }
  return Response.json(result.value ?? { ok: true }, { status });
}

/** Form and API values alike arrive as strings; numbers in a JSON body are accepted too. */
export const asFields = (body: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.filter((field) => body[field] !== undefined).map((field) => [field, typeof body[field] === 'number' ? String(body[field]) : body[field]]));

/** The viewer's access to a sponsor, or a 404 (the same for a sponsor they may not see as for none). */
export async function sponsorOr404(viewer: { id: string; role: 'user' | 'admin' }, sponsorId: string) {
  const { getSponsorAccess } = await import('./queries');
  const access = await getSponsorAccess(viewer, sponsorId);
  if (!access) throw new ApiError(404, 'Not found.');
  return access;
}

/** The analytics range of a request, or a 400 naming the fields at fault. */
export async function rangeOr400(query: { from?: string; to?: string; bucket?: string }) {
  const { dayString, parseAnalyticsRange } = await import('./schemas');
  const parsed = parseAnalyticsRange(query, dayString(new Date()));
  if (!parsed.ok) throw new ApiError(400, 'Invalid query.', parsed.errors);
  return parsed.range;
}
