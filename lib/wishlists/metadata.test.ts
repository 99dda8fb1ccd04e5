import diagnosticsChannel from 'node:diagnostics_channel';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  extractMetadata,
  extractUrlMetadata,
  fetchPage,
  FetchPageError,
  isPublicAddress,
  parsePrice,
  USER_AGENT,
  type FetchPageOptions,
  type ResolvedAddress,
} from './metadata';

// ---------------------------------------------------------------------------------------------
// Network guard: every client socket this process opens is inspected before it connects. Only
// loopback may be reached; anything else is blocked (and recorded, failing the test) so a bug in
// the code under test can never send traffic off the machine. Each attempted TCP connection is
// recorded, which lets the refusal tests assert that nothing was attempted at all.

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const attempts: string[] = [];
const blocked: string[] = [];

type Callback = (err: NodeJS.ErrnoException | null, address?: string | { address: string }[], family?: number) => void;
type Lookup = (hostname: string, options: object, callback: Callback) => void;

function guardSocket(message: unknown): void {
  const { socket } = message as { socket: net.Socket };
  socket.on('connectionAttempt', (ip: string, port: number) => attempts.push(`${ip}:${port}`));
  const connect = socket.connect as (...args: unknown[]) => net.Socket;
  const guarded = function (this: net.Socket, ...args: unknown[]): net.Socket {
    const first: unknown = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = (typeof first === 'object' && first !== null ? first : {}) as { host?: string; port?: number; lookup?: Lookup };
    const host = options.host ?? 'localhost';
    const block = (what: string): net.Socket => {
      blocked.push(what);
      process.nextTick(() => socket.destroy(new Error(`test network guard blocked ${what}`)));
      return socket;
    };
    if (net.isIP(host) !== 0) {
      if (!LOOPBACK.has(host)) return block(`${host}:${options.port}`);
    } else if (!options.lookup) {
      return block(`${host} (system DNS)`);
    } else {
      const lookup = options.lookup;
      options.lookup = (hostname, lookupOptions, callback) =>
        lookup(hostname, lookupOptions, (err, address, family) => {
          const found = typeof address === 'string' ? [address] : (address ?? []).map((a) => a.address);
          const outside = found.find((a) => !LOOPBACK.has(a));
          if (!err && outside) {
            blocked.push(`${hostname} -> ${outside}`);
            callback(new Error(`test network guard blocked ${outside}`));
          } else {
            callback(err, address, family);
          }
        });
    }
    return connect.apply(this, args);
  };
  socket.connect = guarded as typeof socket.connect;
}

// ---------------------------------------------------------------------------------------------
// Local test server

const PRODUCT_PAGE = `<!doctype html>
<html><head>
  <title>Ceramic Mug | Shop</title>
  <meta property="og:title" content="Ceramic  Mug &amp; Saucer">
  <meta property="og:image" content="/images/mug.jpg">
  <meta property="og:price:amount" content="1,299.00">
  <meta property="og:price:currency" content="eur">
  <script type="application/ld+json">
    {"@context": "https://schema.org", "@type": "Product", "name": "Ceramic Mug (JSON-LD)",
     "image": "https://cdn.example/mug-ld.jpg",
     "offers": {"@type": "Offer", "price": "1299.00", "priceCurrency": "EUR"}}
  </script>
</head><body><h1>Ceramic Mug</h1></body></html>`;

const TITLE_ONLY_PAGE = '<html><head><title>\n  Just a   title\n</title></head><body>Nothing else.</body></html>';

const GRAPH_PAGE = `<html><head><title>Lamp – Store</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
  {"@type":"WebSite","name":"Store"},
  {"@type":"BreadcrumbList","itemListElement":[]},
  {"@type":["Product","Thing"],"name":"Desk Lamp","image":[{"@type":"ImageObject","url":"lamp.png"}],
   "offers":{"@type":"AggregateOffer","lowPrice":39.5,"highPrice":"59.00","priceCurrency":"GBP","offerCount":3}}
]}</script></head><body></body></html>`;

const gzipPage = zlib.gzipSync(PRODUCT_PAGE);
const brotliPage = zlib.brotliCompressSync(PRODUCT_PAGE);
const deflatePage = zlib.deflateSync(PRODUCT_PAGE);
const gzipBomb = zlib.gzipSync(`<html><body>${' '.repeat(4 * 1024 * 1024)}</body></html>`);
const MIB = 1024 * 1024;

let server: http.Server;
let origin = '';
let port = 0;
const hits = new Map<string, number>();
let lastHeaders: http.IncomingHttpHeaders = {};

function streamForever(res: http.ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed && sent < 16 * MIB) {
      sent += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
  };
  res.write('<html><body>');
  pump();
}

function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = req.url ?? '/';
  hits.set(path, (hits.get(path) ?? 0) + 1);
  lastHeaders = req.headers;
  const html = (body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): void => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
  const redirect = (location: string, status = 302): void => {
    res.writeHead(status, { location });
    res.end();
  };
  switch (path) {
    case '/product':
      return html(PRODUCT_PAGE);
    case '/title-only':
      return html(TITLE_ONLY_PAGE);
    case '/graph':
      return html(GRAPH_PAGE, { 'content-type': 'application/xhtml+xml' });
    case '/slow': // headers and a little body, then nothing, ever
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<html><head><title>Slow');
      return;
    case '/hang': // no response at all
      return;
    case '/huge-with-length':
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(16 * MIB) });
      return streamForever(res);
    case '/declared-huge': // only the headers: proves the Content-Length check needs no body
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(2 * MIB) });
      res.flushHeaders();
      return;
    case '/huge-chunked':
      res.writeHead(200, { 'content-type': 'text/html' });
      return streamForever(res);
    case '/gzip-bomb':
      return html(gzipBomb, { 'content-encoding': 'gzip' });
    case '/gzip':
      return html(gzipPage, { 'content-encoding': 'gzip' });
    case '/br':
      return html(brotliPage, { 'content-encoding': 'br' });
    case '/deflate':
      return html(deflatePage, { 'content-encoding': 'deflate' });
    case '/corrupt-gzip':
      return html(Buffer.from('definitely not gzip'), { 'content-encoding': 'gzip' });
    case '/windows-1252':
      return html(Buffer.from([...Buffer.from('<title>Caf'), 0xe9, 0x20, 0x80, ...Buffer.from('5</title>')]), {
        'content-type': 'text/html; charset=windows-1252',
      });
    case '/redirect/1':
      return redirect('/redirect/2', 301);
    case '/redirect/2':
      return redirect(`${origin}/redirect/3`, 307);
    case '/redirect/3':
      return redirect('../product', 303);
    case '/to-metadata':
      return redirect('http://169.254.169.254/latest/meta-data/iam/security-credentials/');
    case '/to-private':
      return redirect('http://10.0.0.1/');
    case '/to-mapped-v6':
      return redirect('http://[::ffff:10.0.0.1]/admin');
    case '/to-other-port':
      return redirect('http://127.0.0.1:1/');
    case '/to-hostname':
      return redirect(`http://internal.test:${port}/product`);
    case '/to-file':
      return redirect('file:///etc/passwd');
    case '/no-location':
      res.writeHead(302);
      return void res.end();
    case '/loop':
      return redirect('/loop');
    case '/pdf':
      res.writeHead(200, { 'content-type': 'application/pdf' });
      return void res.end('%PDF-1.7');
    case '/error':
      res.writeHead(500, { 'content-type': 'text/html' });
      return void res.end('<title>Oops</title>');
    default:
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<title>Not found</title>');
  }
}

beforeAll(async () => {
  diagnosticsChannel.subscribe('net.client.socket', guardSocket);
  server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  diagnosticsChannel.unsubscribe('net.client.socket', guardSocket);
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

beforeEach(() => {
  attempts.length = 0;
  hits.clear();
});

afterEach(() => {
  expect(blocked.splice(0), 'the code under test tried to reach a non-loopback address').toEqual([]);
});

const allowed = (): FetchPageOptions => ({ allowedPrivateOrigins: [origin] });

/** The expected-failure message for `path`, asserting extractUrlMetadata did not throw. */
async function failure(path: string, options: FetchPageOptions = {}): Promise<string> {
  const result = await extractUrlMetadata(`${origin}${path}`, { ...allowed(), ...options });
  if (result.ok) throw new Error(`expected ${path} to fail, got ${JSON.stringify(result.metadata)}`);
  return result.error;
}

// ---------------------------------------------------------------------------------------------

describe('extractUrlMetadata against a local server', () => {
  it('reads a product page: og tags win, relative image resolved, price normalised', async () => {
    const result = await extractUrlMetadata(`${origin}/product`, allowed());
    expect(result).toEqual({
      ok: true,
      finalUrl: `${origin}/product`,
      metadata: {
        title: 'Ceramic Mug & Saucer',
        imageUrl: `${origin}/images/mug.jpg`,
        price: '1299.00',
        currency: 'EUR',
      },
    });
    expect(lastHeaders['user-agent']).toBe(USER_AGENT);
    expect(lastHeaders['accept-encoding']).toContain('gzip');
  });

  it('treats a page with only <title> as a success with just the title', async () => {
    const result = await extractUrlMetadata(`${origin}/title-only`, allowed());
    expect(result).toEqual({ ok: true, finalUrl: `${origin}/title-only`, metadata: { title: 'Just a title' } });
  });

  it('finds a Product inside an @graph with an AggregateOffer (xhtml content type)', async () => {
    const result = await extractUrlMetadata(`${origin}/graph`, allowed());
    expect(result.ok && result.metadata).toEqual({
      title: 'Desk Lamp',
      imageUrl: `${origin}/lamp.png`,
      price: '39.50',
      currency: 'GBP',
    });
  });

  it.each(['/gzip', '/br', '/deflate'])('decompresses %s bodies', async (path) => {
    const result = await extractUrlMetadata(`${origin}${path}`, allowed());
    expect(result.ok && result.metadata).toMatchObject({ title: 'Ceramic Mug & Saucer', price: '1299.00' });
  });

  it('decodes the charset from the Content-Type header', async () => {
    const page = await fetchPage(`${origin}/windows-1252`, allowed());
    expect(extractMetadata(page.html, page.url).title).toBe('Café €5');
  });

  it('follows a redirect chain within the allowed origin', async () => {
    const page = await fetchPage(`${origin}/redirect/1`, allowed());
    expect(page.url).toBe(`${origin}/product`);
    expect(page.redirects).toEqual([`${origin}/redirect/2`, `${origin}/redirect/3`, `${origin}/product`]);
  });

  it('gives up on a redirect loop after 3 redirects', async () => {
    expect(await failure('/loop')).toBe('too many redirects (more than 3)');
    expect(hits.get('/loop')).toBe(4); // the original request + 3 followed redirects
  });

  it('times out a response that never finishes', async () => {
    const started = Date.now();
    expect(await failure('/slow', { timeoutMs: 300 })).toBe('timed out after 0.3 s');
    expect(await failure('/hang', { timeoutMs: 300 })).toBe('timed out after 0.3 s');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('rejects a body whose Content-Length is over the cap, before reading it', async () => {
    expect(await failure('/huge-with-length')).toBe('page too large (over 1 MiB)');
    expect(await failure('/declared-huge', { timeoutMs: 2_000 })).toBe('page too large (over 1 MiB)');
  });

  it('aborts a streamed body once it passes the cap', async () => {
    expect(await failure('/huge-chunked')).toBe('page too large (over 1 MiB)');
    expect(await failure('/huge-chunked', { maxBytes: 64 * 1024 })).toBe('page too large (over 64 KiB)');
  });

  it('applies the cap to decompressed bytes (gzip bomb)', async () => {
    expect(gzipBomb.length).toBeLessThan(64 * 1024);
    expect(await failure('/gzip-bomb')).toBe('page too large (over 1 MiB)');
  });

  it('reports a body it cannot decompress', async () => {
    expect(await failure('/corrupt-gzip')).toBe('could not decode the page (gzip)');
  });

  it('refuses non-HTML content', async () => {
    expect(await failure('/pdf')).toBe('not an HTML page (application/pdf)');
  });

  it('reports HTTP errors by status', async () => {
    expect(await failure('/error')).toBe('HTTP 500');
    expect(await failure('/nope')).toBe('HTTP 404');
    expect(await failure('/no-location')).toBe('HTTP 302 without a Location header');
  });

  it('rejects bad URLs and schemes without throwing', async () => {
    expect(await extractUrlMetadata('not a url')).toEqual({ ok: false, error: 'invalid URL', code: 'invalid_url' });
    expect(await extractUrlMetadata('ftp://example.com/x')).toMatchObject({ ok: false, error: 'unsupported URL scheme (ftp:)' });
    expect(await failure('/to-file')).toBe('unsupported URL scheme (file:)');
  });
});

describe('SSRF guard', () => {
  it.each([
    ['/to-metadata', 'refused: 169.254.169.254 resolves to a private address'],
    ['/to-private', 'refused: 10.0.0.1 resolves to a private address'],
    ['/to-mapped-v6', 'refused: ::ffff:a00:1 resolves to a private address'],
    ['/to-other-port', 'refused: 127.0.0.1 resolves to a private address'],
  ])('refuses the redirect %s before connecting', async (path, message) => {
    expect(await failure(path)).toBe(message);
    // Only the first hop (to the test server) was ever attempted.
    expect(attempts).toEqual([`127.0.0.1:${port}`]);
  });

  it('refuses private IP literals without any connection attempt', async () => {
    for (const url of [
      'http://127.0.0.1/',
      'http://2130706433/', // 127.0.0.1 in decimal
      'http://[::1]:8080/',
      'http://0.0.0.0/',
      'http://169.254.169.254/latest/meta-data',
      'https://192.168.1.1/',
      'http://100.64.0.1/',
      'http://[fd00::1]/',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      const error = await fetchPage(url).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(FetchPageError);
      expect((error as FetchPageError).code, url).toBe('refused');
    }
    expect(attempts).toEqual([]);
  });

  describe('hostnames, through the guarded lookup', () => {
    const resolver =
      (table: Record<string, ResolvedAddress[]>, calls: string[] = []) =>
      async (hostname: string): Promise<ResolvedAddress[]> => {
        calls.push(hostname);
        const found = table[hostname];
        if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
        return found;
      };

    it('connects to exactly the address the lookup vetted', async () => {
      const calls: string[] = [];
      const page = await fetchPage(`http://shop.test:${port}/product`, {
        allowedPrivateOrigins: [`http://shop.test:${port}`],
        resolveHost: resolver({ 'shop.test': [{ address: '127.0.0.1', family: 4 }] }, calls),
      });
      expect(page.html).toContain('Ceramic Mug');
      expect(calls).toEqual(['shop.test']);
      expect(attempts).toEqual([`127.0.0.1:${port}`]);
      expect(lastHeaders.host).toBe(`shop.test:${port}`);
    });

    it.each([
      ['a private address', [{ address: '10.1.2.3', family: 4 }], '10.1.2.3'],
      ['the metadata service', [{ address: '169.254.169.254', family: 4 }], '169.254.169.254'],
      ['an IPv4-mapped loopback', [{ address: '::ffff:127.0.0.1', family: 6 }], '::ffff:127.0.0.1'],
      ['a public and a private address', [{ address: '8.8.8.8', family: 4 }, { address: '192.168.0.1', family: 4 }], '192.168.0.1'],
    ])('refuses a host resolving to %s', async (_label, addresses, bad) => {
      const result = await extractUrlMetadata('http://evil.test/', { resolveHost: resolver({ 'evil.test': addresses }) });
      expect(result).toEqual({ ok: false, code: 'refused', error: `refused: evil.test resolves to a private address (${bad})` });
      expect(attempts).toEqual([]);
    });

    it('re-vets a redirect to a hostname outside the allowed origin', async () => {
      const error = await failure('/to-hostname', { resolveHost: resolver({ 'internal.test': [{ address: '127.0.0.1', family: 4 }] }) });
      expect(error).toBe('refused: internal.test resolves to a private address (127.0.0.1)');
      expect(attempts).toEqual([`127.0.0.1:${port}`]);
    });

    it('times out a slow lookup and never connects once it finally answers', async () => {
      const slow = async (): Promise<ResolvedAddress[]> => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        return [{ address: '127.0.0.1', family: 4 }];
      };
      const options = { allowedPrivateOrigins: [`http://slow.test:${port}`], resolveHost: slow };
      expect(await extractUrlMetadata(`http://slow.test:${port}/product`, { ...options, connectTimeoutMs: 50 })).toEqual({
        ok: false,
        code: 'timeout',
        error: 'timed out connecting after 0.05 s',
      });
      expect(await extractUrlMetadata(`http://slow.test:${port}/product`, { ...options, timeoutMs: 50 })).toMatchObject({
        error: 'timed out after 0.05 s',
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(attempts).toEqual([]);
      expect(hits.size).toBe(0);
    });

    it('reports unresolvable hosts', async () => {
      const result = await extractUrlMetadata('http://nowhere.test/', { resolveHost: resolver({}) });
      expect(result).toEqual({ ok: false, code: 'network', error: 'could not resolve nowhere.test' });
    });
  });

  it('classifies addresses', () => {
    const notPublic = [
      '127.0.0.1', '10.0.0.1', '172.16.5.4', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
      '0.0.0.0', '255.255.255.255', '224.0.0.1', '192.0.2.1', '198.18.0.1', '240.0.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
      '64:ff9b::a00:1', '2002:a00:1::', '2001:db8::1', '[::1]', 'localhost', 'not an ip',
    ];
    for (const address of notPublic) expect(isPublicAddress(address), address).toBe(false);
    for (const address of ['8.8.8.8', '93.184.215.14', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});

describe('extractMetadata', () => {
  const base = 'https://shop.example/products/mug?ref=1';
  const withPrice = (amount: string, currency?: string): string =>
    `<meta property="product:price:amount" content="${amount}">${currency ? `<meta property="product:price:currency" content="${currency}">` : ''}`;

  it('returns nothing for a page with no metadata', () => {
    expect(extractMetadata('<html><body><p>hi</p></body></html>', base)).toEqual({});
    expect(extractMetadata('', base)).toEqual({});
  });

  it.each([
    ['1,299.00', undefined, '1299.00', undefined],
    ['1.299,00', 'EUR', '1299.00', 'EUR'],
    ['€12', undefined, '12.00', 'EUR'],
    ['£5.5', undefined, '5.50', 'GBP'],
    ['$1,000', undefined, '1000.00', 'USD'],
    ['¥1500', undefined, '1500.00', 'JPY'],
    ['12,50 €', undefined, '12.50', 'EUR'],
    ['1 299,99 €', undefined, '1299.99', 'EUR'],
    ['USD 19.999', undefined, '20.00', 'USD'],
    ['0', 'usd', '0.00', 'USD'],
    ['19.99', '€', '19.99', 'EUR'],
    ['19.99', 'XYZ', '19.99', undefined],
  ])('normalises price %j (currency %j)', (amount, currency, price, code) => {
    const metadata = extractMetadata(withPrice(amount, currency), base);
    expect(metadata.price).toBe(price);
    expect(metadata.currency).toBe(code);
  });

  it.each(['-5.00', '−5', '(5.00)', 'NaN', 'free', '10 - 20', '', '1e5', '99999999999.00'])('rejects price %j', (amount) => {
    expect(extractMetadata(withPrice(amount, 'EUR'), base)).toEqual({});
  });

  it('parses prices from numbers and ambiguous separators', () => {
    expect(parsePrice(19.99)).toEqual({ amount: '19.99' });
    expect(parsePrice(1.005)).toEqual({ amount: '1.01' });
    expect(parsePrice(-1)).toBeUndefined();
    expect(parsePrice(Number.NaN)).toBeUndefined();
    expect(parsePrice('1.299')).toEqual({ amount: '1299.00' }); // human text: thousands separator
    expect(parsePrice('1.299', { machine: true })).toEqual({ amount: '1.30' }); // schema.org: decimal point
    expect(parsePrice('1,299.5', { machine: true })).toEqual({ amount: '1299.50' });
    expect(parsePrice("CHF 1'299.00")).toEqual({ amount: '1299.00', currency: 'CHF' });
  });

  it('reads microdata price and currency', () => {
    const html = `<div itemscope itemtype="https://schema.org/Product">
      <span itemprop="name">Teapot</span>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <span itemprop="price" content="24.90">24,90 €</span><meta itemprop="priceCurrency" content="EUR">
      </div></div>`;
    expect(extractMetadata(html, base)).toEqual({ title: 'Teapot', price: '24.90', currency: 'EUR' });
  });

  it('resolves relative images and drops data: and javascript: URLs', () => {
    expect(extractMetadata('<meta property="og:image" content="../img/a.jpg?s=2">', base).imageUrl).toBe(
      'https://shop.example/img/a.jpg?s=2',
    );
    expect(extractMetadata('<meta property="og:image" content="//cdn.example/b.png">', base).imageUrl).toBe('https://cdn.example/b.png');
    const html = `<meta property="og:image" content="data:image/png;base64,AAAA">
      <meta property="og:image:secure_url" content="javascript:alert(1)">
      <meta name="twitter:image" content="/tw.jpg">`;
    expect(extractMetadata(html, base).imageUrl).toBe('https://shop.example/tw.jpg');
    expect(extractMetadata('<meta property="og:image" content="data:image/png;base64,AAAA">', base)).toEqual({});
    expect(extractMetadata('<base href="https://static.example/assets/"><meta property="og:image" content="c.jpg">', base).imageUrl).toBe(
      'https://static.example/assets/c.jpg',
    );
  });

  it('falls back through title sources and trims to 200 characters', () => {
    expect(extractMetadata('<title>Page</title><meta name="twitter:title" content="Tweet title">', base).title).toBe('Tweet title');
    const long = '🎁'.repeat(250);
    const title = extractMetadata(`<meta property="og:title" content="${long}">`, base).title ?? '';
    expect(Array.from(title)).toHaveLength(200);
    expect(title).toBe('🎁'.repeat(200));
  });

  it('ignores invalid JSON-LD and reads JSON-LD offers arrays with numeric prices', () => {
    const html = `<script type="application/ld+json">{ not json</script>
      <script type="application/ld+json">[{"@type":"Product","name":"Kettle","image":{"@type":"ImageObject","url":"https://x.example/k.jpg"},
        "offers":[{"@type":"Offer","price":49,"priceCurrency":"usd"}]}]</script>`;
    expect(extractMetadata(html, base)).toEqual({ title: 'Kettle', imageUrl: 'https://x.example/k.jpg', price: '49.00', currency: 'USD' });
  });

  it('drops image URLs longer than 2048 characters', () => {
    const html = `<meta property="og:image" content="https://x.example/${'a'.repeat(2100)}.jpg"><meta name="twitter:image" content="/short.jpg">`;
    expect(extractMetadata(html, base).imageUrl).toBe('https://shop.example/short.jpg');
  });
});
