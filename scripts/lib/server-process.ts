// How a production server is started: by `npm start` (scripts/start.ts), the benchmark and the
// reliability suite alike, so that all of them run and measure the same process.
import path from 'node:path';

/** The production server compiled to plain JavaScript by `npm run build` (scripts/build.ts). */
export function serverEntry(distDir: string): string {
  return path.join(distDir, 'serve', 'serve.mjs');
}

/**
 * V8's heap, capped (README, "Reliability": resident memory). Uncapped, V8 sizes it from the
 * machine's memory (4 GB here) and lets it grow to 435–560 MB under load over a live heap of
 * 120–150 MB. 256 MB holds that live heap with the in-process caches full (64 MB) and measured
 * no CPU cost; 160 and 192 MB cost up to 30 % more CPU per request in garbage collection. A young
 * generation of 4 MB semi-spaces instead of 16 saves 24 MB at no measured cost.
 */
export const SERVER_NODE_FLAGS = ['--max-old-space-size=256', '--max-semi-space-size=4'];

/** The command and environment of one production server (NODE_ENV=production added). */
export function serverProcess(distDir: string, env: NodeJS.ProcessEnv): { command: string; args: string[]; env: NodeJS.ProcessEnv } {
  return {
    command: process.execPath,
    args: [...SERVER_NODE_FLAGS, serverEntry(distDir)],
    env: { ...env, BRISK_DIST_DIR: distDir, NODE_ENV: 'production' },
  };
}
