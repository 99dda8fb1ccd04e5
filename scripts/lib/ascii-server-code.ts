// The server's bundled code rewritten with ASCII-only characters after `next build`.
// V8 keeps the source of every loaded script for as long as the process lives, as a one-byte
// string when every character fits in Latin-1 and as a two-byte string otherwise. One arrow,
// dash or accented letter in a 1 MB chunk (a comment kept by the minifier, a Unicode table of a
// library) doubles that chunk's cost: measured on a server with every page loaded, 14.7 of the
// 17.2 MB of bundled source it held were two-byte. esbuild reprints such a chunk with `\uXXXX`
// escapes, which mean the same to the parser in strings, templates and identifiers (it leaves
// regular-expression literals as written: 3 small chunks of 150 stay two-byte). Comments other
// than legal ones are dropped, as the minifier had dropped them already.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from 'esbuild';
import { filesUnder } from './files';

/** Whether V8 would hold this source as a two-byte string (a character beyond Latin-1). */
export function needsTwoBytes(source: string): boolean {
  return /[^\u0000-\u00ff]/.test(source);
}

/** The same program with every non-ASCII character escaped (whitespace and comments minified). */
export async function asciiOnly(source: string): Promise<string> {
  const { code } = await transform(source, { loader: 'js', charset: 'ascii', minifyWhitespace: true, legalComments: 'inline' });
  return code;
}

/** Rewrites the build's server scripts that would load as two-byte strings; returns what it did. */
export async function asciiServerCode(distDir: string): Promise<{ files: number; before: number; after: number }> {
  let files = 0;
  let before = 0;
  let after = 0;
  for (const file of filesUnder(path.join(distDir, 'server'), /\.(js|cjs|mjs)$/)) {
    const source = readFileSync(file, 'utf8');
    if (!needsTwoBytes(source)) continue;
    const rewritten = await asciiOnly(source);
    // An escape takes 6 bytes for a character's 2: a script made mostly of such characters would grow.
    if (rewritten.length >= source.length * 2) continue;
    writeFileSync(file, rewritten);
    files += 1;
    // What V8 holds: two bytes a character before, one after.
    before += source.length * 2;
    after += rewritten.length;
  }
  return { files, before, after };
}
