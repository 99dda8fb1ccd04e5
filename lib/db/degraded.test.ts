import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RENDER_ID_HEADER } from '@/lib/render-cache/outcome';
import { degradedModeHandler } from './degraded';
import { noteDatabaseUnavailable } from './health';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A streamed page as Next sends it: headers and shell first, then the data. */
function streamedPage(options: { failRead?: boolean; renderMs?: number } = {}) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.writeHead(200);
    res.write('<html><body><div id="shell">shell</div>');
    await sleep(options.renderMs ?? 20);
    if (options.failRead) {
      noteDatabaseUnavailable(req.headers[RENDER_ID_HEADER] as string);
      res.write('<div role="alert">This page could not be loaded</div>');
    } else res.write('<div id="data">data</div>');
    res.end('</body></html>');
  };
}

let server: Server | undefined;

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): Promise<string> {
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe('pages while the database fails', () => {
  it('answers 503 with Retry-After when the render could not read the database', async () => {
    noteDatabaseUnavailable();
    const origin = await serve(degradedModeHandler(streamedPage({ failRead: true })));
    const response = await fetch(`${origin}/wishlists`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = await response.text();
    expect(body).toContain('back in a few seconds');
    expect(body).not.toContain('shell');
  });

  it('sends the page as rendered when its data came from the cache', async () => {
    noteDatabaseUnavailable();
    const origin = await serve(degradedModeHandler(streamedPage()));
    const response = await fetch(`${origin}/wishlists`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<html><body><div id="shell">shell</div><div id="data">data</div></body></html>');
  });

  it('answers 503 within 5 s when a render hangs', async () => {
    noteDatabaseUnavailable();
    const origin = await serve(degradedModeHandler(streamedPage({ renderMs: 8_000 })));
    const started = Date.now();
    const response = await fetch(`${origin}/wishlists`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(503);
    await response.text();
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);

  it('lets API requests and client navigations through untouched', async () => {
    noteDatabaseUnavailable();
    const origin = await serve(degradedModeHandler(streamedPage({ failRead: true })));
    const response = await fetch(`${origin}/wishlists`, { headers: { accept: 'text/x-component', rsc: '1' } });
    expect(response.status).toBe(200);
    await response.text();
  });
});
