import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';
import { isBenchMode } from '@/lib/bench-mode';
import { REQUEST_START_HEADER } from '@/lib/metrics/request-start';
import { securityGate } from '@/lib/security/gate';
import { modules } from '@/modules';

// Pages anyone may open, from the modules' manifests. API routes answer for themselves (JSON
// 401/404, never a redirect).
const PUBLIC_PATHS = modules.flatMap((module) => module.publicPaths ?? []);

/**
 * Pages whose very existence depends on the viewer, from the modules' manifests. A streamed
 * page has sent its 200 before its data is read, so these are checked here, in full, to answer
 * a real 404 (an admin page to non-admins, a list to those who may not see it).
 */
const GUARDS = modules.flatMap((module) => module.guards ?? []);

/**
 * Sends signed-out visitors of app pages to sign-in, and back afterwards. The cookie check is
 * optimistic (no database read); pages validate the session again.
 */
export async function proxy(request: NextRequest) {
  // Malformed paths (400) and cross-site server actions (403), before anything else.
  const refused = securityGate(request);
  if (refused) return refused;
  const { pathname, search } = request.nextUrl;
  // The page's metrics measure from here (lib/metrics/next.ts); a client cannot set it for us.
  const headers = new Headers(request.headers);
  headers.set(REQUEST_START_HEADER, String(Date.now()));
  const pass = () => NextResponse.next({ request: { headers } });
  if (pathname.startsWith('/api/') || PUBLIC_PATHS.some((pattern) => pattern.test(pathname))) return pass();
  // The benchmark's naive baselines (app/(app)/bench, npm run bench) exist only on a server
  // started with BRISK_BENCH=1 (read per request): a real 404 everywhere else.
  if ((pathname === '/bench' || pathname.startsWith('/bench/')) && !isBenchMode()) {
    return NextResponse.rewrite(new URL('/not-found-page', request.url), { status: 404 });
  }

  if (!getSessionCookie(request)) {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  for (const guard of GUARDS) {
    const match = guard.pattern.exec(pathname);
    if (!match) continue;
    // Loaded lazily so that ordinary page requests never load the auth stack here.
    const { sessionViewerFromRequest } = await import('@/lib/auth/api');
    const viewer = await sessionViewerFromRequest(request);
    if (!viewer) return NextResponse.redirect(new URL(`/sign-in?next=${encodeURIComponent(pathname)}`, request.url));
    // Measured like a request of its own, so its statements show in the ops console.
    const { measure } = await import('@/lib/metrics/request');
    let allowed: boolean;
    try {
      ({ result: allowed } = await measure(`proxy:${guard.route}`, 'route', () => guard.allows(viewer, match)));
    } catch (error) {
      // The database cannot be reached: a clear page that says so, and when to try again.
      const { isDatabaseUnavailable } = await import('@/lib/db/errors');
      if (!isDatabaseUnavailable(error)) throw error;
      const { databaseUnavailableHeaders, databaseUnavailableHtml, noteDatabaseUnavailable } = await import('@/lib/db/health');
      noteDatabaseUnavailable();
      return new NextResponse(databaseUnavailableHtml(), { status: 503, headers: databaseUnavailableHeaders() });
    }
    if (!allowed) return NextResponse.rewrite(new URL('/not-found-page', request.url), { status: 404 });
  }
  return pass();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|woff2?)$).*)'],
};
