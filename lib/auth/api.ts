import { auth } from './auth';
import type { Viewer } from './viewer';

/** The viewer of an API request (session cookie), or null. */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const session = await auth.api.getSession({ headers: request.headers });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: role === 'admin' ? 'admin' : 'user' };
}

/** JSON errors of the API, one shape everywhere: { error }. */
export function apiError(status: 400 | 401 | 403 | 404 | 422 | 500 | 503, error: string, details?: Record<string, string>): Response {
  return Response.json(details ? { error, details } : { error }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export const unauthorized = () => apiError(401, 'Sign in first.');
export const notFoundResponse = () => apiError(404, 'Not found.');
