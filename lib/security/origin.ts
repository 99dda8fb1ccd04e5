import { authBaseUrl } from '@/lib/auth/config';
import { requestedHost } from './client-address';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a state-changing request to a page (a server action: `Next-Action` header, or a
 * no-JavaScript form post) comes from another site. Browsers send Origin with every cross-origin
 * POST; it must be the app's public origin (BETTER_AUTH_URL) or name the host the request was
 * sent to: the Host header, or X-Forwarded-Host only from a trusted proxy (client-address.ts).
 * Next.js compares Origin with X-Forwarded-Host whoever sent it, and answers a mismatch with a
 * 500 and an error in the log; this check runs first, in the proxy. A request without Origin is
 * not a browser's cross-site request (Next lets it through too). API routes answer for
 * themselves (Better Auth checks its own origins; /api/v1 takes tokens or cookies on GET).
 */
export function isCrossSiteWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (new URL(request.url).pathname.startsWith('/api/')) return false;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  return !originAllowed(origin, request.headers);
}

export function originAllowed(origin: string, headers: Headers): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, privacy redirects) and anything unparsable
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.origin === new URL(authBaseUrl()).origin) return true;
  const host = requestedHost(headers);
  return host !== null && parsed.host.toLowerCase() === host;
}
