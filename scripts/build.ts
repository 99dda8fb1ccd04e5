// `npm run build`: next build (with webpack: its client chunks for a page's first load measured
// 115.6 kB brotli against Turbopack's 120.4 kB on /wishlists, under the 120 kB budget), then a
// brotli copy of every static script and stylesheet (scripts/lib/precompress.ts), which the
// server sends to browsers that accept brotli, the server's bundled code rewritten in ASCII
// (scripts/lib/ascii-server-code.ts: half the memory its source takes in every server), and the
// production server compiled to plain JavaScript (scripts/lib/compile-server.ts).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { asciiServerCode } from './lib/ascii-server-code';
import { compileServer } from './lib/compile-server';
import { precompressStatic } from './lib/precompress';

const build = spawnSync(process.execPath, [path.resolve('node_modules/next/dist/bin/next'), 'build', '--webpack'], { stdio: 'inherit', env: process.env });
if (build.status !== 0) process.exit(build.status ?? 1);
const distDir = process.env.BRISK_DIST_DIR ?? '.next';
const { files, before, after } = precompressStatic(distDir);
console.log(`precompressed ${files} static files: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB (brotli)`);
const ascii = await asciiServerCode(distDir);
console.log(`rewrote ${ascii.files} server scripts in ASCII: their source in memory ${(ascii.before / 1048576).toFixed(1)} MB → ${(ascii.after / 1048576).toFixed(1)} MB`);
console.log(`compiled the production server: ${await compileServer(distDir)}`);
