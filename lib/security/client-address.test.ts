import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { asRouteHandlerRequest } from '@/test/routes';
import { CLIENT_ADDRESS_HEADER, PEER_HEADER, authHeaders, authRequest, clientAddress, installPeerStamp, normalizeAddress, peerAddress, requestedHost, resolveClientAddress, stampPeer } from './client-address';

describe('resolveClientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1', [])).toBe('198.51.100.7');
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1, 10.0.0.1', ['10.0.0.0/8'])).toBe('198.51.100.7');
  });

  it('behind trusted proxies, is the right-most untrusted hop; values the client wrote to its left are ignored', () => {
    const trusted = ['10.0.0.0/8', '127.0.0.1'];
    expect(resolveClientAddress('10.0.0.2', '198.51.100.7', trusted)).toBe('198.51.100.7');
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(resolveClientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7', trusted)).toBe('198.51.100.7');
    // Two proxies: the outer one appended the client, the inner one the outer one.
    expect(resolveClientAddress('127.0.0.1', '1.2.3.4, 198.51.100.7, 10.0.0.9', trusted)).toBe('198.51.100.7');
    // Every hop trusted: a request from inside; the left-most is the client.
    expect(resolveClientAddress('10.0.0.2', '10.0.0.5, 10.0.0.9', trusted)).toBe('10.0.0.5');
    expect(resolveClientAddress('10.0.0.2', null, trusted)).toBe('10.0.0.2');
    // Garbage before the first untrusted hop: the chain cannot be read.
    expect(resolveClientAddress('10.0.0.2', '198.51.100.7, not-an-ip', trusted)).toBeNull();
  });

  it('has no address without a known peer, and treats IPv4-mapped IPv6 as IPv4', () => {
    expect(resolveClientAddress(null, '198.51.100.7', [])).toBeNull();
    expect(resolveClientAddress(normalizeAddress('::ffff:127.0.0.1'), '198.51.100.7', ['127.0.0.1'])).toBe('198.51.100.7');
    expect(resolveClientAddress('2001:db8::1', '198.51.100.7', ['2001:db8::/32'])).toBe('198.51.100.7');
  });

  it('normalizes addresses and refuses what is not one', () => {
    expect(normalizeAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeAddress(' 2001:DB8::1 ')).toBe('2001:db8::1');
    for (const bad of ['', 'localhost', '1.2.3', '1.2.3.4:80', '0x7f.0.0.1', '<script>']) expect(normalizeAddress(bad), bad).toBeNull();
  });
});

describe('the peer stamp', () => {
  it('is only believed when it carries this process’s nonce', () => {
    expect(peerAddress(stampPeer(undefined, '198.51.100.7'))).toBe('198.51.100.7');
    expect(peerAddress(new Headers({ [PEER_HEADER]: '198.51.100.7' }))).toBeNull();
    expect(peerAddress(new Headers({ [PEER_HEADER]: `${'0'.repeat(32)} 198.51.100.7` }))).toBeNull();
    expect(peerAddress(new Headers())).toBeNull();
  });

  it('is set from the socket by the HTTP server, replacing what the client sent', async () => {
    installPeerStamp();
    installPeerStamp(); // idempotent
    const seen: { peer: string | null; forwardedFor: string | undefined }[] = [];
    const server = http.createServer((request, response) => {
      const headers = new Headers(Object.entries(request.headers).map(([k, v]): [string, string] => [k, String(v)]));
      seen.push({ peer: peerAddress(headers), forwardedFor: request.headers['x-forwarded-for'] as string | undefined });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/`, { headers: { [PEER_HEADER]: 'spoofed 203.0.113.9', 'x-forwarded-for': '203.0.113.9' } });
      expect(seen).toEqual([{ peer: '127.0.0.1', forwardedFor: '203.0.113.9' }]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives Better Auth the resolved address under a header of ours, never the client’s value', () => {
    const spoofed = new Headers({ [CLIENT_ADDRESS_HEADER]: '203.0.113.9', 'x-forwarded-for': '203.0.113.9' });
    expect(authHeaders(spoofed).get(CLIENT_ADDRESS_HEADER)).toBeNull();
    const stamped = stampPeer(spoofed, '198.51.100.7');
    expect(authHeaders(stamped).get(CLIENT_ADDRESS_HEADER)).toBe('198.51.100.7');
    // The request as the route receives it from Next (a Proxy), its body passed on as is.
    const request = authRequest(asRouteHandlerRequest(new Request('http://localhost:3000/api/auth/sign-out', { method: 'POST', headers: stamped, body: '{}' })));
    expect(request.method).toBe('POST');
    expect(request.headers.get(CLIENT_ADDRESS_HEADER)).toBe('198.51.100.7');
  });
});

describe('requestedHost', () => {
  it('believes X-Forwarded-Host (its right-most value) only from a trusted proxy', () => {
    const headers = (peer: string) => stampPeer({ host: 'brisk.internal:3000', 'x-forwarded-host': 'evil.test, brisk.example.com', 'x-forwarded-for': '198.51.100.7' }, peer);
    expect(requestedHost(headers('10.0.0.2'), ['10.0.0.0/8'])).toBe('brisk.example.com');
    expect(clientAddress(headers('10.0.0.2'), ['10.0.0.0/8'])).toBe('198.51.100.7');
    expect(requestedHost(headers('198.51.100.7'), ['10.0.0.0/8'])).toBe('brisk.internal:3000');
    expect(requestedHost(headers('10.0.0.2'), [])).toBe('brisk.internal:3000');
    expect(requestedHost(new Headers({ host: 'Brisk.Example.com', 'x-forwarded-host': 'evil.test' }), ['10.0.0.0/8'])).toBe('brisk.example.com');
  });
});
