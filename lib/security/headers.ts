/*
 * Security headers of every response (next.config.ts headers(): pages, route handlers, static
 * files, and the proxy's redirects and rewrites). No imports: next.config.ts loads this file.
 *
 * The Content-Security-Policy has no nonce. Pages are prerendered shells (cacheComponents) and
 * Next.js inlines the React Server Components payload as <script> tags in them; a nonce would
 * have to be new per response, which makes every page render per request and loses the static
 * shell (README, "Security"). So scripts are limited to this origin plus inline ones: no script
 * from another origin, no eval (except in `next dev`, which React's dev tools need), no plugins,
 * no <base> hijack, forms post only here, and no site may frame Brisk.
 */
export interface HeaderOptions {
  /** `next dev`: React's development build evaluates code; its HMR socket is same-origin. */
  dev?: boolean;
  /** Extra image origins (test servers only: SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS serves item images over http). */
  imageOrigins?: readonly string[];
}

export function contentSecurityPolicy({ dev = false, imageOrigins = [] }: HeaderOptions = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    // React's style attributes and Next's inlined font/critical styles.
    'style-src': ["'self'", "'unsafe-inline'"],
    // Item images come from the shops they were linked from.
    'img-src': ["'self'", 'data:', 'blob:', 'https:', ...imageOrigins],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export function securityHeaders(options: HeaderOptions = {}): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(options) },
    // For browsers without frame-ancestors.
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    // Links out (an item's shop) carry the origin only, never the list's URL.
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()' },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}

/** HSTS, sent only on requests that arrived over HTTPS (browsers ignore it over plain HTTP anyway). */
export const STRICT_TRANSPORT_SECURITY = { key: 'Strict-Transport-Security', value: 'max-age=31536000; includeSubDomains' };
