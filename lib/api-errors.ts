/** JSON errors of the API, one shape everywhere: { error } (and the fields at fault, if any). */
export type ApiErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503;

export function apiError(status: ApiErrorStatus, error: string, details?: Record<string, string>, headers?: Record<string, string>): Response {
  return Response.json(details ? { error, details } : { error }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export const notFoundResponse = () => apiError(404, 'Not found.');

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
