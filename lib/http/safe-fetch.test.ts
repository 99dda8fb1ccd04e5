import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { SafeFetchError, isPublicAddress, safeFetch, type SafeFetchOptions } from './safe-fetch';

/*
 * The platform's safe fetcher, as a caller other than the wishlist metadata job uses it (a feed
 * reader: XML and JSON). Its HTML use, with the SSRF guard in depth (redirects, DNS, timeouts,
 * bombs), is tested through fetchPage in lib/wishlists/metadata.test.ts.
 */

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    switch (req.url) {
      case '/feed.xml':
        // No charset in the header: the XML declaration names it.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="windows-1252"?><rss><channel><title>Caf'), Buffer.from([0xe9]), Buffer.from('</title></channel></rss>')]));
        return;
      case '/feed.json':
        res.writeHead(200, { 'content-type': 'application/feed+json; charset=utf-8' });
        res.end('{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[]}');
        return;
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html></html>');
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.end('x'.repeat(20_000));
        return;
      case '/to-private':
        res.writeHead(302, { location: 'http://10.0.0.1/feed.xml' });
        res.end();
        return;
      case '/slow':
        res.writeHead(200, { 'content-type': 'application/xml' });
        res.write('<rss>');
        return; // never ends
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const FEED: Omit<SafeFetchOptions, 'allowedPrivateOrigins'> = {
  mediaTypes: ['application/rss+xml', 'application/xml', 'application/feed+json'],
  accept: 'application/rss+xml, application/feed+json',
  unsupportedType: (type) => `not a feed (${type})`,
  noun: 'feed',
};

async function failure(url: string, options: Partial<SafeFetchOptions> = {}): Promise<SafeFetchError> {
  try {
    await safeFetch(url, { ...FEED, allowedPrivateOrigins: [origin], ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(SafeFetchError);
    return error as SafeFetchError;
  }
  throw new Error(`expected ${url} to fail`);
}

describe('safeFetch', () => {
  it('fetches the media types its caller accepts and decodes XML by its declaration', async () => {
    const feed = await safeFetch(`${origin}/feed.xml`, { ...FEED, allowedPrivateOrigins: [origin] });
    expect(feed).toMatchObject({ status: 200, contentType: 'application/rss+xml', url: `${origin}/feed.xml` });
    expect(feed.body).toContain('<title>Café</title>');
    const json = await safeFetch(`${origin}/feed.json`, { ...FEED, allowedPrivateOrigins: [origin] });
    expect(JSON.parse(json.body)).toMatchObject({ title: 'J' });
  });

  it('refuses other media types, in the caller’s words', async () => {
    expect((await failure(`${origin}/page`)).message).toBe('not a feed (text/html)');
  });

  it('caps the body and names what it fetched', async () => {
    const error = await failure(`${origin}/big`, { maxBytes: 10_000 });
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('feed too large (over 10000 bytes)');
  });

  it('times out', async () => {
    expect((await failure(`${origin}/slow`, { timeoutMs: 200 })).code).toBe('timeout');
  });

  it('refuses private addresses unless their exact origin is allowed, redirects included', async () => {
    expect((await failure(`${origin}/feed.xml`, { allowedPrivateOrigins: [] })).code).toBe('refused');
    expect((await failure(`${origin}/feed.xml`, { allowedPrivateOrigins: ['http://127.0.0.1:1'] })).code).toBe('refused');
    expect((await failure(`${origin}/to-private`)).message).toBe('refused: 10.0.0.1 resolves to a private address');
    expect((await failure('http://169.254.169.254/latest/meta-data')).code).toBe('refused');
    expect((await failure('file:///etc/passwd')).code).toBe('unsupported_scheme');
    expect(isPublicAddress('93.184.215.14')).toBe(true);
    expect(isPublicAddress('::1')).toBe(false);
  });
});

describe('the allow-list setting', () => {
  it('is SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS, and still accepts its former name', () => {
    expect(parseEnv({ SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS: 'http://127.0.0.1:4010, http://127.0.0.1:4011' }).SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS).toEqual([
      'http://127.0.0.1:4010',
      'http://127.0.0.1:4011',
    ]);
    expect(parseEnv({ METADATA_ALLOWED_PRIVATE_ORIGINS: 'http://127.0.0.1:4010' }).SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS).toEqual(['http://127.0.0.1:4010']);
    // The new name wins when both are set.
    expect(parseEnv({ SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS: 'http://127.0.0.1:1', METADATA_ALLOWED_PRIVATE_ORIGINS: 'http://127.0.0.1:2' }).SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS).toEqual([
      'http://127.0.0.1:1',
    ]);
    expect(parseEnv({}).SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS).toEqual([]);
    expect(() => parseEnv({ METADATA_ALLOWED_PRIVATE_ORIGINS: 'not-an-origin' })).toThrow(/SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS/);
  });
});
