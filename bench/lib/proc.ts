import { spawn, type SpawnOptions } from 'node:child_process';
import net from 'node:net';

/** Whether nothing listens on this loopback port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first free loopback port from `from` on. */
export async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free loopback port in ${from}-${from + 199}`);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end. `onLine` sees each output line as it comes (progress of long
 * steps such as the build and the seed); the output is also returned.
 */
export function run(command: string, args: string[], options: SpawnOptions & { onLine?: (line: string) => void } = {}): Promise<RunResult> {
  const { onLine, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const lines = (chunk: Buffer, into: 'stdout' | 'stderr') => {
      const text = chunk.toString();
      if (into === 'stdout') stdout += text;
      else stderr += text;
      if (onLine) for (const line of text.split('\n')) if (line.trim()) onLine(line);
    };
    child.stdout!.on('data', (chunk: Buffer) => lines(chunk, 'stdout'));
    child.stderr!.on('data', (chunk: Buffer) => lines(chunk, 'stderr'));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** Runs a command and fails with its output when it fails. */
export async function runOrThrow(command: string, args: string[], options: Parameters<typeof run>[2] = {}): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.code}):\n${result.stderr || result.stdout}`.slice(0, 4000));
  return result;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
