import { randomBytes, timingSafeEqual } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import ipaddr from 'ipaddr.js';
import { env } from '@/lib/env';
import { copyRequest } from '@/lib/http/copy-request';
import { processGlobal } from '@/lib/process-global';

/*
 * Who is asking: the client's address, for the sign-in limiter, Better Auth's own rate limit and
 * the sessions table, and whether X-Forwarded-Host may be believed.
 *
 * Next.js gives no route handler, server action or proxy the socket's address. Its server only
 * fills in `x-forwarded-for` from the socket when the request has none (base-server.js:
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so a client that sends its own
 * X-Forwarded-For replaces the socket's address with any value it likes, and nothing downstream
 * can tell the two apart. So the address is taken where the socket is still known: Node's HTTP
 * server publishes every request on the `http.server.request.start` diagnostics channel, with its
 * socket, synchronously before Next sees it. The subscriber (installed by instrumentation.ts,
 * once per server process) stamps the request with a header of ours holding the socket's
 * address, replacing whatever a client sent under that name.
 *
 * The stamp carries a random per-process nonce: requests that arrive before instrumentation runs
 * (the first second of a start) have no stamp, and a client's own `x-brisk-peer` never carries
 * the nonce, so neither is mistaken for a socket address. Such requests have no known peer, and
 * the limiter puts them all in one shared "unknown" bucket.
 */

/** The request header the subscriber stamps: `<nonce> <socket address>`. */
export const PEER_HEADER = 'x-brisk-peer';
/**
 * The header Better Auth reads the client's address from (advanced.ipAddress.ipAddressHeaders).
 * Brisk sets it itself on every request it hands to Better Auth (authHeaders), never a client.
 */
export const CLIENT_ADDRESS_HEADER = 'x-brisk-client-address';

const nonce = () => processGlobal('peerNonce', () => randomBytes(16).toString('hex'));

/**
 * Subscribes to Node's HTTP server requests and stamps each with its socket's address. Idempotent
 * per process. Runs in the server process (instrumentation.ts); harmless anywhere else.
 */
export function installPeerStamp(): void {
  processGlobal('peerStampInstalled', () => {
    subscribe('http.server.request.start', (message) => {
      const { request, socket } = message as { request: IncomingMessage; socket: Socket };
      const address = socket?.remoteAddress;
      if (address) request.headers[PEER_HEADER] = `${nonce()} ${address}`;
      else delete request.headers[PEER_HEADER];
    });
    return true;
  });
}

/** Headers stamped as if the request came from `address` (tests, and requests built in-process). */
export function stampPeer(headers: HeadersInit | undefined, address: string): Headers {
  const stamped = new Headers(headers);
  stamped.set(PEER_HEADER, `${nonce()} ${address}`);
  return stamped;
}

/** An address in canonical form (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
export function normalizeAddress(value: string): string | null {
  const text = value.trim();
  if (!ipaddr.IPv4.isValidFourPartDecimal(text) && !ipaddr.IPv6.isValid(text)) return null;
  return ipaddr.process(text).toString();
}

/** The socket address of a stamped request, or null (no stamp, or a stamp not made here). */
export function peerAddress(headers: Headers): string | null {
  const value = headers.get(PEER_HEADER);
  const space = value?.indexOf(' ') ?? -1;
  if (!value || space < 0) return null;
  const given = Buffer.from(value.slice(0, space));
  const expected = Buffer.from(nonce());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return normalizeAddress(value.slice(space + 1));
}

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

function parseRanges(entries: readonly string[]): Range[] {
  return entries.map((entry) => {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    const address = ipaddr.parse(entry);
    return [address, address.kind() === 'ipv4' ? 32 : 128] as Range;
  });
}

const rangesOf = (entries: readonly string[]) => {
  const memo = processGlobal('trustedProxyRanges', () => new Map<string, Range[]>());
  const key = entries.join(',');
  let ranges = memo.get(key);
  if (!ranges) memo.set(key, (ranges = parseRanges(entries)));
  return ranges;
};

/** Whether an address (canonical form) is one of the trusted proxies. */
export function isTrustedProxy(address: string, trusted: readonly string[]): boolean {
  if (trusted.length === 0) return false;
  const parsed = ipaddr.process(address);
  return rangesOf(trusted).some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits));
}

/**
 * The client's address: the peer itself unless the peer is a trusted proxy; then X-Forwarded-For
 * is walked from the right (each proxy appends the address it received from), skipping trusted
 * hops, and the first untrusted hop is the client. Values to its left were written by the client
 * and are never read. A malformed hop before an untrusted one means the chain cannot be read:
 * null. When every hop is trusted, the left-most is the client (a request from inside).
 */
export function resolveClientAddress(peer: string | null, forwardedFor: string | null, trusted: readonly string[]): string | null {
  if (!peer) return null;
  if (!isTrustedProxy(peer, trusted)) return peer;
  const hops = (forwardedFor ?? '').split(',').map((hop) => hop.trim()).filter(Boolean);
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]!);
    if (!hop) return null;
    if (!isTrustedProxy(hop, trusted)) return hop;
    client = hop;
  }
  return client;
}

/** The client's address of a request (see resolveClientAddress), or null when it is unknown. */
export function clientAddress(headers: Headers, trusted: readonly string[] = env().TRUSTED_PROXIES): string | null {
  return resolveClientAddress(peerAddress(headers), headers.get('x-forwarded-for'), trusted);
}

/**
 * The host the client asked for: X-Forwarded-Host (its right-most value, set by the proxy
 * nearest to Brisk) when the peer is a trusted proxy, else the Host header. A client talking to
 * Brisk directly cannot choose the host its own Origin is compared with.
 */
export function requestedHost(headers: Headers, trusted: readonly string[] = env().TRUSTED_PROXIES): string | null {
  const peer = peerAddress(headers);
  const forwarded = headers.get('x-forwarded-host');
  if (peer && forwarded && isTrustedProxy(peer, trusted)) {
    const hosts = forwarded.split(',').map((host) => host.trim()).filter(Boolean);
    if (hosts.length > 0) return hosts[hosts.length - 1]!.toLowerCase();
  }
  return headers.get('host')?.toLowerCase() ?? null;
}

/**
 * A copy of the headers to hand to Better Auth: CLIENT_ADDRESS_HEADER holds the client's
 * address as resolved here (or is absent when unknown), whatever the client sent under it.
 */
export function authHeaders(headers: Headers): Headers {
  const copy = new Headers(headers);
  const address = clientAddress(headers);
  if (address) copy.set(CLIENT_ADDRESS_HEADER, address);
  else copy.delete(CLIENT_ADDRESS_HEADER);
  return copy;
}

/** The request with authHeaders (for Better Auth's route handler); the body is passed on as is. */
export function authRequest(request: Request): Request {
  return copyRequest(request, { headers: authHeaders(request.headers) });
}
