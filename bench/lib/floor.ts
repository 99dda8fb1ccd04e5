import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './proc';

/** Starts the floor server on fixed bytes; returns its origin and how to stop it. */
export async function startFloor(body: Buffer, contentType: string): Promise<{ origin: string; pid: number; stop: () => Promise<void> }> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'brisk-floor-'));
  const file = path.join(folder, 'body');
  writeFileSync(file, body);
  const port = await freePort(57460);
  const child: ChildProcess = fork(path.resolve('bench/lib/floor-server.ts'), [String(port), file, contentType], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
