import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCache, type DataCache } from '@/lib/cache/cache';
import { newRequestMetrics } from '@/lib/metrics/context';
import { RENDER_ID_HEADER, reportRenderOutcome } from './outcome';
import { renderCachingHandler, viewerPagesTag } from './server';

/*
 * The render cache in front of a stand-in for Next: the stand-in "renders" a page for the viewer
 * its cookie names, reports what the render read (as lib/metrics/next.ts does), and counts renders.
 */

interface Render {
  tags?: string[];
  uncachedStatements?: number;
  status?: number;
  setCookie?: boolean;
  /** Called while "rendering" (e.g. a write racing the render). */
  during?: () => Promise<void>;
}

let cache: DataCache;
let server: Server;
let origin: string;
let renders = 0;
let lastRenderId: string | undefined;
let nextRender: Render = {};
let version = 1;

const viewers: Record<string, { id: string; role: string }> = { 'session=ada': { id: 'usr_ada', role: 'user' }, 'session=ben': { id: 'usr_ben', role: 'user' } };

async function standInForNext(req: IncomingMessage, res: ServerResponse) {
  renders += 1;
  lastRenderId = req.headers[RENDER_ID_HEADER] as string | undefined;
  const render = nextRender;
  const viewer = viewers[req.headers.cookie ?? ''];
  const metrics = newRequestMetrics('/wishlists', 'page');
  metrics.viewerId = viewer?.id;
  for (const tag of render.tags ?? [`wishlists:viewer:${viewer?.id}`]) metrics.reads.tags.add(tag);
  metrics.reads.minTtl = 60_000;
  metrics.reads.uncachedStatements = render.uncachedStatements ?? 0;
  await render.during?.();
  res.statusCode = render.status ?? 200;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  if (render.setCookie) res.setHeader('set-cookie', 'x=1');
  res.write(`<p>page of ${viewer?.id ?? 'nobody'}, `);
  res.end(`version ${version}</p>`);
  // Next closes a page's books after the response (after()).
  setImmediate(() => reportRenderOutcome(String(req.headers[RENDER_ID_HEADER] ?? ''), metrics));
}

beforeAll(async () => {
  cache = createCache();
  const handler = renderCachingHandler(standInForNext, {
    cachedPages: [/^\/wishlists$/],
    viewerOf: async (cookie) => (cookie && viewers[cookie] ? { viewer: viewers[cookie]! } : null),
    cache,
  });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await cache.disconnect();
});
beforeEach(async () => {
  nextRender = {};
  version += 1;
  await cache.invalidate(['render:viewer:usr_ada', 'render:viewer:usr_ben']);
  await sleep(2);
  renders = 0;
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; cache: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { headers: { accept: 'text/html', ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cache: res.headers['x-brisk-cache'] as string | undefined }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The first request renders; the cache keeps the page once the render's outcome is in. */
async function renderAndKeep(cookie: string) {
  const first = await get('/wishlists', { cookie });
  await sleep(20);
  return first;
}

describe('the render cache', () => {
  it('serves a viewer’s unchanged page again without rendering it, byte for byte', async () => {
    const first = await renderAndKeep('session=ada');
    expect(first).toMatchObject({ status: 200, cache: 'miss' });
    const again = await get('/wishlists', { cookie: 'session=ada' });
    expect(again).toEqual({ status: 200, body: first.body, cache: 'hit' });
    expect(renders).toBe(1);
  });

  it('never gives one viewer another viewer’s page', async () => {
    await renderAndKeep('session=ada');
    const ben = await get('/wishlists', { cookie: 'session=ben' });
    expect(ben.cache).toBe('miss');
    expect(ben.body).toContain('page of usr_ben');
    expect(ben.body).not.toContain('usr_ada');
    // Signed out (no valid session cookie cache): always rendered, never from the cache.
    const stranger = await get('/wishlists', { cookie: 'session=forged' });
    expect(stranger.cache).toBeUndefined();
    expect(stranger.body).toContain('page of nobody');
    expect(renders).toBe(3);
  });

  it('drops the page when a tag it read is invalidated: the next request renders the new data', async () => {
    await renderAndKeep('session=ada');
    version += 1;
    await cache.invalidate(['wishlists:viewer:usr_ada']);
    await sleep(2);
    const after = await get('/wishlists', { cookie: 'session=ada' });
    expect(after.cache).toBe('miss');
    expect(after.body).toContain(`version ${version}`);
    // An account change drops every page of the viewer.
    await sleep(20);
    expect((await get('/wishlists', { cookie: 'session=ada' })).cache).toBe('hit');
    await cache.invalidate([viewerPagesTag('usr_ada')]);
    await sleep(2);
    expect((await get('/wishlists', { cookie: 'session=ada' })).cache).toBe('miss');
  });

  it('does not keep a page whose data changed while it rendered', async () => {
    nextRender = { during: () => cache.invalidate(['wishlists:viewer:usr_ada']) };
    await renderAndKeep('session=ada');
    nextRender = {};
    expect((await get('/wishlists', { cookie: 'session=ada' })).cache).toBe('miss');
  });

  it('keeps only what it may: never a render with untagged reads, an error, a cookie, or a client navigation', async () => {
    for (const render of [{ uncachedStatements: 1 }, { status: 404 }, { setCookie: true }] satisfies Render[]) {
      nextRender = render;
      await renderAndKeep('session=ada');
      nextRender = {};
      expect((await get('/wishlists', { cookie: 'session=ada' })).cache, JSON.stringify(render)).toBe('miss');
      await cache.invalidate([viewerPagesTag('usr_ada')]);
      await sleep(2);
    }
    await renderAndKeep('session=ada');
    // RSC requests of client navigations, and pages no module lists, are rendered as usual.
    expect((await get('/wishlists', { cookie: 'session=ada', rsc: '1' })).cache).toBeUndefined();
    expect((await get('/ops', { cookie: 'session=ada' })).cache).toBeUndefined();
  });

  it('ignores a render id sent by the client: only the cache names renders', async () => {
    await get('/ops', { cookie: 'session=ada', [RENDER_ID_HEADER]: 'chosen-by-client' });
    expect(lastRenderId).toBeUndefined();
    await get('/wishlists', { cookie: 'session=ada', [RENDER_ID_HEADER]: 'chosen-by-client' });
    expect(lastRenderId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
