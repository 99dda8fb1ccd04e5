import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  // RFC 9239's name, and no charset (scripts are UTF-8 by default): every byte of a first load counts.
  '.js': 'text/javascript',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Serves a build's static scripts and stylesheets brotli-compressed from the `.br` files the build
 * wrote (scripts/lib/precompress.ts), to browsers that accept brotli; answers false for anything
 * else, which Next then serves as usual. Files are content-hashed and immutable: each is read
 * once and kept in memory.
 */
export function brotliStaticAssets(distDir: string): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const root = path.resolve(distDir, 'static');
  const kept = new Map<string, Buffer | null>();
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const url = req.url ?? '';
    if (!url.startsWith('/_next/static/')) return false;
    if (!/\bbr\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
    let relative: string;
    try {
      relative = decodeURIComponent(url.slice('/_next/static/'.length).split('?')[0]!);
    } catch {
      return false;
    }
    const file = path.resolve(root, relative);
    const type = CONTENT_TYPES[path.extname(file)];
    if (!type || !file.startsWith(`${root}${path.sep}`)) return false;
    let body = kept.get(file);
    if (body === undefined) {
      body = await readFile(`${file}.br`).catch(() => null);
      kept.set(file, body);
    }
    if (!body) return false;
    res.writeHead(200, {
      'content-type': type,
      'content-encoding': 'br',
      'content-length': body.length,
      'cache-control': 'max-age=31536000, immutable',
      vary: 'Accept-Encoding',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}
