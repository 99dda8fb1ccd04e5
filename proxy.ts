import { getSessionCookie } from 'better-auth/cookies';
import { NextResponse, type NextRequest } from 'next/server';

// Pages anyone may open. API routes answer for themselves (JSON 401/404, never a redirect).
const PUBLIC_PAGES = new Set(['/sign-in', '/sign-up']);
const ADMIN_PAGES = ['/ops'];

/**
 * Sends signed-out visitors of app pages to sign-in, and back afterwards. The cookie check is
 * optimistic (no database read); pages validate the session again. Admin pages are checked in
 * full here, because a 404 status must be decided before a streamed page starts.
 */
export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.startsWith('/api/') || PUBLIC_PAGES.has(pathname)) return NextResponse.next();

  if (!getSessionCookie(request)) {
    const signIn = new URL('/sign-in', request.url);
    if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
    return NextResponse.redirect(signIn);
  }

  if (ADMIN_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`))) {
    // Loaded lazily so that ordinary page requests never load the auth stack here.
    const { auth } = await import('@/lib/auth/auth');
    const session = await auth.api.getSession({ headers: request.headers });
    if (session?.user.role !== 'admin') {
      return NextResponse.rewrite(new URL('/not-found-page', request.url), { status: 404 });
    }
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|txt|xml|woff2?)$).*)'],
};
