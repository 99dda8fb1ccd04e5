// The production server: Next's request handler behind Brisk's render cache
// (lib/render-cache/server.ts), which serves a viewer's unchanged pages again without rendering
// them, pages rendered in full while the database fails (503 when it cannot be read: lib/db/degraded.ts), and the build's static files brotli-compressed at build time (scripts/lib/static-assets.ts). `npm start` runs it (after the database, migrations, seed and build); the build compiles it to
// `.next/serve/serve.mjs`, which scripts/lib/server-process.ts starts with Node's flags, and so
// on its own: `NODE_ENV=production node --max-old-space-size=… .next/serve/serve.mjs` with PORT and HOSTNAME (default 0.0.0.0).
import { createServer } from 'node:http';
import next from 'next';
import { brotliStaticAssets } from './lib/static-assets';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME ?? '0.0.0.0';

async function main() {
  const app = next({ dev: false, dir: process.cwd(), hostname, port });
  await app.prepare();
  // Loaded once Next has set up its server environment (its AsyncLocalStorage globals), which
  // the cache and auth modules reach into.
  const [{ sessionFromRequestCookies }, { cacheEnabled, processCache }, { logger }, { renderCachingHandler }, { modules }] = await Promise.all([
    import('@/lib/auth/auth'),
    import('@/lib/cache/cache'),
    import('@/lib/metrics/logger'),
    import('@/lib/render-cache/server'),
    import('@/modules'),
  ]);
  const { BYPASS_RENDER_CACHE_HEADER, isBenchMode } = await import('@/lib/bench-mode');
  const { degradedModeHandler } = await import('@/lib/db/degraded');
  const handle = app.getRequestHandler();
  // While the database fails, a page that cannot be read answers 503 with Retry-After (a cached
  // page, served by the render cache in front, never gets that far).
  const handler = renderCachingHandler(degradedModeHandler((req, res) => handle(req, res)), {
    cachedPages: modules.flatMap((module) => module.cachedPages ?? []),
    viewerOf: (cookie) => sessionFromRequestCookies(cookie),
    cache: processCache(),
    // The benchmark measures what a render costs too: only a server in bench mode honours this.
    // The data cache's kill switch (CACHE_ENABLED=false) switches this layer off too.
    bypass: (req) => !cacheEnabled() || (req.headers[BYPASS_RENDER_CACHE_HEADER] === '1' && isBenchMode()),
  });
  const staticAssets = brotliStaticAssets(process.env.BRISK_DIST_DIR ?? '.next');
  const server = createServer((req, res) => {
    const respond = async () => {
      if (await staticAssets(req, res)) return;
      await handler(req, res);
    };
    respond().catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'server: request failed');
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    });
  });
  // Longer than a load balancer's idle timeout (often 60 s), so it never sends to a closed socket.
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`▲ Brisk ready on http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`));
  const stop = (signal: NodeJS.Signals) => {
    console.log(`${signal}: closing`);
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
