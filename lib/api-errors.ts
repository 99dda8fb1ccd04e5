/** JSON errors of the API, one shape everywhere: { error } (and the fields at fault, if any). */
export function apiError(status: 400 | 401 | 403 | 404 | 422 | 500 | 503, error: string, details?: Record<string, string>, headers?: Record<string, string>): Response {
  return Response.json(details ? { error, details } : { error }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

export const notFoundResponse = () => apiError(404, 'Not found.');
