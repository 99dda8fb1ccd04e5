/** JSON errors of the API, one shape everywhere: { error } (and the fields at fault, if any). */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export function apiError(status: ApiErrorStatus, error: string, details?: Record<string, string>, headers?: Record<string, string>): Response {
  return Response.json(details ? { error, details } : { error }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export const notFoundResponse = () => apiError(404, 'Not found.');

const REASONS: Record<number, string> = { 400: 'Bad request.', 401: 'Sign in first.', 403: 'Forbidden.', 404: 'Not found.', 405: 'Method not allowed.', 413: 'The request body is too large.', 415: 'Unsupported content type.', 429: 'Too many requests.' };

/**
 * A refusal of a handler Brisk does not write (Better Auth's router answers an unknown endpoint
 * with a bare 404) in the API's one error shape: `{ error }` in JSON, same status and headers.
 * Anything else passes as it is.
 */
export function withJsonError(response: Response): Response {
  if (response.status < 400 || response.status >= 500 || /json/i.test(response.headers.get('content-type') ?? '')) return response;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify({ error: REASONS[response.status] ?? 'Request refused.' }), { status: response.status, headers });
}

/**
 * An API answer other than success, thrown from anywhere in a route handler (the route wrapper
 * turns it into the JSON error): a bad query, a missing record.
 */
export class ApiError extends Error {
  constructor(
    public readonly status: ApiErrorStatus,
    message: string,
    public readonly details?: Record<string, string>,
    public readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toResponse(): Response {
    return apiError(this.status, this.message, this.details, this.headers);
  }
}
