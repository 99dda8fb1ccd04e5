import { apiError } from '@/lib/api-errors';
import { recordTokenUse } from '@/lib/api-tokens/mutations';
import { getTokenOwner } from '@/lib/api-tokens/queries';
import { bearerCredential } from '@/lib/api-tokens/secret';
import { auth, sessionFromRequestCookies } from './auth';
import type { Viewer } from './viewer';

/**
 * The viewer of an API request, or null: the owner of the API token in `Authorization: Bearer`
 * when the request sends one (a bad token is never overridden by a session cookie), else the
 * signed-in user of the session cookie.
 */
export async function viewerFromRequest(request: Request): Promise<Viewer | null> {
  const credential = bearerCredential(request.headers);
  if (credential.kind === 'malformed') return null;
  if (credential.kind === 'token') {
    const owner = await getTokenOwner(credential.secret);
    if (!owner) return null;
    await recordTokenUse(owner.tokenId);
    return owner.viewer;
  }
  return sessionViewerFromRequest(request);
}

/** The signed-in user of a request's session cookie, or null. Pages know no other credential. */
export async function sessionViewerFromRequest(request: Request): Promise<Viewer | null> {
  const fast = await sessionFromRequestCookies(request.headers.get('cookie'));
  if (fast) return fast.viewer;
  const session = await auth.api.getSession({ headers: request.headers });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: role === 'admin' ? 'admin' : 'user' };
}

/** The 401 of a request without a valid viewer, saying which credential failed (RFC 6750 for tokens). */
export function unauthorized(request: Request): Response {
  const credential = bearerCredential(request.headers);
  if (credential.kind === 'malformed') {
    return apiError(401, 'The Authorization header must be "Bearer" followed by a Brisk API token (brisk_…).', undefined, {
      'WWW-Authenticate': 'Bearer error="invalid_request"',
    });
  }
  if (credential.kind === 'token') {
    return apiError(401, 'This API token is not valid: it is unknown, revoked or expired.', undefined, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
  }
  return apiError(401, 'Sign in first, or send an API token (Authorization: Bearer brisk_…).', undefined, { 'WWW-Authenticate': 'Bearer' });
}
