import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RENDER_ID_HEADER } from '@/lib/render-cache/outcome';
import { databaseRecentlyFailed, databaseUnavailableHeaders, databaseUnavailableHtml, renderHitUnavailableDatabase } from './health';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** A render still running after this answers 503 (the bound: never a hang over 5 s). */
const RENDER_DEADLINE_MS = 4_000;

function isDocumentRequest(req: IncomingMessage): boolean {
  return req.method === 'GET' && req.headers.rsc === undefined && String(req.headers.accept ?? '').includes('text/html');
}

/**
 * Pages while the database is failing. A page streams: its 200 and its shell leave before its
 * data is read, so a read that fails can only show an error box in a page that says 200. While
 * a database failure is recent (lib/db/health.ts), a document request is rendered in full before
 * anything is sent: when the render hit an unreachable database (instrumentation's
 * onRequestError names the render), or is still running after 4 s, the answer is a 503 page
 * with Retry-After instead; otherwise the page goes out as rendered (its data came from the
 * cache's grace copies). The rest of the time pages stream as usual, at no cost.
 */
export function degradedModeHandler(next: Handler): Handler {
  return async (req, res) => {
    if (!isDocumentRequest(req) || !databaseRecentlyFailed()) return next(req, res);
    const renderId = (req.headers[RENDER_ID_HEADER] as string | undefined) ?? randomUUID();
    req.headers[RENDER_ID_HEADER] = renderId;

    const original = { writeHead: res.writeHead.bind(res), write: res.write.bind(res), end: res.end.bind(res), flushHeaders: res.flushHeaders.bind(res) };
    const chunks: { chunk: unknown; encoding?: unknown }[] = [];
    let head: { status: number; args: unknown[] } | null = null;
    let settled = false;
    let finish!: () => void;
    const ended = new Promise<void>((resolve) => (finish = resolve));

    res.writeHead = ((status: number, ...args: unknown[]) => {
      if (!settled) head = { status, args };
      return res;
    }) as typeof res.writeHead;
    res.flushHeaders = () => {};
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (!settled) chunks.push({ chunk, encoding: typeof rest[0] === 'string' ? rest[0] : undefined });
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof res.write;
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (!settled && chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push({ chunk, encoding: typeof rest[0] === 'string' ? rest[0] : undefined });
      const callback = [chunk, ...rest].find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      finish();
      return res;
    }) as typeof res.end;

    const restore = () => {
      settled = true;
      Object.assign(res, original);
    };
    const unavailable = () => {
      restore();
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      const body = databaseUnavailableHtml();
      res.writeHead(503, { ...databaseUnavailableHeaders(), 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };

    let failure: { error: unknown } | null = null;
    void next(req, res).catch((error: unknown) => {
      failure = { error };
      finish();
    });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), RENDER_DEADLINE_MS)));
    const outcome = await Promise.race([ended.then(() => 'ended' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'late') {
      unavailable();
      // The render goes on in the background; what it writes now goes nowhere.
      res.write = (() => true) as typeof res.write;
      res.end = (() => res) as typeof res.end;
      return;
    }
    if (failure && !head && chunks.length === 0) {
      restore();
      throw (failure as { error: unknown }).error;
    }
    // onRequestError may be reported right after the stream's end.
    await new Promise((resolve) => setImmediate(resolve));
    if (renderHitUnavailableDatabase(renderId)) {
      unavailable();
      return;
    }
    restore();
    if (head) {
      const { status, args } = head as { status: number; args: unknown[] };
      (res.writeHead as (status: number, ...args: unknown[]) => ServerResponse)(status, ...args);
    }
    for (const { chunk, encoding } of chunks) (res.write as (chunk: unknown, encoding?: BufferEncoding) => boolean)(chunk, encoding as BufferEncoding | undefined);
    res.end();
  };
}
