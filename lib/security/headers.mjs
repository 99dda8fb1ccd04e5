/*
 * Security headers of every response (next.config.mjs headers(): pages, route handlers, static
 * files, and the proxy's redirects and rewrites). Plain JavaScript with no imports: the config
 * loads it with Node itself (a TypeScript config would load Next's SWC binary into every server).
 *
 * The Content-Security-Policy has no nonce. Pages are prerendered shells (cacheComponents) and
 * Next.js inlines the React Server Components payload as <script> tags in them; a nonce would
 * have to be new per response, which makes every page render per request and loses the static
 * shell (README, "Security"). So scripts are limited to this origin plus inline ones: no script
 * from another origin, no eval (except in `next dev`, which React's dev tools need), no plugins,
 * no <base> hijack, forms post only here, and no site may frame Brisk.
 */
/**
 * @typedef {object} HeaderOptions
 * @property {boolean} [dev] `next dev`: React's development build evaluates code; its HMR socket is same-origin.
 * @property {readonly string[]} [imageOrigins] Extra image origins (test servers only: SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS serves item images over http).
 */

/** @param {HeaderOptions} [options] @returns {string} */
export function contentSecurityPolicy({ dev = false, imageOrigins = [] } = {}) {
  /** @type {Record<string, string[]>} */
  const directives = {
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

/** @param {HeaderOptions} [options] @returns {{ key: string; value: string }[]} */
export function securityHeaders(options = {}) {
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
