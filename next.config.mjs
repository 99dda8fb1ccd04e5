// Plain JavaScript: Node imports it as it is, where a next.config.ts would load Next's SWC binary
// (about 26 MB of resident memory) into every production server just to read it.
import { createRequire } from 'node:module';
import { STRICT_TRANSPORT_SECURITY, securityHeaders } from './lib/security/headers.mjs';

const require = createRequire(import.meta.url);

// Test servers whose item images are served over plain http (SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS,
// or its former name METADATA_ALLOWED_PRIVATE_ORIGINS, see lib/env.ts); empty in any real deployment.
const imageOrigins = (process.env.SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS ?? process.env.METADATA_ALLOWED_PRIVATE_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Every page is a prerendered shell with Suspense holes that stream (Partial Prerendering).
  cacheComponents: true,
  // Partial prefetching starts a second server render for every page request (measured: about
  // 30 % more CPU per page and 20–35 % more bytes); links prefetch as usual without it.
  partialPrefetching: false,
  typedRoutes: true,
  poweredByHeader: false,
  // Security headers on every response, the proxy's redirects and rewrites included
  // (lib/security/headers.mjs; README, "Security").
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders({ dev: process.env.NODE_ENV === 'development', imageOrigins }) },
      { source: '/:path*', has: [{ type: 'header', key: 'x-forwarded-proto', value: 'https' }], headers: [STRICT_TRANSPORT_SECURITY] },
    ];
  },
  // A separate build folder per purpose (the e2e suite, the benchmark) so that they never
  // overwrite each other's build or a developer's.
  distDir: process.env.BRISK_DIST_DIR ?? '.next',
  // Loaded by Node, not bundled. pg, the Prisma adapter and PGlite run on the server only. The
  // rest are also loaded by the production server itself (scripts/serve.ts: auth, caches, jobs),
  // and webpack would bundle another copy of each into every server layer that imports them
  // (pages, server actions, the proxy, instrumentation): one copy per process instead of up to
  // five (measured: live heap 8-11 MB smaller, peak RSS 12-16 MB lower; README, "Reliability").
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pino', 'better-auth', 'zod', 'kysely', 'ioredis', 'bentocache', 'inngest', 'ipaddr.js'],
  // Whole prerendered pages (the share pages): Next's file-system cache, with each page dated by
  // the start of its render, so that an invalidation made while it rendered drops it.
  cacheHandler: require.resolve('./lib/cache/next-page-cache-handler.mjs'),
  // 'use cache' and 'use cache: remote': Redis-backed and shared by all instances when REDIS_URL is
  // set at run time, Next's in-memory LRU otherwise. Plain .mjs: Next imports it with Node itself.
  cacheHandlers: {
    default: require.resolve('./lib/cache/next-cache-handler.mjs'),
    remote: require.resolve('./lib/cache/next-cache-handler.mjs'),
  },
};

export default nextConfig;
