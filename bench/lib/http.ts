import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { sleep } from './proc';

/** Sent with every measured request, as a browser does (Next compresses its responses). */
export const BROWSER_HEADERS = { 'accept-encoding': 'gzip', accept: 'text/html,application/json;q=0.9,*/*;q=0.8' };

export interface Timed {
  status: number;
  /** Milliseconds from sending the request to the first byte of the response. */
  ttfbMs: number;
  /** Milliseconds from sending the request to the last byte (a streamed page's whole stream). */
  totalMs: number;
  /** Bytes on the wire (compressed) and after decompression. */
  wireBytes: number;
  body: Buffer;
  headers: http.IncomingHttpHeaders;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

/** One GET, timed on a kept-alive connection. */
export function timedGet(url: string, headers: Record<string, string> = {}): Promise<Timed> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByte = 0;
    const request = http.get(url, { agent, headers: { ...BROWSER_HEADERS, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.once('data', () => (firstByte = performance.now()));
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const ended = performance.now();
        const wire = Buffer.concat(chunks);
        const body = response.headers['content-encoding'] === 'gzip' ? gunzipSync(wire) : wire;
        resolve({ status: response.statusCode ?? 0, ttfbMs: (firstByte || ended) - started, totalMs: ended - started, wireBytes: wire.length, body, headers: response.headers });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(60_000, () => request.destroy(new Error(`timeout: ${url}`)));
  });
}

/** Cookies of one signed-in viewer, kept up to date from Set-Cookie. */
export class CookieJar {
  private cookies = new Map<string, string>();

  update(setCookie: string[] | string | undefined) {
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/**
 * Signs a demo account in through the auth API and returns its cookies. Better Auth allows 3
 * sign-ins per 10 seconds from one address in production: a 429 is waited out.
 */
export async function signIn(origin: string, email: string, password: string): Promise<CookieJar> {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(`${origin}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({ email, password }),
    });
    await response.arrayBuffer();
    if (response.status === 429 && attempt < 5) {
      await sleep((Number(response.headers.get('x-retry-after') ?? '10') + 0.5) * 1000);
      continue;
    }
    if (!response.ok) throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
    const jar = new CookieJar();
    jar.update(response.headers.getSetCookie());
    return jar;
  }
}

/**
 * Renews the signed session-cookie cache (5 minutes): without it every request would read the
 * session from the database again, which a browser that keeps its cookies fresh avoids.
 */
export async function refreshSession(origin: string, jar: CookieJar): Promise<boolean> {
  // disableCookieCache: read the session from the database, which sets a fresh 5-minute cookie.
  const response = await fetch(`${origin}/api/auth/get-session?disableCookieCache=true`, { headers: { cookie: jar.header(), origin } });
  await response.arrayBuffer();
  const cookies = response.headers.getSetCookie();
  jar.update(cookies);
  return cookies.some((cookie) => cookie.includes('session_data='));
}

/** Parses Server-Timing (`db;dur=1.2;desc="3 statements", cache;desc="1 hits, 0 misses", total;dur=4.5`). */
export function parseServerTiming(header: string | string[] | undefined): { statements: number; dbMs: number; hits: number; misses: number; totalMs: number } | null {
  const value = Array.isArray(header) ? header.join(', ') : header;
  if (!value) return null;
  const statements = /db;dur=([\d.]+);desc="(\d+) statements"/.exec(value);
  const cache = /cache;desc="(\d+) hits, (\d+) misses"/.exec(value);
  const total = /total;dur=([\d.]+)/.exec(value);
  if (!statements) return null;
  return {
    statements: Number(statements[2]),
    dbMs: Number(statements[1]),
    hits: Number(cache?.[1] ?? 0),
    misses: Number(cache?.[2] ?? 0),
    totalMs: Number(total?.[1] ?? Number.NaN),
  };
}
