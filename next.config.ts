import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Every page is a prerendered shell with Suspense holes that stream (Partial Prerendering).
  cacheComponents: true,
  partialPrefetching: true,
  typedRoutes: true,
  poweredByHeader: false,
  // Prisma's generated client and pg run on the server only; keep them out of the bundler.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pino'],
};

export default nextConfig;
