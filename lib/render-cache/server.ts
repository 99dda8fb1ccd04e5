import { randomUUID } from 'node:crypto';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { DataCache } from '@/lib/cache/cache';
import { defineCacheKind, minutes } from '@/lib/cache/kinds';
import { newRequestMetrics, recordCacheRead } from '@/lib/metrics/context';
import { logger } from '@/lib/metrics/logger';
import { finishRequest } from '@/lib/metrics/request';
import { RENDER_ID_HEADER, expectRenderOutcome, type RenderOutcome } from './outcome';

/**
 * The render cache: a page's finished output, per viewer, served again without rendering until
 * one of the tags it read is dropped (the same `invalidate(tags)` as the data cache: a write
 * drops both) or its shortest lifetime passes. It sits in front of Next's request handler
 * (scripts/serve.ts). A warm page then costs a cookie check and a memory lookup instead of a
 * render (React, HTML, streams, compression: 20–40 ms of CPU before).
 *
 * Kept only when all of this holds, else the request is simply rendered:
 * - a GET for a document (not a client navigation's RSC request) of a page its module lists in
 *   `cachedPages`, by a viewer named by a valid signed session cookie cache;
 * - the render answered 200 with HTML and set no cookie;
 * - the render was for that same viewer, and ran no statement outside a cached read (so every
 *   piece of data it shows has a tag);
 * - none of those tags was dropped while it rendered (else a write raced the render).
 * The key holds the viewer, their role, the URL and the accepted encodings (the stored bytes are
 * the compressed response as sent); the tags hold the viewer's pages tag, so an account change
 * drops all of them.
 */
export const renderedPages = defineCacheKind({ namespace: 'render.pages', ttl: minutes(5), grace: 0 });

/** Every cached page of a viewer (dropped when their account changes: name, role, password). */
export const viewerPagesTag = (userId: string) => `render:viewer:${userId}`;

export interface CachedPage {
  status: number;
  headers: Record<string, string | string[]>;
  /** The body as sent (compressed when the response was), base64. */
  body: string;
  route: string;
}

export interface RenderCacheOptions {
  /** Paths whose output may be kept (every module's `cachedPages`). */
  cachedPages: readonly RegExp[];
  /** The viewer named by the request's signed session cookie cache, or null. */
  viewerOf(cookieHeader: string | undefined): Promise<{ viewer: { id: string; role: string } } | null>;
  cache: Pick<DataCache, 'peek' | 'store' | 'invalidatedSince'>;
  /** Requests to render as if the cache were not there (the benchmark's render-cost figures). */
  bypass?: (req: IncomingMessage) => boolean;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const OUTCOME_TIMEOUT_MS = 10_000;
/** Headers of the moment or of the connection, never replayed. */
const UNSTORED_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie', 'x-brisk-cache', 'server-timing']);

function isCacheableRequest(req: IncomingMessage, cachedPages: readonly RegExp[]): boolean {
  if (req.method !== 'GET') return false;
  // Client navigations and prefetches ask for React Server Component payloads: rendered as usual.
  if (req.headers.rsc !== undefined || req.headers['next-router-prefetch'] !== undefined || req.headers['next-router-state-tree'] !== undefined) return false;
  if (!String(req.headers.accept ?? '').includes('text/html')) return false;
  const pathname = (req.url ?? '/').split('?')[0]!;
  return cachedPages.some((pattern) => pattern.test(pathname));
}

/** Copies what the response sends (after compression) while it goes out. */
function capture(res: ServerResponse) {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function' || tooLarge) return;
    const buffer = Buffer.isBuffer(chunk) ? chunk : typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      tooLarge = true;
      chunks.length = 0;
      return;
    }
    chunks.push(buffer);
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as typeof res.end;
  const finished = new Promise<boolean>((resolve) => {
    res.once('finish', () => resolve(true));
    res.once('close', () => resolve(res.writableFinished));
  });
  return { finished, body: () => (tooLarge ? null : Buffer.concat(chunks)) };
}

function storableHeaders(headers: OutgoingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || UNSTORED_HEADERS.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return kept;
}

export function renderCachingHandler(next: Handler, options: RenderCacheOptions): Handler {
  return async (req, res) => {
    // Only this server names renders: a client's header of that name is dropped.
    delete req.headers[RENDER_ID_HEADER];
    if (!isCacheableRequest(req, options.cachedPages) || options.bypass?.(req)) return next(req, res);
    const session = await options.viewerOf(req.headers.cookie);
    if (!session) return next(req, res);

    const started = performance.now();
    const key = [session.viewer.id, session.viewer.role, req.url ?? '/', String(req.headers['accept-encoding'] ?? '')];
    let hit: CachedPage | undefined;
    try {
      hit = await options.cache.peek<CachedPage>(renderedPages, key);
    } catch (error) {
      logger.warn({ err: (error as Error).message }, 'render cache: lookup failed; rendering');
    }
    if (hit) {
      const body = Buffer.from(hit.body, 'base64');
      const metrics = newRequestMetrics(hit.route, 'page', started);
      metrics.cache.hits = 1;
      res.writeHead(hit.status, {
        ...hit.headers,
        'content-length': body.length,
        'x-brisk-cache': 'hit',
        'server-timing': `cache;desc="page output hit", total;dur=${(performance.now() - started).toFixed(1)}`,
      });
      res.end(body);
      recordCacheRead(renderedPages.namespace, 'hit');
      finishRequest(metrics);
      return;
    }

    const renderId = randomUUID();
    req.headers[RENDER_ID_HEADER] = renderId;
    const outcome = expectRenderOutcome(renderId, OUTCOME_TIMEOUT_MS);
    const renderStartedAt = Date.now();
    const sent = capture(res);
    res.setHeader('x-brisk-cache', 'miss');
    await next(req, res);
    void keep(req, res, sent, outcome, { key, viewerId: session.viewer.id, renderStartedAt }, options);
  };
}

async function keep(
  req: IncomingMessage,
  res: ServerResponse,
  sent: ReturnType<typeof capture>,
  outcome: Promise<RenderOutcome | null>,
  { key, viewerId, renderStartedAt }: { key: string[]; viewerId: string; renderStartedAt: number },
  options: RenderCacheOptions,
): Promise<void> {
  try {
    const [finished, rendered] = await Promise.all([sent.finished, outcome]);
    recordCacheRead(renderedPages.namespace, 'miss');
    const body = sent.body();
    const headers = res.getHeaders();
    const storable =
      finished &&
      rendered !== null &&
      body !== null &&
      res.statusCode === 200 &&
      String(headers['content-type'] ?? '').startsWith('text/html') &&
      headers['set-cookie'] === undefined &&
      rendered.viewerId === viewerId &&
      rendered.uncachedStatements === 0;
    if (!storable) return;
    const tags = [...rendered.tags, viewerPagesTag(viewerId)];
    // A write that dropped one of these tags while the page rendered may not be in its output.
    if (await options.cache.invalidatedSince(tags, renderStartedAt)) return;
    const page: CachedPage = { status: 200, headers: storableHeaders(headers), body: body.toString('base64'), route: rendered.route };
    await options.cache.store(renderedPages, key, page, { tags, ttl: Math.min(rendered.minTtl ?? renderedPages.ttl, renderedPages.ttl) });
  } catch (error) {
    logger.warn({ err: (error as Error).message, url: req.url }, 'render cache: could not keep the page');
  }
}
