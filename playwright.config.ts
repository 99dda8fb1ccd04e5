import { defineConfig, devices } from '@playwright/test';

/**
 * End-to-end tests against the production build, on Debian's Chromium (/usr/bin/chromium):
 * Playwright's own browser downloads are never used.
 *
 * The app under test runs on its own ports and data folder, so a developer's `npm start`
 * (3000, database 54329, .data/) keeps running beside it. The data folder is deleted before
 * every start: tests always see the freshly seeded demo data.
 */
// Overridable so that several checkouts on one machine can run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const EMBEDDED_DB_PORT = Number(process.env.E2E_DB_PORT ?? 54339);
const DATA_DIR = '.data/e2e';
const baseURL = `http://localhost:${PORT}`;
// A shop page on loopback that the URL metadata journey links to (e2e/fixtures/product-server.mjs).
const PRODUCT_SERVER_PORT = Number(process.env.E2E_PRODUCT_PORT ?? 3198);
const ci = !!process.env.CI;

export default defineConfig({
  testDir: './e2e',
  // Pages stream after a database read; a cold production server answers its first requests slowly,
  // and a test that signs two people in may wait out Better Auth's 3 sign-ins per 10 s per address.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: ci,
  retries: 0,
  // The machine has 2 cores, shared with the server and its database.
  workers: 2,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  outputDir: 'test-results',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            // Nothing outside this machine is reachable: any request that bypasses the proxy
            // list (only loopback does) fails at once instead of hanging.
            '--proxy-server=127.0.0.1:9',
          ],
        },
      },
    },
  ],
  webServer: [
    {
      command: 'node e2e/fixtures/product-server.mjs',
      url: `http://127.0.0.1:${PRODUCT_SERVER_PORT}/product`,
      env: { PRODUCT_SERVER_PORT: String(PRODUCT_SERVER_PORT) },
      reuseExistingServer: !ci,
      timeout: 10_000,
    },
    {
      // Playwright starts the web server before any globalSetup, so the fresh data folder is
      // made here. `npm start` builds first when the build is missing or stale (~2 minutes).
      command: `node -e "require('node:fs').rmSync('${DATA_DIR}', { recursive: true, force: true })" && npm start`,
      url: `${baseURL}/sign-in`,
      env: {
        BRISK_DATA_DIR: DATA_DIR,
        EMBEDDED_DB_PORT: String(EMBEDDED_DB_PORT),
        PORT: String(PORT),
        BETTER_AUTH_URL: baseURL,
        NEXT_TELEMETRY_DISABLED: '1',
        // The safe fetcher refuses private addresses; the test shop (its item pages and images, and
        // its feeds) on loopback is the exception.
        SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS: `http://127.0.0.1:${PRODUCT_SERVER_PORT}`,
        // Its own build folder: a developer's build in .next is never overwritten (CI builds once
        // and names it with E2E_DIST_DIR).
        BRISK_DIST_DIR: process.env.E2E_DIST_DIR ?? '.next-e2e',
      },
      reuseExistingServer: !ci,
      timeout: 6 * 60_000,
      // The server's own output (build, migrations, request logs) is shown in CI, where it is the
      // only record of a failed start; locally only its errors are.
      stdout: ci ? 'pipe' : 'ignore',
      stderr: 'pipe',
      // SIGTERM lets scripts/start.ts stop Next and the embedded database cleanly.
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
