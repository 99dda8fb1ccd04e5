import { ApiError, type ApiErrorStatus } from '@/lib/api-errors';
import type { MutationResult } from '@/lib/validation';
import { bodyOverLimit, readBodyWithin } from './body-limit';

/**
 * Request bodies and write results of the JSON API, for route handlers under apiRoute.
 *
 * readJsonBody reads at most `maxBytes`: a larger Content-Length is refused before anything is
 * read, and a body that grows past it while streaming is cut off (413 either way); anything but
 * a JSON object is a 400.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const tooLarge = () => new ApiError(413, `The request body is larger than ${Math.round(maxBytes / 1024).toLocaleString('en')} kB.`);
  if (bodyOverLimit(request, maxBytes)) throw tooLarge();
  if (!request.body) throw new ApiError(400, 'Send a JSON object in the request body.');
  const bytes = await readBodyWithin(request, maxBytes);
  if (!bytes) throw tooLarge();
  const text = new TextDecoder().decode(bytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'The request body is not valid JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'Send a JSON object in the request body.');
  return body;
}

const FAILURE_STATUS: Record<Extract<MutationResult, { ok: false }>['code'], ApiErrorStatus> = {
  invalid: 400,
  not_found: 404,
  // A conflict with the current state (a handle taken, a gift already reserved): the request was understood.
  conflict: 422,
  forbidden: 403,
  unavailable: 503,
};

/**
 * A write's result as the API answers it: its value (with `status`, 200 by default) or the JSON
 * error of its failure, with the fields at fault. `statusOf` overrides the status of a failure.
 */
export function resultResponse<T>(result: MutationResult<T>, status = 200, statusOf: Partial<typeof FAILURE_STATUS> = {}): Response {
  if (result.ok) return Response.json(result.value ?? { ok: true }, { status });
  const details = Object.keys(result.fieldErrors).length > 0 ? result.fieldErrors : undefined;
  throw new ApiError(statusOf[result.code] ?? FAILURE_STATUS[result.code], result.message, details);
}
