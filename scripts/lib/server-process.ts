// How a production server is started: by `npm start` (scripts/start.ts), the benchmark and the
// reliability suite alike, so that all of them run and measure the same process.
import path from 'node:path';

/** The production server compiled to plain JavaScript by `npm run build` (scripts/build.ts). */
export function serverEntry(distDir: string): string {
  return path.join(distDir, 'serve', 'serve.mjs');
}

/**
 * A server's memory flags (README, "Reliability": resident memory), measured on every page under
 * load, to keep a server under plan 000's 256 MB:
 * - V8's heap capped at 256 MB. Uncapped, V8 sizes it from the machine's memory and lets it grow
 *   to 435–560 MB over a live heap of 120–150 MB.
 * - `--optimize-for-size`: V8 keeps its heap close to what is live (collecting and compacting
 *   sooner) and its young generation at 1 MB semi-spaces. Peak RSS under load 33–45 MB lower, at
 *   a fifth more server CPU per request on the mixed load (4.56 against 3.75 ms at a fixed rate)
 *   and half again on a full render (32–35 against 21–24 ms). Without a 256 MB limit per
 *   instance, leave it out and the render CPU comes back.
 * - Prisma's query compiler (WebAssembly) run by V8's baseline compiler only: the optimizing tier
 *   recompiled it in the background, and the 40–50 MB that compilation took was never given back.
 * - One V8 background thread instead of four: each kept its own malloc arena of freed compiler
 *   memory (35–77 MB outside the heap with four, 12–45 MB with one).
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256', '--optimize-for-size', '--liftoff-only', '--v8-pool-size=1'];

/**
 * glibc's mmap threshold pinned at 128 kB: larger blocks (response buffers, Redis replies) are
 * mapped and unmapped on their own instead of raising the threshold and staying in the arenas.
 * Pinning it also stops glibc from raising its trim threshold, so freed memory goes back to the
 * system. Measured: peak RSS 10–13 MB lower, CPU per request within the runs' noise.
 */
export const SERVER_MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' };

/** The command and environment of one production server (NODE_ENV=production added). */
export function serverProcess(distDir: string, env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: process.execPath,
    args: [...SERVER_NODE_FLAGS, serverEntry(distDir)],
    env: { ...SERVER_MALLOC_ENV, ...env, BRISK_DIST_DIR: distDir, NODE_ENV: 'production' },
  };
}
