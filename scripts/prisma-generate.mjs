// Runs `prisma generate` without Prisma's schema-engine binary, which cannot always be
// downloaded: generate never calls the engine, but the CLI insists that one exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const harmless = ['/usr/bin/true', '/bin/true'].find((p) => existsSync(p)) ?? process.execPath;
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? harmless, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
if (result.status !== 0) process.exit(result.status ?? 1);

// The client compiles its queries with a WebAssembly module that Prisma ships as a base64 string
// inside a JavaScript module: every process that imports it holds the module's source and the
// string for its lifetime (9 MB of a server's heap, measured). Written out here once as a .wasm
// file, it is read, compiled and dropped when the client starts (README, "Reliability").
const GENERATED_CLASS = 'lib/generated/prisma/internal/class.ts';
const QUERY_COMPILER_WASM = 'lib/generated/prisma/internal/query_compiler_bg.wasm';
const BASE64_IMPORT = /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/[\w.]+\.wasm-base64\.mjs)"\)\s*\n\s*return await decodeBase64AsWasm\(wasm\)/;

const generated = readFileSync(GENERATED_CLASS, 'utf8');
const match = BASE64_IMPORT.exec(generated);
if (!match) {
  // A Prisma release that loads its WebAssembly differently: the client works as generated.
  console.warn(`prisma-generate: no base64 WebAssembly import in ${GENERATED_CLASS}; left as generated`);
  process.exit(0);
}
const { wasm } = await import(match[1]);
writeFileSync(QUERY_COMPILER_WASM, Buffer.from(wasm, 'base64'));
writeFileSync(
  GENERATED_CLASS,
  generated.replace(
    match[0],
    [
      `// Brisk (scripts/prisma-generate.mjs): the module from the file written at generate time, not`,
      `    // from ${match[1]} (its source and string would stay in memory).`,
      `    const { readFile } = await import('node:fs/promises')`,
      `    return new WebAssembly.Module(await readFile(${JSON.stringify(QUERY_COMPILER_WASM)}))`,
    ].join('\n'),
  ),
);
console.log(`prisma-generate: query compiler written to ${QUERY_COMPILER_WASM} (${(Buffer.byteLength(wasm, 'base64') / 1048576).toFixed(1)} MB)`);
