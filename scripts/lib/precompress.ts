import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { filesUnder } from './files';

/** Files of a build's static folder worth compressing (fonts and images are compressed already). */
const COMPRESSIBLE = /\.(js|css|svg|txt|json|map)$/;

/**
 * Writes a `.br` next to every script and stylesheet of a build (brotli at its highest quality,
 * once, at build time): the server sends those to browsers that accept brotli instead of having
 * Next gzip the same file on every request (scripts/serve.ts). About 20 % fewer bytes than gzip.
 */
export function precompressStatic(distDir: string): { files: number; before: number; after: number } {
  let count = 0;
  let before = 0;
  let after = 0;
  const folder = path.join(distDir, 'static');
  for (const file of filesUnder(folder, COMPRESSIBLE)) {
    const content = readFileSync(file);
    const target = `${file}.br`;
    let existing: number | null = null;
    try {
      existing = statSync(target).mtimeMs;
    } catch {
      // not compressed yet
    }
    // Build outputs are content-hashed: a .br newer than its file is still right.
    if (existing === null || existing < statSync(file).mtimeMs) {
      writeFileSync(target, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
    }
    count += 1;
    before += content.length;
    after += statSync(target).size;
  }
  return { files: count, before, after };
}
