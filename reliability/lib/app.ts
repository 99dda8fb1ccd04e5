import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { sleep } from '@/bench/lib/proc';
import { serverProcess } from '@/scripts/lib/server-process';

/**
 * One production server (scripts/serve.ts, compiled by the build: Next behind the render cache), as the suite's child,
 * tracked by pid: stopped gracefully, or killed (SIGKILL) to play a crash.
 */
export class AppInstance {
  private child: ChildProcess | undefined;
  private readonly logStream: WriteStream;
  readonly origin: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly distDir: string,
    readonly logFile: string,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    mkdirSync(path.dirname(logFile), { recursive: true });
    this.logStream = createWriteStream(logFile, { flags: 'a' });
  }

  async start(): Promise<number> {
    const started = Date.now();
    this.logStream.write(`\n==== ${this.name} start ${new Date().toISOString()} ====\n`);
    const server = serverProcess(this.distDir, { ...this.env, PORT: String(this.port), HOSTNAME: '127.0.0.1', NEXT_TELEMETRY_DISABLED: '1' });
    const child = spawn(server.command, server.args, { env: server.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(this.logStream, { end: false });
    child.stderr!.pipe(this.logStream, { end: false });
    this.child = child;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited at once: see ${this.logFile}`);
      try {
        const response = await fetch(`${this.origin}/sign-in`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > 240_000) throw new Error(`${this.name} did not answer within 240 s: see ${this.logFile}`);
      await sleep(100);
    }
    return Date.now() - started;
  }

  get pid(): number | undefined {
    return this.child?.exitCode === null ? this.child.pid : undefined;
  }

  /** Resident memory (kB) of the server process, from /proc. */
  rssKb(): number | null {
    const pid = this.pid;
    if (!pid) return null;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match ? Number(match[1]) : null;
    } catch {
      return null;
    }
  }

  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM', 10_000);
  }

  private async signal(signal: NodeJS.Signals, killAfterMs?: number) {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = killAfterMs ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
    await exited;
    if (timer) clearTimeout(timer);
  }

  /** Lines of its log that show an unhandled rejection or exception (a crash in waiting). */
  logErrors(): string[] {
    try {
      return readFileSync(this.logFile, 'utf8')
        .split('\n')
        .filter((line) => /unhandledRejection|uncaughtException|Unhandled promise rejection/i.test(line));
    } catch {
      return [];
    }
  }

  close() {
    this.logStream.end();
  }
}
