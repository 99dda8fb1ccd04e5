import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded database: PGlite (PostgreSQL compiled to WebAssembly) served over the Postgres
 * wire protocol, so the app, the migration runner and the tests all talk to it through `pg`
 * exactly as they would to a real server. PGlite does not lock its folder itself, so a lockfile
 * holding the owner's pid keeps a second server from opening (and corrupting) the same data.
 */
export interface EmbeddedServerOptions {
  /** Folder of the database files, or undefined for an in-memory database (tests). */
  dataDir?: string;
  port: number;
  host?: string;
  /** PGlite runs one query at a time; connections beyond this wait in the socket server's queue. */
  maxConnections?: number;
}

export interface EmbeddedServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export class DataDirLockedError extends Error {
  constructor(
    public readonly lockFile: string,
    public readonly pid: number,
  ) {
    super(`The embedded database in ${path.dirname(lockFile)} is already open by process ${pid}. Stop it first, or point BRISK_DATA_DIR elsewhere.`);
    this.name = 'DataDirLockedError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lockfile of a data folder; a lockfile left by a dead process is taken over. */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'brisk-db.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        throw new DataDirLockedError(lockFile, owner);
      }
      rmSync(lockFile, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const host = options.host ?? '127.0.0.1';
  const release = options.dataDir ? acquireDataDirLock(options.dataDir) : () => {};
  let db: PGlite | undefined;
  try {
    db = options.dataDir ? await PGlite.create(path.join(options.dataDir, 'pglite')) : await PGlite.create();
    const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: options.maxConnections ?? 32 });
    await server.start();
    let stopped = false;
    return {
      url: `postgresql://postgres:postgres@${host}:${options.port}/postgres`,
      port: options.port,
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop();
        await db!.close();
        release();
      },
    };
  } catch (error) {
    await db?.close().catch(() => {});
    release();
    throw error;
  }
}
