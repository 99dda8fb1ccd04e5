// Lighthouse CI settings of Brisk (DESIGN.md section 9). Run with `npm run lighthouse`
// (bench/lighthouse.ts): it starts the production server on PORT 3200 with its own build and data
// folder, signs the demo accounts in, and runs `lhci collect` once per viewer and form factor,
// then `lhci assert` and `lhci upload`. Which pages, and their byte budgets, come from the
// modules' manifests (lib/<module>/module.ts): bench/lighthouse.ts writes them to the plan file
// named by BRISK_LHCI_PLAN, which this file reads. Reports go to .lighthouseci/reports.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- Lighthouse CI loads its config as CommonJS
const { readFileSync } = require('node:fs');

/**
 * @typedef {{ url: string; viewer: string | null; formFactor: 'desktop' | 'mobile'; pattern: string; total: number; held?: { minScore: number; maxBlockingMs: number } }} PlannedPage
 * @type {{ pages: PlannedPage[]; runs: number }}
 */
const plan = process.env.BRISK_LHCI_PLAN ? JSON.parse(readFileSync(process.env.BRISK_LHCI_PLAN, 'utf8')) : { pages: [], runs: 5 };
const viewer = process.env.BRISK_LHCI_VIEWER || null;
const formFactor = process.env.BRISK_LHCI_FORM_FACTOR || 'desktop';
const cookie = process.env.BRISK_LHCI_COOKIE;
const urls = plan.pages.filter((page) => page.viewer === viewer && page.formFactor === formFactor).map((page) => page.url);

const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--proxy-server=127.0.0.1:9',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const median = { aggregationMethod: 'median' };

/** The timing budgets of each form factor, on the median of the runs. */
const TIMING = {
  desktop: {
    'categories:performance': ['error', { minScore: 0.95, ...median }],
    'cumulative-layout-shift': ['error', { maxNumericValue: 0.02, ...median }],
    'total-blocking-time': ['error', { maxNumericValue: 100, ...median }],
    'largest-contentful-paint': ['error', { maxNumericValue: 1500, ...median }],
  },
  // Lighthouse's default form factor: a mid-range phone on slow 4G (simulated). The goal is a
  // score of 0.98 with TBT ≤ 150 ms and LCP ≤ 2.0 s (README, "Where the mobile budget stands"),
  // but Next's own client runtime does not reach it on CI's machine: an empty Next 16 page
  // scores 0.91-0.96 there with 210-370 ms of blocking time (a static HTML page: 1.00, 0-32 ms).
  // Until the pages are near that floor, CI holds them where they are (medians 0.71-0.73,
  // TBT 1.13-1.31 s, LCP 2.8-3.0 s on 2026-11-24), so that a regression fails. Layout shift keeps its real budget.
  mobile: {
    'categories:performance': ['error', { minScore: 0.6, ...median }],
    'cumulative-layout-shift': ['error', { maxNumericValue: 0.001, ...median }],
    'total-blocking-time': ['error', { maxNumericValue: 1600, ...median }],
    'largest-contentful-paint': ['error', { maxNumericValue: 3500, ...median }],
  },
};

module.exports = {
  ci: {
    collect: {
      url: urls,
      // 5 runs: a 3-run median of TBT varied across the budget between identical CI runs.
      numberOfRuns: plan.runs,
      chromePath: '/usr/bin/chromium',
      // Signed-in pages: the session goes into the browser's cookie jar (see the script).
      ...(cookie ? { puppeteerScript: 'bench/lighthouse-session.cjs' } : {}),
      // Chromium's flags, for both launchers (puppeteer's when signed in, Lighthouse's otherwise).
      // The proxy stops Chromium's own lookups of outside hosts without touching loopback.
      puppeteerLaunchOptions: { args: CHROME_FLAGS },
      settings: {
        ...(formFactor === 'desktop' ? { preset: 'desktop' } : {}),
        throttlingMethod: 'simulate',
        // Best practices are checked once by hand (README, Security), not budgeted; the full-page
        // screenshot is not looked at: both cost seconds per run.
        onlyCategories: ['performance', 'accessibility'],
        disableFullPageScreenshot: true,
        // One string (chrome-launcher splits it).
        ...(cookie ? {} : { chromeFlags: ['--headless=new', ...CHROME_FLAGS].join(' ') }),
      },
    },
    assert: {
      assertMatrix: plan.pages.map((page) => ({
        matchingUrlPattern: page.pattern,
        assertions: {
          ...TIMING[page.formFactor],
          // A page held at its own level (its manifest says why): a regression still fails.
          ...(page.held
            ? {
                'categories:performance': ['error', { minScore: page.held.minScore, ...median }],
                'total-blocking-time': ['error', { maxNumericValue: page.held.maxBlockingMs, ...median }],
              }
            : {}),
          'resource-summary:font:size': ['error', { maxNumericValue: 35_000, ...median }],
          // Everything transferred, link prefetches included. The first-load script (≤ 120 kB) is
          // asserted exactly by Playwright (e2e/budgets.spec.ts): Lighthouse counts prefetches as script.
          'resource-summary:total:size': ['error', { maxNumericValue: page.total, ...median }],
          // Reported, not enforced here: accessibility is a goal of its own (DESIGN.md section 8).
          'categories:accessibility': ['warn', { minScore: 1, ...median }],
        },
      })),
    },
    upload: {
      target: 'filesystem',
      outputDir: '.lighthouseci/reports',
      reportFilenamePattern: '%%PATHNAME%%-%%DATETIME%%.report.%%EXTENSION%%',
    },
  },
};
