import { createHash } from 'node:crypto';
import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { signInWithApi, type AccountKey } from './helpers';

/*
 * Browser budgets of every dashboard, on the production build (DESIGN.md section 9): the
 * skeletons arrive before the data (the page streams), nothing moves while the widgets stream in,
 * nothing is logged as an error, and the page can be used with the keyboard alone.
 */

/** The seed's id of a demo list (prisma/seed/shared.ts stableUuid). */
function demoListId(key: string): string {
  const hex = createHash('md5').update(`wishlist:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

interface Dashboard {
  path: string;
  account: AccountKey;
  /** Text that only the streamed data contains (never the prerendered shell). */
  data: string[];
  /** Links and buttons of the page that Tab must reach, by accessible name. */
  keyboard: string[];
}

const DASHBOARDS: Dashboard[] = [
  { path: '/', account: 'ada', data: ['Welcome back'], keyboard: ['Skip to content', 'Wishlists', 'Sign out'] },
  {
    path: '/wishlists',
    account: 'ada',
    data: ['Birthday wishes', 'Activity in your circle', 'My latest activity'],
    keyboard: ['Skip to content', 'Friends', 'Upcoming', 'New list', 'Birthday wishes'],
  },
  {
    path: `/wishlists/${demoListId('ada-birthday')}`,
    account: 'ada',
    data: ['Noise-cancelling headphones', 'Turning 30!'],
    keyboard: ['Skip to content', 'Edit list', 'Add item'],
  },
  { path: '/wishlists/upcoming', account: 'ada', data: ['Events in the next 60 days', 'Gifts you are giving'], keyboard: ['Skip to content', 'Baby shower'] },
  { path: '/wishlists/friends', account: 'ada', data: ['Requests for you', 'Chloé Martin'], keyboard: ['Skip to content', 'Send request'] },
  { path: '/ops', account: 'admin', data: ['Data cache', 'Database'], keyboard: ['Skip to content', 'Ops', 'Live (every 15 s)'] },
  // Dev has no tokens (the other specs create theirs as Ada and the admin): the empty state.
  { path: '/settings/tokens', account: 'dev', data: ['No API tokens yet'], keyboard: ['Skip to content', 'API tokens', 'Create token'] },
];

/** The page's body as it streams, read over a raw HTTP connection with the context's cookies. */
async function streamedBody(page: Page, baseURL: string, path: string): Promise<{ chunks: string[]; status: number }> {
  const cookie = (await page.context().cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join('; ');
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseURL}${path}`, { headers: { cookie, accept: 'text/html' } }, (response) => {
      const chunks: string[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => chunks.push(chunk));
      response.on('end', () => resolve({ chunks, status: response.statusCode ?? 0 }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** React streams a resolved Suspense boundary as a hidden segment after the shell: `<div hidden id="S:0">`. */
const FIRST_SEGMENT = /<div hidden id="S:\d+">/;

for (const dashboard of DASHBOARDS) {
  test.describe(`${dashboard.path} (as ${dashboard.account})`, () => {
    test.beforeEach(async ({ page, baseURL }) => {
      await signInWithApi(page, baseURL, dashboard.account);
    });

    test('streams: the shell with its skeletons comes first, the data after it', async ({ page, baseURL }) => {
      // Twice: the first request of a fresh server loads the route's code; the second is the one a visitor sees.
      await streamedBody(page, baseURL!, dashboard.path);
      const { chunks, status } = await streamedBody(page, baseURL!, dashboard.path);
      expect(status).toBe(200);
      const first = chunks[0]!;
      // The first bytes (the prerendered shell) already hold the skeletons, the aria-hidden placeholders …
      expect(first).toMatch(/<div aria-hidden="true" class="animate-pulse/);
      // … and none of the data, which arrives in later chunks: first as React Server Component
      // payload (scripts), then as HTML segments that replace the skeletons.
      const html = chunks.join('');
      const segment = FIRST_SEGMENT.exec(html);
      expect(segment, 'the response has streamed Suspense segments').not.toBeNull();
      const markupBefore = withoutScripts(html.slice(0, segment!.index));
      const markupAfter = withoutScripts(html.slice(segment!.index));
      expect(markupBefore).toMatch(/<div aria-hidden="true" class="animate-pulse/);
      for (const text of dashboard.data) {
        expect(first, `"${text}" is not in the first chunk`).not.toContain(escapeHtml(text));
        expect(markupBefore, `"${text}" is not in the shell's markup`).not.toContain(escapeHtml(text));
        expect(markupAfter, `"${text}" streams in after the shell`).toContain(escapeHtml(text));
      }
    });

    test('no layout shift while the widgets stream in, and no console errors', async ({ page }) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.addInitScript(() => {
        const w = window as unknown as { __layoutShift: number; __shifts: string[] };
        w.__layoutShift = 0;
        w.__shifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node }[] })[]) {
            if (entry.hadRecentInput) continue;
            w.__layoutShift += entry.value;
            w.__shifts.push(`${entry.value.toFixed(4)}: ${(entry.sources ?? []).map((s) => `${s.node?.nodeName ?? '?'} "${(s.node?.textContent ?? '').trim().slice(0, 40)}"`).join(' | ')}`);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(dashboard.path);
      for (const text of dashboard.data) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      // Let the last frames paint.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const { total, shifts } = await page.evaluate(() => {
        const w = window as unknown as { __layoutShift: number; __shifts: string[] };
        return { total: w.__layoutShift, shifts: w.__shifts };
      });
      expect(total, `layout shifts:\n${shifts.join('\n')}`).toBeLessThan(0.01);
      expect(errors).toEqual([]);
    });

    test('usable with the keyboard: Tab reaches the main links and buttons, and focus is visible', async ({ page }) => {
      await page.goto(dashboard.path);
      for (const text of dashboard.data) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
      const reached: string[] = [];
      const invisible: string[] = [];
      for (let i = 0; i < 80 && !dashboard.keyboard.every((name) => reached.includes(name)); i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const name = (element.getAttribute('aria-label') ?? element.innerText ?? (element as HTMLInputElement).value ?? '').trim().replace(/\s+/g, ' ');
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          const ring = style.boxShadow !== 'none';
          return { name, visible: element.matches(':focus-visible') && (outline || ring) };
        });
        if (!focused) continue;
        reached.push(focused.name);
        if (!focused.visible) invisible.push(focused.name);
      }
      for (const name of dashboard.keyboard) expect(reached, `Tab reaches "${name}"`).toContain(name);
      expect(invisible, 'elements focused without a visible focus indicator').toEqual([]);
    });
  });
}

test('the naive baseline of the benchmark does not exist outside bench mode', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'ada');
  for (const path of ['/bench/naive/wishlists', `/bench/naive/wishlists/${demoListId('ada-birthday')}`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  const api = await page.request.get('/api/v1/bench/naive/wishlists');
  expect(api.status()).toBe(404);
});

function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
}
