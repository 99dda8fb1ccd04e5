// The production server (scripts/serve.ts and the modules it imports) compiled to plain
// JavaScript at build time, so that it runs on Node alone: run through tsx it carried tsx's
// loader thread and its transforms (about 20–35 MB of resident memory per server).
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { serverEntry } from './server-process';

/** Next's subpath imports (`next/server`) name files without extension, which Node's ESM loader needs. */
const nextSubpaths: Plugin = {
  name: 'next-subpaths',
  setup(builder) {
    builder.onResolve({ filter: /^next\// }, (args) => ({ path: args.path.endsWith('.js') ? args.path : `${args.path}.js`, external: true }));
  },
};

export async function compileServer(distDir: string): Promise<string> {
  const entry = serverEntry(distDir);
  await build({
    entryPoints: ['scripts/serve.ts'],
    outdir: path.dirname(entry),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    // Packages stay in node_modules, loaded as before; the dynamic imports of serve.ts stay
    // separate chunks, so that they load after Next has set up its server environment.
    packages: 'external',
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: 'tsconfig.json',
    plugins: [nextSubpaths],
    logLevel: 'warning',
  });
  return entry;
}
