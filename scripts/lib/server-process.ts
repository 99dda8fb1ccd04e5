// How a production server is started: by `npm start` (scripts/start.ts), the benchmark and the
// reliability suite alike, so that all of them run and measure the same process.
import path from 'node:path';

/** The production server compiled to plain JavaScript by `npm run build` (scripts/build.ts). */
export function serverEntry(distDir: string): string {
  return path.join(distDir, 'serve', 'serve.mjs');
}

/**
 * A server's memory flags (README, "Reliability": resident memory), measured on every page under
 * closed-loop load; server CPU per request stayed within run-to-run variation (1.4–2.0 ms):
 * - V8's heap capped at 256 MB. Uncapped, V8 sizes it from the machine's memory and lets it grow
 *   to 435–560 MB over a live heap of 120–150 MB; caps of 160–192 MB measured up to 30 % more CPU
 *   per request in garbage collection, or no gain within the noise.
 * - 2 MB semi-spaces: a young generation of 4 MB instead of 32.
 * - Prisma's query compiler (WebAssembly) run by V8's baseline compiler only: the optimizing tier
 *   recompiled it in the background, and the 40–50 MB that compilation took was never given back
 *   (a process with the client alone: 229–246 MB two seconds after its first query, 182–185 MB
 *   with this flag).
 * - One V8 background thread instead of four: each kept its own malloc arena of freed compiler
 *   memory (35–77 MB outside the heap with four, 12–45 MB with one).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=2', '--liftoff-only', '--v8-pool-size=1'];

/** The command and environment of one production server (NODE_ENV=production added). */
export function serverProcess(distDir: string, env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: process.execPath,
    args: [...SERVER_NODE_FLAGS, serverEntry(distDir)],
    env: { ...env, BRISK_DIST_DIR: distDir, NODE_ENV: 'production' },
  };
}
