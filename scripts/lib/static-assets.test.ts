import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressStatic } from './precompress';
import { brotliStaticAssets } from './static-assets';

let server: Server;
let origin: string;
const script = 'console.log("a content-hashed chunk");'.repeat(50);

beforeAll(async () => {
  const dist = mkdtempSync(path.join(os.tmpdir(), 'brisk-static-'));
  mkdirSync(path.join(dist, 'static/chunks'), { recursive: true });
  writeFileSync(path.join(dist, 'static/chunks/app.js'), script);
  writeFileSync(path.join(dist, 'static/chunks/nothing-to-see.woff2'), 'font');
  writeFileSync(path.join(dist, 'secret.txt'), 'not static');
  expect(precompressStatic(dist).files).toBe(1);
  const assets = brotliStaticAssets(dist);
  server = createServer((req, res) => {
    void assets(req, res).then((served) => {
      if (!served) res.writeHead(418).end('next');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

function get(url: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${origin}${url}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('precompressed static assets', () => {
  it('serves a build’s script brotli-compressed, immutable, to a browser that accepts brotli', async () => {
    const response = await get('/_next/static/chunks/app.js', 'gzip, deflate, br, zstd');
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'content-encoding': 'br', 'content-type': 'text/javascript', 'cache-control': 'max-age=31536000, immutable' });
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
    expect(response.body.length).toBeLessThan(script.length / 10);
  });

  it('leaves everything else to Next: no brotli, no .br file, other paths, paths that climb out', async () => {
    for (const [url, encoding] of [
      ['/_next/static/chunks/app.js', 'gzip'],
      ['/_next/static/chunks/nothing-to-see.woff2', 'br'],
      ['/_next/static/chunks/missing.js', 'br'],
      ['/_next/static/../secret.txt', 'br'],
      ['/_next/static/%2e%2e/secret.txt', 'br'],
      ['/_next/static/%E0%A4%A', 'br'],
      ['/wishlists', 'br'],
    ]) {
      expect((await get(url!, encoding!)).status, url).toBe(418);
    }
  });
});
