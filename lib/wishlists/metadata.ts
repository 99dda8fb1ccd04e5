// URL metadata extraction for wishlist items (plan 000, section 3.2 UrlMetadataExtractionJob).
//
// fetchPage() is an SSRF-guarded HTTP(S) GET: every hop's address is vetted before connecting, and
// hostnames are resolved through a custom `lookup` handed to the socket, so the address that is
// connected to is exactly the one that was checked (no DNS-rebinding gap between check and use).
// extractMetadata() reads title, image and price from Open Graph, Twitter cards, schema.org
// JSON-LD and microdata. extractUrlMetadata() combines both and never throws for expected failures.

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, Writable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { load, type CheerioAPI } from 'cheerio';
import ipaddr from 'ipaddr.js';

export const USER_AGENT = 'BriskBot/1.0 (+wishlist metadata)';
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;

/** Column limits from prisma/schema/wishlists.prisma (Item). */
const MAX_TITLE_CHARS = 200;
const MAX_URL_CHARS = 2048;
const MAX_ERROR_CHARS = 500;
/** Decimal(12, 2): at most 10 integer digits. */
const MAX_PRICE_CENTS = 999_999_999_999n;

// ---------------------------------------------------------------------------------------------
// Errors

export type FetchPageErrorCode =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'refused'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'not_html'
  | 'bad_encoding'
  | 'network'
  | 'aborted';

/** An expected fetch failure. `message` is short and human-readable (fit for Item.metadataError). */
export class FetchPageError extends Error {
  override readonly name = 'FetchPageError';
  readonly code: FetchPageErrorCode;
  /** The HTTP status, for `http_status` errors. */
  readonly status?: number;

  constructor(code: FetchPageErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.status !== undefined) this.status = options.status;
  }
}

// ---------------------------------------------------------------------------------------------
// Address classification

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parse('2000::');

/**
 * True only for public unicast addresses. Everything else — loopback, RFC 1918, link-local (incl.
 * 169.254.169.254), CGNAT, unique-local, multicast, broadcast, unspecified, documentation/benchmark
 * and other reserved ranges, NAT64/6to4/Teredo (they embed IPv4 addresses we cannot vet) — is
 * refused. IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry. Non-IPs are false.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[(.*)\]$/, '$1');
  if (net.isIP(bare) === 0) return false;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(bare);
  } catch {
    return false;
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  if (parsed.kind() === 'ipv4') return (parsed as ipaddr.IPv4).range() === 'unicast';
  const v6 = parsed as ipaddr.IPv6;
  // Only 2000::/3 is allocated as global unicast; ipaddr's 'unicast' is "none of the special ranges".
  return v6.match(GLOBAL_UNICAST_V6, 3) && v6.range() === 'unicast';
}

// ---------------------------------------------------------------------------------------------
// fetchPage

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface FetchPageOptions {
  /** Deadline for the whole fetch, redirects and body included. Default 5000 ms. */
  timeoutMs?: number;
  /** Deadline for each hop's DNS lookup + TCP connect. Default 3000 ms (and never beyond timeoutMs). */
  connectTimeoutMs?: number;
  /** Cap on the (decompressed) body. Default 1 MiB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 3. */
  maxRedirects?: number;
  /**
   * Origins (scheme://host:port) exempt from the private-address check, e.g. a test server:
   * ['http://127.0.0.1:43123']. Only the exact origin is exempt; every other hop is still vetted.
   */
  allowedPrivateOrigins?: readonly string[];
  /** Resolves a hostname to all its addresses. Defaults to the system resolver (dns.lookup). */
  resolveHost?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Cancels the fetch (rejects with code 'aborted' unless the reason is a FetchPageError). */
  signal?: AbortSignal;
}

export interface FetchedPage {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Media type, lower-cased, without parameters (text/html or application/xhtml+xml). */
  contentType: string;
  html: string;
  /** Each redirect target followed, in order. */
  redirects: string[];
}

interface FetchContext {
  signal: AbortSignal;
  connectTimeoutMs: number;
  maxBytes: number;
  allowedOrigins: ReadonlySet<string>;
  resolveHost: (hostname: string) => Promise<ResolvedAddress[]>;
}

type Hop =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'page'; status: number; contentType: string; html: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

const systemResolver = async (hostname: string): Promise<ResolvedAddress[]> =>
  dns.promises.lookup(hostname, { all: true });

/**
 * Guarded HTTP(S) GET of an HTML page. Throws FetchPageError for every expected failure
 * (bad URL, refused address, timeout, too large, non-HTML, non-2xx, network errors).
 */
export async function fetchPage(input: string | URL, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allowedOrigins = new Set(
    (options.allowedPrivateOrigins ?? []).map((origin) => {
      try {
        return new URL(origin).origin;
      } catch {
        throw new TypeError(`allowedPrivateOrigins: not a URL origin: ${origin}`);
      }
    }),
  );

  let url = parseHttpUrl(input, 'invalid URL');
  const timer = new AbortController();
  const timeout = setTimeout(
    () => timer.abort(new FetchPageError('timeout', `timed out after ${formatSeconds(timeoutMs)}`)),
    timeoutMs,
  );
  const ctx: FetchContext = {
    signal: options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal,
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    allowedOrigins,
    resolveHost: options.resolveHost ?? systemResolver,
  };

  try {
    const redirects: string[] = [];
    for (;;) {
      const hop = await requestOnce(url, ctx);
      if (hop.kind === 'page') {
        return { url: url.href, status: hop.status, contentType: hop.contentType, html: hop.html, redirects };
      }
      if (redirects.length >= maxRedirects) {
        throw new FetchPageError('too_many_redirects', `too many redirects (more than ${maxRedirects})`);
      }
      url = parseHttpUrl(hop.location, 'invalid redirect location', url);
      redirects.push(url.href);
    }
  } finally {
    clearTimeout(timeout);
  }
}

function parseHttpUrl(input: string | URL, invalidMessage: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new FetchPageError('invalid_url', invalidMessage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchPageError('unsupported_scheme', `unsupported URL scheme (${url.protocol})`);
  }
  return url;
}

function refusedError(host: string, address?: string): FetchPageError {
  const detail = address && address !== host ? ` (${address})` : '';
  return new FetchPageError('refused', `refused: ${host} resolves to a private address${detail}`);
}

function abortReason(signal: AbortSignal): FetchPageError {
  const reason: unknown = signal.reason;
  return reason instanceof FetchPageError ? reason : new FetchPageError('aborted', 'aborted', { cause: reason });
}

/**
 * The `lookup` given to the socket: resolves, then refuses unless every address is public (or the
 * origin is allow-listed). Node connects only to the addresses passed to the callback, so the
 * vetted address is the connected one.
 */
function guardedLookup(
  allowPrivate: boolean,
  resolveHost: FetchContext['resolveHost'],
): net.LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (found) => {
        const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
        const addresses = family === 0 ? found : found.filter((a) => a.family === family);
        const first = addresses[0];
        if (!first) {
          callback(Object.assign(new Error(`no addresses for ${hostname}`), { code: 'ENOTFOUND' }), []);
          return;
        }
        const bad = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
        if (bad) {
          callback(refusedError(hostname, bad.address), []);
        } else if (options.all) {
          callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
        } else {
          callback(null, first.address, first.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}

function requestOnce(url: URL, ctx: FetchContext): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const allowPrivate = ctx.allowedOrigins.has(url.origin);
    // IP literals never reach `lookup`, so they are vetted here, before any socket exists.
    if (net.isIP(host) !== 0 && !allowPrivate && !isPublicAddress(host)) {
      reject(refusedError(host));
      return;
    }
    if (ctx.signal.aborted) {
      reject(abortReason(ctx.signal));
      return;
    }

    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let response: http.IncomingMessage | undefined;
    const finish = (): void => {
      settled = true;
      clearTimeout(connectTimer);
      ctx.signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: FetchPageError): void => {
      if (settled) return;
      finish();
      response?.destroy();
      req.destroy();
      reject(error);
    };
    const succeed = (hop: Hop): void => {
      if (settled) return;
      finish();
      resolve(hop);
    };
    const onAbort = (): void => fail(abortReason(ctx.signal));

    const req = (url.protocol === 'https:' ? https : http).request({
      protocol: url.protocol,
      host,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      agent: false,
      lookup: guardedLookup(allowPrivate, ctx.resolveHost),
      headers: {
        Host: url.host,
        'User-Agent': USER_AGENT,
        Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
        'Accept-Encoding': 'gzip, deflate, br',
        Connection: 'close',
      },
    });
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => fail(new FetchPageError('timeout', `timed out connecting after ${formatSeconds(ctx.connectTimeoutMs)}`)),
        ctx.connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error) => fail(toFetchError(error, host)));
    req.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        const location = res.headers.location;
        if (!location) {
          fail(new FetchPageError('http_status', `HTTP ${status} without a Location header`, { status }));
          return;
        }
        succeed({ kind: 'redirect', status, location });
        res.destroy();
        req.destroy();
        return;
      }
      if (status < 200 || status > 299) {
        fail(new FetchPageError('http_status', `HTTP ${status}`, { status }));
        return;
      }
      const { mediaType, charset } = parseContentType(res.headers['content-type']);
      if (!HTML_TYPES.has(mediaType)) {
        fail(new FetchPageError('not_html', `not an HTML page (${mediaType || 'no content type'})`));
        return;
      }
      const tooLarge = (): FetchPageError =>
        new FetchPageError('too_large', `page too large (over ${formatBytes(ctx.maxBytes)})`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > ctx.maxBytes) {
        fail(tooLarge());
        return;
      }
      let decoders: Transform[];
      try {
        decoders = decodersFor(res.headers['content-encoding']);
      } catch (error) {
        fail(error as FetchPageError);
        return;
      }

      const chunks: Buffer[] = [];
      let size = 0;
      const sink = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          size += chunk.length;
          if (size > ctx.maxBytes) {
            callback(tooLarge());
            return;
          }
          chunks.push(chunk);
          callback();
        },
      });
      // The raw (possibly compressed) stream is capped too: a compressed body that inflates to
      // nothing (e.g. endless empty deflate blocks) must not be read forever.
      const stages = decoders.length > 0 ? [byteLimit(ctx.maxBytes, tooLarge), ...decoders] : [];
      let decodeFailed = false;
      for (const decoder of decoders) decoder.once('error', () => (decodeFailed = true));
      pipeline([res, ...stages, sink], (error) => {
        if (error) {
          const encoding = String(res.headers['content-encoding']);
          fail(
            error instanceof FetchPageError
              ? error
              : decodeFailed
                ? new FetchPageError('bad_encoding', `could not decode the page (${encoding})`, { cause: error })
                : toFetchError(error, host),
          );
          return;
        }
        const body = Buffer.concat(chunks, size);
        succeed({ kind: 'page', status, contentType: mediaType, html: decodeHtml(body, charset) });
      });
    });
    req.end();
  });
}

function byteLimit(maxBytes: number, tooLarge: () => FetchPageError): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) callback(tooLarge());
      else callback(null, chunk);
    },
  });
}

function decodersFor(header: string | undefined): Transform[] {
  if (!header) return [];
  const codings = header
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // Codings are listed in the order they were applied; undo them in reverse.
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        return zlib.createGunzip();
      case 'deflate':
        return zlib.createInflate();
      case 'br':
        return zlib.createBrotliDecompress();
      default:
        throw new FetchPageError('bad_encoding', `unsupported content encoding (${coding})`);
    }
  });
}

function toFetchError(error: Error, host: string): FetchPageError {
  if (error instanceof FetchPageError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return new FetchPageError('network', `could not resolve ${host}`, { cause: error });
    case 'ECONNREFUSED':
      return new FetchPageError('network', `connection refused by ${host}`, { cause: error });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new FetchPageError('network', `connection to ${host} was closed unexpectedly`, { cause: error });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new FetchPageError('network', `${host} is unreachable`, { cause: error });
  }
  if (code.startsWith('HPE_')) return new FetchPageError('network', `invalid HTTP response from ${host}`, { cause: error });
  if (/CERT|TLS|SSL/.test(code)) return new FetchPageError('network', `TLS error (${code})`, { cause: error });
  return new FetchPageError('network', `could not fetch the page (${code || error.message})`, { cause: error });
}

function parseContentType(header: string | undefined): { mediaType: string; charset?: string } {
  if (!header) return { mediaType: '' };
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase();
  for (const param of params) {
    const match = /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(param);
    if (match?.[1]) return { mediaType, charset: match[1] };
  }
  return { mediaType };
}

/** BOM, then the HTTP charset, then a <meta charset> in the first 1024 bytes, then UTF-8. */
function decodeHtml(body: Buffer, headerCharset: string | undefined): string {
  let label = headerCharset;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) label = 'utf-8';
  else if (body[0] === 0xfe && body[1] === 0xff) label = 'utf-16be';
  else if (body[0] === 0xff && body[1] === 0xfe) label = 'utf-16le';
  else if (!label) {
    const head = body.subarray(0, 1024).toString('latin1');
    const sniffed = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
    // A document cannot declare itself UTF-16 in ASCII-compatible bytes; HTML treats that as UTF-8.
    label = sniffed && !/^utf-?16/i.test(sniffed) ? sniffed : undefined;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  const text = decoder.decode(body);
  // Some Node versions (20.x) decode windows-1252 — also what "iso-8859-1" means on the web — as
  // plain Latin-1, leaving 0x80–0x9F as C1 controls. Map them per the WHATWG table.
  return decoder.encoding === 'windows-1252'
    ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c)
    : text;
}

const WINDOWS_1252_C1 = Array.from(
  [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
    0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
  ],
  (code) => String.fromCharCode(code),
);

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

// ---------------------------------------------------------------------------------------------
// Price and currency normalisation

const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Currency symbols, longest first so "US$" wins over "$". A bare "$" means USD, "¥" means JPY. */
const CURRENCY_SYMBOLS: ReadonlyArray<readonly [string, string]> = [
  ['US$', 'USD'],
  ['CA$', 'CAD'],
  ['AU$', 'AUD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['C$', 'CAD'],
  ['A$', 'AUD'],
  ['R$', 'BRL'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['$', 'USD'],
  ['¥', 'JPY'],
  ['₹', 'INR'],
  ['₩', 'KRW'],
  ['₽', 'RUB'],
  ['₺', 'TRY'],
  ['₪', 'ILS'],
];

/** A 3-letter ISO 4217 code (any case) or a known symbol → uppercase ISO code; otherwise undefined. */
export function normalizeCurrency(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const value = raw.normalize('NFKC').trim();
  if (/^[A-Za-z]{3}$/.test(value)) {
    const code = value.toUpperCase();
    return ISO_CURRENCIES.has(code) ? code : undefined;
  }
  return CURRENCY_SYMBOLS.find(([symbol]) => symbol === value)?.[1];
}

export interface ParsedPrice {
  /** Non-negative decimal string with exactly 2 decimals, e.g. "1299.00". */
  amount: string;
  /** ISO code found in the text itself ("€12", "12.00 USD"), if any. */
  currency?: string;
}

/**
 * Parses a price such as 19.99, "1,299.00", "1.299,00", "€12", "12,50 €", "USD 5".
 * Negative, non-numeric, ranges, and values beyond Decimal(12,2) give undefined.
 *
 * `machine`: the value comes from a machine-readable field (JSON-LD, og:price:amount, a microdata
 * `content` attribute) where schema.org/Open Graph mandate "." as the decimal point, so a lone "."
 * is always decimal ("12.500" is 12.50). In human text a lone separator followed by exactly three
 * digits is a thousands separator ("1.299" and "1,299" are both 1299).
 */
export function parsePrice(raw: unknown, { machine = false }: { machine?: boolean } = {}): ParsedPrice | undefined {
  let text: string;
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw) || raw < 0 || raw >= 1e12) return undefined;
    text = raw.toFixed(6);
    machine = true;
  } else if (typeof raw === 'string') {
    text = raw.normalize('NFKC').trim();
  } else {
    return undefined;
  }
  if (text === '' || text.length > 64) return undefined;

  let currency: string | undefined;
  const symbol = CURRENCY_SYMBOLS.find(([s]) => text.includes(s));
  if (symbol) {
    currency = symbol[1];
    text = text.replace(symbol[0], ' ');
  }
  const code = /(?:^|[^A-Za-z])([A-Z]{3})(?![A-Za-z])/.exec(text)?.[1];
  if (code && ISO_CURRENCIES.has(code)) {
    currency = code;
    text = text.replace(code, ' ');
  }
  // Spaces and apostrophes are thousands separators ("1 299,00", "1'299.00"); anything else
  // left over (letters, a minus sign, a range dash, parentheses) means this is not a price.
  const digits = text.replace(/[\s'’]/g, '');
  if (!/^(?:\d[\d.,]*|[.,]\d+)$/.test(digits)) return undefined;

  const split = splitDecimal(digits, machine);
  if (!split) return undefined;
  const integer = split.integer.replace(/^0+(?=\d)/, '') || '0';
  if (integer.length > 12) return undefined;
  const fraction = split.fraction;
  let cents = BigInt(integer) * 100n + BigInt((fraction + '00').slice(0, 2));
  if ((fraction[2] ?? '0') >= '5') cents += 1n; // round half up
  if (cents > MAX_PRICE_CENTS) return undefined;
  const amount = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
  return currency ? { amount, currency } : { amount };
}

function splitDecimal(digits: string, machine: boolean): { integer: string; fraction: string } | undefined {
  const lastDot = digits.lastIndexOf('.');
  const lastComma = digits.lastIndexOf(',');
  let decimal: '.' | ',' | undefined;
  if (lastDot >= 0 && lastComma >= 0) {
    decimal = lastDot > lastComma ? '.' : ',';
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ',';
    const index = Math.max(lastDot, lastComma);
    const occurrences = digits.split(separator).length - 1;
    const after = digits.length - index - 1;
    if (occurrences > 1) decimal = undefined; // "1,299,000" / "1.299.000"
    else if (separator === '.' && machine) decimal = '.';
    else if (after === 3 && !/^0*$/.test(digits.slice(0, index))) decimal = undefined; // "1,299" / "1.299"
    else decimal = separator;
  }
  if (!decimal) {
    const integer = digits.replace(/[.,]/g, '');
    return /^\d+$/.test(integer) ? { integer, fraction: '' } : undefined;
  }
  const index = digits.lastIndexOf(decimal);
  const integerPart = digits.slice(0, index);
  const fraction = digits.slice(index + 1);
  const grouping = decimal === '.' ? ',' : '.';
  if (integerPart.includes(decimal) || !/^\d*$/.test(fraction)) return undefined;
  if (integerPart.split(grouping).some((group, i) => group === '' && !(i === 0 && integerPart === ''))) return undefined;
  return { integer: integerPart.replaceAll(grouping, '') || '0', fraction };
}

// ---------------------------------------------------------------------------------------------
// extractMetadata

export interface UrlMetadata {
  title?: string;
  imageUrl?: string;
  /** Decimal string with 2 decimals, e.g. "1299.00". */
  price?: string;
  /** ISO 4217, uppercase. Only set together with a price. */
  currency?: string;
}

type JsonObject = Record<string, unknown>;

interface PriceCandidate {
  price: unknown;
  currency: unknown;
  machine: boolean;
}

const PRODUCT_TYPES = new Set(['Product', 'ProductGroup', 'ProductModel', 'IndividualProduct', 'SomeProducts']);
/** Keys through which a page's main product is reached; related/similar products are not walked. */
const JSON_LD_CONTAINER_KEYS = ['@graph', 'mainEntity', 'mainEntityOfPage', 'about', 'itemListElement', 'item', 'hasVariant'];

/**
 * Reads title, image and price/currency from an HTML document. Relative URLs resolve against
 * `baseUrl` (the page's final URL) or the document's <base href>. Fields not found are absent.
 *
 * Precedence — title: og:title, twitter:title, schema.org Product name (JSON-LD, then microdata),
 * <title>. Image: og:image:secure_url, og:image, og:image:url, twitter:image, Product image,
 * microdata image, <link rel="image_src">. Price: og/product:price:amount, JSON-LD offers,
 * microdata price. The first candidate that validates wins.
 */
export function extractMetadata(html: string, baseUrl: string | URL): UrlMetadata {
  const $ = load(html);
  const base = documentBase($, baseUrl);
  const meta = collectMeta($);
  const products = collectJsonLdProducts($);
  const microProduct = $('[itemscope][itemtype*="schema.org/Product" i]').first();
  const result: UrlMetadata = {};

  const title = firstOf(
    [
      ...(meta.get('og:title') ?? []),
      ...(meta.get('twitter:title') ?? []),
      ...products.map((p) => p.name),
      microProduct.find('[itemprop~="name"]').first().attr('content') ?? microProduct.find('[itemprop~="name"]').first().text(),
      $('head title').first().text() || $('title').first().text(),
    ],
    cleanTitle,
  );
  if (title) result.title = title;

  const microImage = $('[itemprop~="image"]').first();
  const imageUrl = firstOf(
    [
      ...(meta.get('og:image:secure_url') ?? []),
      ...(meta.get('og:image') ?? []),
      ...(meta.get('og:image:url') ?? []),
      ...(meta.get('twitter:image') ?? []),
      ...(meta.get('twitter:image:src') ?? []),
      ...products.flatMap((p) => imageCandidates(p.image)),
      microImage.attr('content') ?? microImage.attr('src') ?? microImage.attr('href'),
      $('link[rel~="image_src" i]').first().attr('href'),
    ],
    (candidate) => absoluteHttpUrl(candidate, base),
  );
  if (imageUrl) result.imageUrl = imageUrl;

  const priceCandidates: PriceCandidate[] = [];
  for (const prefix of ['og:price', 'product:price']) {
    for (const amount of meta.get(`${prefix}:amount`) ?? []) {
      priceCandidates.push({ price: amount, currency: meta.get(`${prefix}:currency`)?.[0], machine: true });
    }
  }
  for (const product of products) priceCandidates.push(...offerCandidates(product.offers));
  const microPrice = $('[itemprop~="price"]').first();
  if (microPrice.length > 0) {
    const currencyEl = $('[itemprop~="priceCurrency"]').first();
    const content = microPrice.attr('content');
    priceCandidates.push({
      price: content ?? microPrice.attr('value') ?? microPrice.text(),
      currency: currencyEl.attr('content') ?? (currencyEl.text() || undefined),
      machine: content !== undefined,
    });
  }
  for (const candidate of priceCandidates) {
    const parsed = parsePrice(candidate.price, { machine: candidate.machine });
    if (!parsed) continue;
    result.price = parsed.amount;
    const currency = normalizeCurrency(candidate.currency) ?? parsed.currency;
    if (currency) result.currency = currency;
    break;
  }

  return result;
}

function firstOf(candidates: readonly unknown[], normalize: (value: string) => string | undefined): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const value = normalize(candidate);
    if (value) return value;
  }
  return undefined;
}

function cleanTitle(raw: string): string | undefined {
  const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const chars = Array.from(text); // code points: varchar(200) counts characters, not UTF-16 units
  return chars.length > MAX_TITLE_CHARS ? chars.slice(0, MAX_TITLE_CHARS).join('').trimEnd() : text;
}

/** Absolute http(s) URL no longer than the column allows; data:, javascript: etc. are dropped. */
function absoluteHttpUrl(raw: string, base: URL): string | undefined {
  const value = raw.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // A truncated URL points nowhere, so an over-long one is dropped rather than cut.
  return url.href.length <= MAX_URL_CHARS ? url.href : undefined;
}

function documentBase($: CheerioAPI, baseUrl: string | URL): URL {
  const base = new URL(baseUrl);
  const href = $('base[href]').first().attr('href');
  if (!href) return base;
  try {
    const declared = new URL(href, base);
    return declared.protocol === 'http:' || declared.protocol === 'https:' ? declared : base;
  } catch {
    return base;
  }
}

/** property= and name= meta tags, keyed lower-case, values in document order. */
function collectMeta($: CheerioAPI): Map<string, string[]> {
  const meta = new Map<string, string[]>();
  $('meta[content]').each((_, el) => {
    const node = $(el);
    const content = node.attr('content') ?? '';
    if (!content.trim()) return;
    const keys = new Set([node.attr('property'), node.attr('name')].filter((k): k is string => !!k).map((k) => k.trim().toLowerCase()));
    for (const key of keys) {
      const values = meta.get(key);
      if (values) values.push(content);
      else meta.set(key, [content]);
    }
  });
  return meta;
}

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function schemaTypes(node: JsonObject): string[] {
  const raw = node['@type'];
  const types = Array.isArray(raw) ? raw : [raw];
  return types.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''));
}

/** schema.org Product nodes from every JSON-LD block, in document order. Invalid JSON is ignored. */
function collectJsonLdProducts($: CheerioAPI): JsonObject[] {
  const products: JsonObject[] = [];
  let budget = 2_000; // nodes visited, against pathological documents
  const walk = (value: unknown, depth: number): void => {
    if (depth > 10 || budget-- <= 0) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    if (!isRecord(value)) return;
    if (schemaTypes(value).some((t) => PRODUCT_TYPES.has(t))) products.push(value);
    for (const key of JSON_LD_CONTAINER_KEYS) {
      if (key in value) walk(value[key], depth + 1);
    }
  };
  $('script').each((_, el) => {
    const node = $(el);
    const type = (node.attr('type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/ld+json') return;
    const text = (node.html() ?? '')
      .trim()
      .replace(/^(?:<!--|<!\[CDATA\[)/, '')
      .replace(/(?:-->|\]\]>)$/, '');
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return;
    }
    walk(data, 0);
  });
  return products;
}

function imageCandidates(image: unknown): string[] {
  if (typeof image === 'string') return [image];
  if (Array.isArray(image)) return image.flatMap(imageCandidates);
  if (isRecord(image)) {
    return [image.url, image.contentUrl].filter((u): u is string => typeof u === 'string');
  }
  return [];
}

/** Offer / Offer[] / AggregateOffer (lowPrice first) / priceSpecification, in that order. */
function offerCandidates(offers: unknown, depth = 0): PriceCandidate[] {
  if (depth > 3) return [];
  if (Array.isArray(offers)) return offers.flatMap((offer) => offerCandidates(offer, depth + 1));
  if (!isRecord(offers)) return [];
  const currency = offers.priceCurrency;
  const candidates: PriceCandidate[] = [];
  const push = (price: unknown, priceCurrency: unknown): void => {
    if (price !== undefined && price !== null && price !== '') candidates.push({ price, currency: priceCurrency, machine: true });
  };
  if (schemaTypes(offers).includes('AggregateOffer')) push(offers.lowPrice, currency);
  push(offers.price, currency);
  const specs = Array.isArray(offers.priceSpecification) ? offers.priceSpecification : [offers.priceSpecification];
  for (const spec of specs) {
    if (isRecord(spec)) push(spec.price, spec.priceCurrency ?? currency);
  }
  if (schemaTypes(offers).includes('AggregateOffer')) {
    push(offers.highPrice, currency);
    candidates.push(...offerCandidates(offers.offers, depth + 1));
  }
  return candidates;
}

// ---------------------------------------------------------------------------------------------
// extractUrlMetadata

export type ExtractUrlMetadataResult =
  | { ok: true; metadata: UrlMetadata; finalUrl: string }
  | { ok: false; error: string; code: FetchPageErrorCode };

/**
 * fetchPage + extractMetadata. Expected failures come back as `{ ok: false, error }` with a short
 * message (≤ 500 chars, fit for Item.metadataError); only programming errors are thrown.
 */
export async function extractUrlMetadata(
  url: string | URL,
  options: FetchPageOptions = {},
): Promise<ExtractUrlMetadataResult> {
  try {
    const page = await fetchPage(url, options);
    return { ok: true, metadata: extractMetadata(page.html, page.url), finalUrl: page.url };
  } catch (error) {
    if (error instanceof FetchPageError) {
      return { ok: false, error: error.message.slice(0, MAX_ERROR_CHARS), code: error.code };
    }
    throw error;
  }
}
