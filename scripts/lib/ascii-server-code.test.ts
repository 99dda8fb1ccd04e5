import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { asciiOnly, asciiServerCode, needsTwoBytes } from './ascii-server-code';

// A chunk shaped like webpack's server output, with characters beyond Latin-1 where a bundle has
// them: strings, templates, identifiers, object keys and a comment, next to regular expressions
// that match such characters.
const chunk = [
  '"use strict";exports.id=1,exports.modules={1:(a,b)=>{',
  '/* moves → forward */',
  'const ñ="café";const dash="a – b";const arrow=`from ${ñ} → to`;',
  'const table={"ā":"a","Ő":"O"};const re=/[\\u0100-\\u017f\\u2192]+/g;const astral=/\\u{1F600}/u;',
  'b.out={dash,arrow,table:Object.keys(table).join(""),match:"xāŐ→y".match(re)[0],astral:astral.test("a😀"),length:"→😀".length,ñ};',
  '}};',
].join('\n');

function run(source: string): unknown {
  const exports: { modules?: Record<number, (a: unknown, b: { out?: unknown }) => void> } = {};
  vm.runInNewContext(source, { exports });
  const b: { out?: unknown } = {};
  exports.modules![1]!({}, b);
  return b.out;
}

describe('asciiOnly', () => {
  it('keeps the program the same while every character becomes ASCII', async () => {
    expect(needsTwoBytes(chunk)).toBe(true);
    const rewritten = await asciiOnly(chunk);
    expect(/^[\x00-\x7f]*$/.test(rewritten)).toBe(true);
    expect(needsTwoBytes(rewritten)).toBe(false);
    expect(run(rewritten)).toEqual(run(chunk));
    expect(run(chunk)).toMatchObject({ dash: 'a – b', arrow: 'from café → to', match: 'āŐ→', astral: true, length: 3 });
  });

  it('leaves a regular expression literal as written (esbuild does not escape inside one), and it still matches', async () => {
    const source = 'exports.modules={1:(a,b)=>{b.out="x→y".replace(/→/g,"-")}};';
    const rewritten = await asciiOnly(source);
    expect(rewritten).toContain('/→/g');
    expect(run(rewritten)).toBe('x-y');
  });

  it('rejects a script it cannot parse rather than writing a broken one', async () => {
    await expect(asciiOnly('const = "→";')).rejects.toThrow();
  });
});

describe('asciiServerCode', () => {
  it('rewrites only the server scripts that would load as two-byte strings', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'brisk-ascii-'));
    mkdirSync(path.join(dist, 'server', 'chunks'), { recursive: true });
    mkdirSync(path.join(dist, 'static'), { recursive: true });
    const latin1 = 'exports.x="café";';
    const mostlyWide = `exports.table="${'→'.repeat(1000)}";`;
    writeFileSync(path.join(dist, 'server', 'chunks', 'wide.js'), chunk);
    writeFileSync(path.join(dist, 'server', 'chunks', 'latin1.js'), latin1);
    writeFileSync(path.join(dist, 'server', 'chunks', 'table.js'), mostlyWide);
    writeFileSync(path.join(dist, 'static', 'client.js'), chunk);

    const result = await asciiServerCode(dist);

    expect(result.files).toBe(1);
    expect(result.after).toBeLessThan(result.before);
    const wide = readFileSync(path.join(dist, 'server', 'chunks', 'wide.js'), 'utf8');
    expect(needsTwoBytes(wide)).toBe(false);
    expect(run(wide)).toEqual(run(chunk));
    // One-byte already (Latin-1): left as it was; client scripts are the browser's, not touched.
    expect(readFileSync(path.join(dist, 'server', 'chunks', 'latin1.js'), 'utf8')).toBe(latin1);
    // Escaped, a table of such characters would take more memory than as two-byte text: kept.
    expect(readFileSync(path.join(dist, 'server', 'chunks', 'table.js'), 'utf8')).toBe(mostlyWide);
    expect(readFileSync(path.join(dist, 'static', 'client.js'), 'utf8')).toBe(chunk);
  });
});
