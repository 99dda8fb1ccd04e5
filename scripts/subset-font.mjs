// Writes app/fonts/geist-latin.woff2: Geist (the variable font of the `geist` package) cut down to
// the characters Brisk's pages use (Latin, Latin-1, typographic punctuation and a few symbols) and
// to the weights they use (400–700). 69.5 kB → about 22 kB on every first visit. Run it again
// after upgrading `geist` or when the UI needs other characters: `node scripts/subset-font.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import subsetFont from 'subset-font';

const require = createRequire(import.meta.url);
// The package's exports do not list its font files: find them from its entry point.
const source = path.join(path.dirname(require.resolve('geist/font/sans')), 'fonts/geist-sans/Geist-Variable.woff2');
const target = path.resolve('app/fonts/geist-latin.woff2');

const ranges = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0xff], // Latin-1 Supplement (é, ü, ©, ·, €-less)
  [0x152, 0x153], // Œ œ
];
let characters = '‘’‚“”„–—…•‹›€→←↑↓×✓✗⚠≈−·';
for (const [from, to] of ranges) for (let code = from; code <= to; code++) characters += String.fromCodePoint(code);

const font = readFileSync(source);
const subset = await subsetFont(font, characters, { targetFormat: 'woff2', variationAxes: { wght: { min: 400, max: 700 } } });
writeFileSync(target, subset);
console.log(`${path.relative(process.cwd(), target)}: ${(font.length / 1024).toFixed(1)} kB → ${(subset.length / 1024).toFixed(1)} kB`);
