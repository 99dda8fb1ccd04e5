import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Env } from '@/lib/env';

/** Whether something accepts TCP connections on the loopback port. */
export function portIsOpen(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface RunningDatabase {
  /** Undefined when an embedded server started elsewhere (`npm run db:server`) is reused. */
  child?: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts scripts/db-server.ts in its own process and resolves once it accepts connections.
 * A server already listening on the port (started by another command) is reused; its
 * lockfile guarantees it serves the same data folder.
 */
export async function startEmbeddedProcess(config: Env): Promise<RunningDatabase> {
  if (await portIsOpen(config.EMBEDDED_DB_PORT)) {
    console.log(`using the embedded database already running on port ${config.EMBEDDED_DB_PORT}`);
    return { stop: async () => {} };
  }
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('scripts/db-server.ts')], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: process.env,
  });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
      if (output.includes('embedded database ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the embedded database exited (code ${code}) before it was ready`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Runs `work` with the embedded database up (when DATABASE_URL is unset), then stops it. */
export async function withEmbeddedServer<T>(config: Env, work: () => Promise<T>): Promise<T> {
  if (!config.embeddedDatabase) return work();
  const db = await startEmbeddedProcess(config);
  try {
    return await work();
  } finally {
    await db.stop();
  }
}
