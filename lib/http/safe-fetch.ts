// The platform's safe fetcher for URLs that users give (wishlist item links, Leads' feed sources).
//
// safeFetch() is an SSRF-guarded HTTP(S) GET: every hop's address is vetted before connecting, and
// hostnames are resolved through a custom `lookup` handed to the socket, so the address that is
// connected to is exactly the one that was checked (no DNS-rebinding gap between check and use).
// It enforces an overall deadline and a connect deadline, caps the body (compressed and
// decompressed), follows a bounded number of redirects (each re-vetted), accepts only the media
// types its caller names, and decodes the text by its charset. Private addresses are refused
// unless their exact origin is allow-listed (test servers: SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS).

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Transform, Writable, pipeline } from 'node:stream';
import zlib from 'node:zlib';
import ipaddr from 'ipaddr.js';

export const USER_AGENT = 'BriskBot/1.0';
export const DEFAULT_TIMEOUT_MS = 5_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;

// ---------------------------------------------------------------------------------------------
// Errors

export type SafeFetchErrorCode =
  | 'invalid_url'
  | 'unsupported_scheme'
  | 'refused'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'unsupported_type'
  | 'bad_encoding'
  | 'network'
  | 'aborted';

/** An expected fetch failure. `message` is short and human-readable (fit for Item.metadataError). */
export class SafeFetchError extends Error {
  override readonly name = 'SafeFetchError';
  readonly code: SafeFetchErrorCode;
  /** The HTTP status, for `http_status` errors. */
  readonly status?: number;

  constructor(code: SafeFetchErrorCode, message: string, options: { cause?: unknown; status?: number } = {}) {
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
// safeFetch

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeFetchOptions {
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
  /** Cancels the fetch (rejects with code 'aborted' unless the reason is a SafeFetchError). */
  signal?: AbortSignal;
  /** The media types accepted (lower-case, without parameters); any other answer fails with `unsupported_type`. */
  mediaTypes: readonly string[];
  /** The request's Accept header. */
  accept: string;
  /** The message of an answer of another type, e.g. (type) => `not an HTML page (${type})`. */
  unsupportedType: (mediaType: string) => string;
  /** What is fetched, in messages ("page too large", "could not decode the feed"). Default "response". */
  noun?: string;
  /** The User-Agent header. Default USER_AGENT. */
  userAgent?: string;
}

export interface SafeFetchResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Media type, lower-cased, without parameters (one of the accepted ones). */
  contentType: string;
  /** The body as text, decoded by its declared or sniffed charset (BOM, HTTP header, <meta>, <?xml?>, else UTF-8). */
  body: string;
  /** Each redirect target followed, in order. */
  redirects: string[];
}

interface FetchContext {
  signal: AbortSignal;
  connectTimeoutMs: number;
  maxBytes: number;
  allowedOrigins: ReadonlySet<string>;
  resolveHost: (hostname: string) => Promise<ResolvedAddress[]>;
  mediaTypes: ReadonlySet<string>;
  accept: string;
  unsupportedType: (mediaType: string) => string;
  noun: string;
  userAgent: string;
}

type Hop =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'body'; status: number; contentType: string; body: string };

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const systemResolver = async (hostname: string): Promise<ResolvedAddress[]> =>
  dns.promises.lookup(hostname, { all: true });

/**
 * Guarded HTTP(S) GET of a text document of the accepted media types. Throws SafeFetchError for
 * every expected failure (bad URL, refused address, timeout, too large, another media type,
 * non-2xx, network errors).
 */
export async function safeFetch(input: string | URL, options: SafeFetchOptions): Promise<SafeFetchResponse> {
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
    () => timer.abort(new SafeFetchError('timeout', `timed out after ${formatSeconds(timeoutMs)}`)),
    timeoutMs,
  );
  const ctx: FetchContext = {
    signal: options.signal ? AbortSignal.any([timer.signal, options.signal]) : timer.signal,
    connectTimeoutMs: Math.min(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, timeoutMs),
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    allowedOrigins,
    resolveHost: options.resolveHost ?? systemResolver,
    mediaTypes: new Set(options.mediaTypes),
    accept: options.accept,
    unsupportedType: options.unsupportedType,
    noun: options.noun ?? 'response',
    userAgent: options.userAgent ?? USER_AGENT,
  };

  try {
    const redirects: string[] = [];
    for (;;) {
      const hop = await requestOnce(url, ctx);
      if (hop.kind === 'body') {
        return { url: url.href, status: hop.status, contentType: hop.contentType, body: hop.body, redirects };
      }
      if (redirects.length >= maxRedirects) {
        throw new SafeFetchError('too_many_redirects', `too many redirects (more than ${maxRedirects})`);
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
    throw new SafeFetchError('invalid_url', invalidMessage);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SafeFetchError('unsupported_scheme', `unsupported URL scheme (${url.protocol})`);
  }
  return url;
}

function refusedError(host: string, address?: string): SafeFetchError {
  const detail = address && address !== host ? ` (${address})` : '';
  return new SafeFetchError('refused', `refused: ${host} resolves to a private address${detail}`);
}

function abortReason(signal: AbortSignal): SafeFetchError {
  const reason: unknown = signal.reason;
  return reason instanceof SafeFetchError ? reason : new SafeFetchError('aborted', 'aborted', { cause: reason });
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
    const fail = (error: SafeFetchError): void => {
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
        'User-Agent': ctx.userAgent,
        Accept: ctx.accept,
        'Accept-Encoding': 'gzip, deflate, br',
        Connection: 'close',
      },
    });
    ctx.signal.addEventListener('abort', onAbort, { once: true });

    req.on('socket', (socket) => {
      if (!socket.connecting) return;
      connectTimer = setTimeout(
        () => fail(new SafeFetchError('timeout', `timed out connecting after ${formatSeconds(ctx.connectTimeoutMs)}`)),
        ctx.connectTimeoutMs,
      );
      socket.once('connect', () => clearTimeout(connectTimer));
    });
    req.on('error', (error) => fail(toFetchError(error, host, ctx.noun)));
    req.on('response', (res) => {
      response = res;
      const status = res.statusCode ?? 0;
      if (REDIRECT_STATUSES.has(status)) {
        const location = res.headers.location;
        if (!location) {
          fail(new SafeFetchError('http_status', `HTTP ${status} without a Location header`, { status }));
          return;
        }
        succeed({ kind: 'redirect', status, location });
        res.destroy();
        req.destroy();
        return;
      }
      if (status < 200 || status > 299) {
        fail(new SafeFetchError('http_status', `HTTP ${status}`, { status }));
        return;
      }
      const { mediaType, charset } = parseContentType(res.headers['content-type']);
      if (!ctx.mediaTypes.has(mediaType)) {
        fail(new SafeFetchError('unsupported_type', ctx.unsupportedType(mediaType || 'no content type')));
        return;
      }
      const tooLarge = (): SafeFetchError =>
        new SafeFetchError('too_large', `${ctx.noun} too large (over ${formatBytes(ctx.maxBytes)})`);
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > ctx.maxBytes) {
        fail(tooLarge());
        return;
      }
      let decoders: Transform[];
      try {
        decoders = decodersFor(res.headers['content-encoding']);
      } catch (error) {
        fail(error as SafeFetchError);
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
            error instanceof SafeFetchError
              ? error
              : decodeFailed
                ? new SafeFetchError('bad_encoding', `could not decode the ${ctx.noun} (${encoding})`, { cause: error })
                : toFetchError(error, host, ctx.noun),
          );
          return;
        }
        const body = Buffer.concat(chunks, size);
        succeed({ kind: 'body', status, contentType: mediaType, body: decodeText(body, charset) });
      });
    });
    req.end();
  });
}

function byteLimit(maxBytes: number, tooLarge: () => SafeFetchError): Transform {
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
        throw new SafeFetchError('bad_encoding', `unsupported content encoding (${coding})`);
    }
  });
}

function toFetchError(error: Error, host: string, noun: string): SafeFetchError {
  if (error instanceof SafeFetchError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return new SafeFetchError('network', `could not resolve ${host}`, { cause: error });
    case 'ECONNREFUSED':
      return new SafeFetchError('network', `connection refused by ${host}`, { cause: error });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new SafeFetchError('network', `connection to ${host} was closed unexpectedly`, { cause: error });
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SafeFetchError('network', `${host} is unreachable`, { cause: error });
  }
  if (code.startsWith('HPE_')) return new SafeFetchError('network', `invalid HTTP response from ${host}`, { cause: error });
  if (/CERT|TLS|SSL/.test(code)) return new SafeFetchError('network', `TLS error (${code})`, { cause: error });
  return new SafeFetchError('network', `could not fetch the ${noun} (${code || error.message})`, { cause: error });
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

/** BOM, then the HTTP charset, then a <meta charset> or an <?xml encoding?> in the first 1024 bytes, then UTF-8. */
function decodeText(body: Buffer, headerCharset: string | undefined): string {
  let label = headerCharset;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) label = 'utf-8';
  else if (body[0] === 0xfe && body[1] === 0xff) label = 'utf-16be';
  else if (body[0] === 0xff && body[1] === 0xfe) label = 'utf-16le';
  else if (!label) {
    const head = body.subarray(0, 1024).toString('latin1');
    const sniffed = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1] ?? /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1];
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
