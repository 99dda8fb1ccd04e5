// `npm start` (production build) and `npm run dev`: one command from a fresh clone to a running
// Brisk. With DATABASE_URL unset it starts the embedded database, migrates it, seeds the demo
// data when the database is empty, builds when the build is missing or older than the sources,
// and serves on PORT (3000).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { EnvError, env, type Env } from '@/lib/env';
import { MigrationError, migrate } from '@/lib/db/migrate';
import { startEmbeddedProcess, type RunningDatabase } from './lib/embedded-process';
import { serverEntry, serverProcess } from './lib/server-process';

const dev = process.argv.includes('--dev');
const NEXT_BIN = path.resolve('node_modules/next/dist/bin/next');

/** A secret for local runs, generated once and kept in the data folder. */
function localAuthSecret(config: Env): string {
  const file = path.join(config.BRISK_DATA_DIR, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.BRISK_DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function databaseIsEmpty(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    return rows[0]!.n === 0;
  } finally {
    await client.end();
  }
}

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestMtime(path.join(entry, child))), stat.mtimeMs);
}

function buildIsStale(): boolean {
  const distDir = process.env.BRISK_DIST_DIR ?? '.next';
  const buildId = path.join(distDir, 'BUILD_ID');
  if (!existsSync(buildId) || !existsSync(serverEntry(distDir))) return true;
  const built = statSync(buildId).mtimeMs;
  const sources = ['app', 'components', 'lib', 'inngest', 'public', 'proxy.ts', 'modules.ts', 'scripts/serve.ts', 'scripts/lib', 'next.config.mjs', 'postcss.config.mjs', 'package-lock.json'];
  return sources.some((source) => newestMtime(source) > built);
}

async function main() {
  const config = env();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  let database: RunningDatabase | undefined;

  if (config.embeddedDatabase) {
    database = await startEmbeddedProcess(config);
    childEnv.BETTER_AUTH_SECRET ??= localAuthSecret(config);
  }
  const stopDatabase = async () => database?.stop();

  try {
    const applied = await migrate(config.databaseUrl, { log: (line) => console.log(`migrate: ${line}`) });
    if (applied.length === 0) console.log('migrate: database is up to date');
    if (await databaseIsEmpty(config.databaseUrl)) {
      const { seed } = await import('@/prisma/seed');
      await seed({ scale: 'demo', log: (line) => console.log(`seed: ${line}`) });
      const { closeDatabase } = await import('@/lib/db/client');
      await closeDatabase();
    }
    if (!dev && buildIsStale()) {
      console.log('building the app (next build)…');
      const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit', env: childEnv });
      if (build.status !== 0) throw new Error('the build failed');
    }
  } catch (error) {
    await stopDatabase();
    throw error;
  }

  // Production: Next behind the render cache (scripts/serve.ts, compiled by the build); development: next dev.
  const production = serverProcess(process.env.BRISK_DIST_DIR ?? '.next', { ...childEnv, PORT: String(config.PORT) });
  const server = dev
    ? spawn(process.execPath, [NEXT_BIN, 'dev', '--port', String(config.PORT)], { stdio: 'inherit', env: childEnv })
    : spawn(production.command, production.args, { stdio: 'inherit', env: production.env });
  const shutdown = (signal: NodeJS.Signals) => server.kill(signal);
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  server.on('exit', async (code) => {
    await stopDatabase();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error instanceof EnvError || error instanceof MigrationError ? error.message : error);
  process.exit(1);
});
