// `npm run lighthouse [-- --all]`: Lighthouse CI on Brisk's pages. The pages and their byte
// budgets come from the modules' manifests (lib/<module>/module.ts); the timing budgets and the
// settings are in lighthouserc.cjs. By default (CI) each module's representative page on the
// desktop preset and each module's main dashboard on Lighthouse's mobile form factor; with
// --all, every page of every module too. Starts the production server itself (npm start:
// embedded database in .data/lhci, freshly seeded; build in .next-lhci when stale; port 3200),
// signs the demo accounts in through the auth API, runs `lhci collect` once per viewer and form
// factor with that viewer's session cookies (put into the browser's cookie jar by
// bench/lighthouse-session.cjs), then `lhci assert` and `lhci upload` (reports in
// .lighthouseci/reports), and stops the server.
// Exit code: lhci assert's (1 when a budget is broken).
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoViewerKey } from '@/lib/modules/manifest';
import { modules } from '@/modules';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';
import { signIn } from './lib/http';
import { log } from './lib/log';
import { portIsFree, run, sleep } from './lib/proc';

const PORT = Number(process.env.LHCI_PORT ?? 3200);
const EMBEDDED_DB_PORT = Number(process.env.LHCI_EMBEDDED_DB_PORT ?? 54349);
const DATA_DIR = '.data/lhci';
// Its own build, unless told to use one made already (CI builds once: LHCI_DIST_DIR).
const DIST_DIR = process.env.LHCI_DIST_DIR ?? '.next-lhci';
// Lighthouse loads pages by host name; the cookie of the sign-in belongs to the same origin.
const ORIGIN = `http://localhost:${PORT}`;
const LHCI = path.resolve('node_modules/@lhci/cli/src/cli.js');
const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');
/** Runs per page: the median of 5 is stable; of 3, blocking time moved across its budget between identical runs. */
const RUNS = 5;

const PLAN_FILE = path.resolve('.lighthouseci/plan.json');
/** A mobile run's URL carries this query, so that its budgets can be told from the desktop run's. */
const MOBILE_QUERY = '?lighthouse=mobile';

interface PlannedPage {
  url: string;
  viewer: DemoViewerKey | null;
  formFactor: 'desktop' | 'mobile';
  /** matchingUrlPattern of its assertions. */
  pattern: string;
  total: number;
  /** A desktop timing budget held at the page's level (its manifest's lighthouse.desktopHeld). */
  held?: { minScore: number; maxBlockingMs: number };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The runs. CI: each module's representative page once — on Lighthouse's mobile form factor when
 * it is the module's main dashboard (the stricter budget), else on the desktop preset. With
 * --all: every page on desktop, and the main dashboards on mobile too.
 */
function plan(all: boolean): PlannedPage[] {
  const pages = modules.flatMap((module) => module.pages ?? []);
  const planned: PlannedPage[] = [];
  for (const page of pages) {
    const base = { viewer: page.viewer, total: page.bytes.total };
    const mobile = page.lighthouse?.mobile ?? false;
    if (all || (page.lighthouse?.representative && !mobile)) {
      planned.push({ ...base, url: `${ORIGIN}${page.path}`, formFactor: 'desktop', pattern: `:${PORT}${escapeRegExp(page.path)}$`, held: page.lighthouse?.desktopHeld });
    }
    if (mobile) {
      planned.push({ ...base, url: `${ORIGIN}${page.path}${MOBILE_QUERY}`, formFactor: 'mobile', pattern: `:${PORT}${escapeRegExp(page.path + MOBILE_QUERY)}$` });
    }
  }
  return planned;
}

async function main() {
  for (const port of [PORT, EMBEDDED_DB_PORT]) {
    if (!(await portIsFree(port))) throw new Error(`port ${port} is taken: is another npm run lighthouse running?`);
  }
  // Fresh demo data every time, so that every run measures the same pages.
  rmSync(DATA_DIR, { recursive: true, force: true });
  rmSync('.lighthouseci', { recursive: true, force: true });
  const pages = plan(process.argv.includes('--all'));
  mkdirSync(path.dirname(PLAN_FILE), { recursive: true });
  writeFileSync(PLAN_FILE, JSON.stringify({ pages, runs: RUNS }, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BRISK_DATA_DIR: DATA_DIR,
    BRISK_DIST_DIR: DIST_DIR,
    EMBEDDED_DB_PORT: String(EMBEDDED_DB_PORT),
    PORT: String(PORT),
    BETTER_AUTH_URL: ORIGIN,
    NEXT_TELEMETRY_DISABLED: '1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  // The embedded database and in-process caches: what `npm start` gives a fresh clone.
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.BRISK_BENCH;

  log('lighthouse', `npm start on ${ORIGIN} (data ${DATA_DIR}, build ${DIST_DIR}: built first when stale, about 2–4 minutes)`);
  const server = spawn(process.execPath, [TSX, 'scripts/start.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (/building|migrate|seed|error|✓ (Compiled|Ready)/i.test(line)) log('server', line.trim());
  });
  server.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  let exited = false;
  server.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const done = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
    await done;
    clearTimeout(timer);
  };
  process.once('SIGINT', () => void stop().finally(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().finally(() => process.exit(143)));

  let status = 1;
  try {
    const started = Date.now();
    for (;;) {
      if (exited) throw new Error('npm start exited before the server answered');
      try {
        const response = await fetch(`${ORIGIN}/sign-in`, { signal: AbortSignal.timeout(5_000) });
        await response.arrayBuffer();
        if (response.ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() - started > 8 * 60_000) throw new Error('the server did not answer within 8 minutes');
      await sleep(500);
    }
    log('lighthouse', `server up after ${Math.round((Date.now() - started) / 1000)} s`);
    // Each viewer signs in once. Then one request per page: a fresh server loads each route's
    // code on its first request, which is not what a visitor of a running site waits for.
    const viewers = [...new Set(pages.map((page) => page.viewer))];
    const cookies = new Map<DemoViewerKey | null, string>();
    for (const viewer of viewers) {
      const email = DEMO_ACCOUNTS.find((account) => account.id === `usr_${viewer}`)?.email;
      cookies.set(viewer, viewer && email ? (await signIn(ORIGIN, email, DEMO_PASSWORD)).header() : '');
    }
    for (const page of pages) await (await fetch(page.url, { headers: { cookie: cookies.get(page.viewer)! } })).arrayBuffer();

    let first = true;
    for (const formFactor of ['desktop', 'mobile'] as const) {
      for (const viewer of viewers) {
        const urls = pages.filter((page) => page.viewer === viewer && page.formFactor === formFactor).map((page) => page.url);
        if (urls.length === 0) continue;
        log('lighthouse', `lhci collect (${formFactor}, ${viewer ? `as ${viewer}` : 'signed out'}; ${RUNS} runs each): ${urls.join(', ')}`);
        const collect = await run(process.execPath, [LHCI, 'collect', ...(first ? [] : ['--additive'])], {
          env: { ...process.env, BRISK_LHCI_PLAN: PLAN_FILE, BRISK_LHCI_VIEWER: viewer ?? '', BRISK_LHCI_FORM_FACTOR: formFactor, BRISK_LHCI_COOKIE: cookies.get(viewer) },
          onLine: (line) => log('collect', line.trim()),
        });
        if (collect.code !== 0) throw new Error(`lhci collect failed (${formFactor}, ${viewer ?? 'signed out'})`);
        first = false;
      }
    }
    log('lighthouse', 'lhci assert');
    const assert = await run(process.execPath, [LHCI, 'assert'], { env: { ...process.env, BRISK_LHCI_PLAN: PLAN_FILE }, onLine: (line) => console.log(line) });
    log('lighthouse', 'lhci upload (filesystem)');
    const upload = await run(process.execPath, [LHCI, 'upload'], { env: { ...process.env, BRISK_LHCI_PLAN: PLAN_FILE }, onLine: (line) => log('upload', line.trim()) });
    if (upload.code !== 0) throw new Error('lhci upload failed');
    const reports = readdirSync('.lighthouseci/reports').filter((f) => f.endsWith('.html')).length;
    log('lighthouse', `${reports} HTML reports in .lighthouseci/reports (manifest.json lists them with their scores)`);
    status = assert.code;
    log('lighthouse', status === 0 ? 'all budgets met' : 'BUDGETS BROKEN (see above)');
  } finally {
    await stop();
  }
  process.exit(status);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
