import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Every page is a prerendered shell with Suspense holes that stream (Partial Prerendering).
  cacheComponents: true,
  // Partial prefetching starts a second server render for every page request (measured: about
  // 30 % more CPU per page and 20–35 % more bytes); links prefetch as usual without it.
  partialPrefetching: false,
  typedRoutes: true,
  poweredByHeader: false,
  // A separate build folder per purpose (the e2e suite, the benchmark) so that they never
  // overwrite each other's build or a developer's.
  distDir: process.env.BRISK_DIST_DIR ?? '.next',
  // Prisma's generated client and pg run on the server only; keep them out of the bundler.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pino'],
  // 'use cache' and 'use cache: remote': Redis-backed and shared by all instances when REDIS_URL is
  // set at run time, Next's in-memory LRU otherwise. Plain .mjs: Next imports it with Node itself.
  cacheHandlers: {
    default: require.resolve('./lib/cache/next-cache-handler.mjs'),
    remote: require.resolve('./lib/cache/next-cache-handler.mjs'),
  },
};

export default nextConfig;
