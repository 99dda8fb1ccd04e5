import { notFoundResponse } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import type { Viewer } from '@/lib/auth/viewer';

/**
 * The admin of an ops API request, or the response to send instead: 401 to the signed-out (as
 * every /api/v1 route), 404 to everyone else, so that the route does not confirm it exists.
 */
export async function adminFromRequest(request: Request): Promise<{ admin: Viewer } | { response: Response }> {
  const viewer = await viewerFromRequest(request);
  if (!viewer) return { response: unauthorized(request) };
  if (viewer.role !== 'admin') return { response: notFoundResponse() };
  return { admin: viewer };
}
