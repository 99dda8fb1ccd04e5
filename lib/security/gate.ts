import { NextResponse } from 'next/server';
import { apiError } from '@/lib/api-errors';
import { isCrossSiteWrite } from './origin';
import { pathDecodes } from './url';

/**
 * What the proxy refuses before anything else runs (proxy.ts calls this first): a path that is
 * not valid percent-encoding (400 in JSON on the API; pages get the not-found page, a 404: it
 * names no page) and a
 * cross-site write to a page, i.e. a forged server action (403, nothing logged). Null: go on.
 */
export function securityGate(request: Request): Response | null {
  const url = new URL(request.url);
  if (!pathDecodes(url.pathname)) {
    if (url.pathname.startsWith('/api/')) return apiError(400, 'Malformed URL: a path segment is not valid percent-encoding.');
    return NextResponse.rewrite(new URL('/not-found-page', url), { status: 404 });
  }
  if (isCrossSiteWrite(request)) {
    return new Response('Cross-site request refused.', { status: 403, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return null;
}
