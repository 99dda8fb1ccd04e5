// How a production server is started: by `npm start` (scripts/start.ts), the benchmark and the
// reliability suite alike, so that all of them run and measure the same process.
import path from 'node:path';

/** The production server compiled to plain JavaScript by `npm run build` (scripts/build.ts). */
export function serverEntry(distDir: string): string {
  return path.join(distDir, 'serve', 'serve.mjs');
}

/**
 * A server's memory flags (README, "Reliability": resident memory), each measured on every page
 * under closed-loop load:
 * - V8's heap capped at 256 MB. Uncapped, V8 sizes it from the machine's memory and lets it grow
 *   to 435–560 MB over a live heap of 120–150 MB; lower caps (160–192 MB) cost up to 30 % more
 *   CPU per request in garbage collection.
 * - A young generation of 2 MB semi-spaces instead of 16: 28 MB less, no measured CPU cost.
 * - Prisma's query compiler (WebAssembly) run by V8's baseline compiler only: its optimizing
 *   tier recompiled the module in the background into 40–50 MB of memory that was never given
 *   back, to speed up only the compilation of ORM queries, whose plans Prisma caches.
 * - One V8 background thread instead of four: each kept its own malloc arena of freed compiler
 *   memory (12–45 MB more in all); on two cores the others only queued.
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
