import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { demoListId } from '@/prisma/seed/shared';
import { FIRST_LOAD_SCRIPT_BYTES, FONT_BYTES } from '@/lib/modules/manifest';
import { modules } from '@/modules';
import { reuseSession, signInWithApi } from './helpers';

/*
 * Browser budgets of every page of every module (each module's manifest lists its pages), on the production build (DESIGN.md section 9): the
 * skeletons arrive before the data (the page streams), nothing moves while the widgets stream in,
 * nothing is logged as an error, and the page can be used with the keyboard alone.
 */

/** Every page of every module, with its budgets (lib/<module>/module.ts). */
const PAGES = modules.flatMap((module) => (module.pages ?? []).map((page) => ({ ...page, module: module.name })));

/** The page's body as it streams, read over a raw HTTP connection with the context's cookies. */
async function streamedBody(page: Page, baseURL: string, path: string): Promise<{ chunks: string[]; status: number; renderCache: string | undefined }> {
  const cookie = (await page.context().cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join('; ');
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseURL}${path}`, { headers: { cookie, accept: 'text/html' } }, (response) => {
      const chunks: string[] = [];
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => chunks.push(chunk));
      response.on('end', () => resolve({ chunks, status: response.statusCode ?? 0, renderCache: response.headers['x-brisk-cache'] as string | undefined }));
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** React streams a resolved Suspense boundary as a hidden segment after the shell: `<div hidden id="S:0">`. */
const FIRST_SEGMENT = /<div hidden id="S:\d+">/;

for (const budget of PAGES) {
  test.describe(`${budget.path} (${budget.module}, as ${budget.viewer ?? 'a signed-out visitor'})`, () => {
    test.beforeEach(async ({ page, baseURL }) => {
      if (budget.viewer) await reuseSession(page, baseURL, budget.viewer);
    });

    // A page without streamed data (a form) has nothing to stream: only its shell is checked below.
    if (budget.streamed.length > 0) test('streams: the shell with its skeletons comes first, the data after it', async ({ page, baseURL }) => {
      // A render: a query of its own keeps the render cache out of it (every URL is a key of its
      // own). First once to load the route's code on a fresh server; the second is what a visitor gets.
      const rendered = `${budget.path}${budget.path.includes('?') ? '&' : '?'}render=${Date.now()}`;
      await streamedBody(page, baseURL!, `${rendered}-warm`);
      const { chunks, status, renderCache } = await streamedBody(page, baseURL!, rendered);
      expect(status).toBe(200);
      expect(renderCache, 'rendered, not served from the render cache').not.toBe('hit');
      const first = chunks[0]!;
      // The first bytes (the prerendered shell) already hold the skeletons, the aria-hidden placeholders …
      expect(first).toMatch(/<div aria-hidden="true" class="animate-pulse/);
      // … and none of the data, which arrives in later chunks: first as React Server Component
      // payload (scripts), then as HTML segments that replace the skeletons.
      const expectShellThenData = (html: string) => {
        const segment = FIRST_SEGMENT.exec(html);
        expect(segment, 'the response has streamed Suspense segments').not.toBeNull();
        const markupBefore = withoutScripts(html.slice(0, segment!.index));
        const markupAfter = withoutScripts(html.slice(segment!.index));
        expect(markupBefore).toMatch(/<div aria-hidden="true" class="animate-pulse/);
        for (const text of budget.streamed) {
          expect(markupBefore, `"${text}" is not in the shell's markup`).not.toContain(escapeHtml(text));
          expect(markupAfter, `"${text}" streams in after the shell`).toContain(escapeHtml(text));
        }
      };
      for (const text of budget.streamed) expect(first.replace(/<!-- -->/g, ''), `"${text}" is not in the first chunk`).not.toContain(escapeHtml(text));
      expectShellThenData(chunks.join(''));
      // Served again from the render cache, the page is the same document: shell first, data after.
      const again = await streamedBody(page, baseURL!, rendered);
      expect(again.status).toBe(200);
      expectShellThenData(again.chunks.join(''));
    });

    test('weighs no more than its byte budget: first-load script, fonts, and everything transferred', async ({ page }) => {
      // bytes: on the wire, headers included; body: the (compressed) body alone. The first-load
      // script budget counts bodies: the ~250 bytes of HTTP/1.1 headers per script on this loopback
      // server shrink to a few bytes under HTTP/2's header compression, which any deployment behind
      // a TLS load balancer speaks to browsers. Fonts and the total count everything.
      const sizes = new Map<string, { type: string; bytes: number; body: number }>();
      const measuring: Promise<void>[] = [];
      page.on('requestfinished', (request) => {
        measuring.push(
          request
            .sizes()
            .then((size) => void sizes.set(request.url(), { type: request.resourceType(), bytes: size.responseBodySize + size.responseHeadersSize, body: size.responseBodySize }))
            // A request that finishes as the test closes its page has no sizes any more (and is
            // not part of the measurement); unhandled, the rejection failed the worker's next test.
            .catch(() => undefined),
        );
      });
      const response = await page.goto(budget.path);
      // The scripts the document itself loads (modern browsers skip the nomodule polyfills); link
      // prefetches of other pages come later and count in the total only.
      const html = (await response!.text()).replace(/<script[^>]*\bnoModule\b[^>]*>/gi, '');
      const firstLoad = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)].map((match) => new URL(match[1]!.replace(/&amp;/g, '&'), page.url()).href);
      for (const text of budget.streamed) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
      await page.waitForLoadState('networkidle');
      await Promise.all(measuring);
      const listing = [...sizes.entries()].map(([url, size]) => `${size.bytes} ${size.type} ${url}`).join('\n');
      const missing = firstLoad.filter((url) => !sizes.has(url));
      expect(missing, 'every first-load script was fetched and measured').toEqual([]);
      const script = firstLoad.reduce((sum, url) => sum + sizes.get(url)!.body, 0);
      const fonts = [...sizes.values()].filter((size) => size.type === 'font').reduce((sum, size) => sum + size.bytes, 0);
      const total = [...sizes.values()].reduce((sum, size) => sum + size.bytes, 0);
      expect(script, `first-load script bytes:\n${listing}`).toBeLessThanOrEqual(budget.bytes.script ?? FIRST_LOAD_SCRIPT_BYTES);
      expect(fonts, `font bytes:\n${listing}`).toBeLessThanOrEqual(FONT_BYTES);
      expect(total, `all bytes:\n${listing}`).toBeLessThanOrEqual(budget.bytes.total);
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
      await page.goto(budget.path);
      for (const text of budget.streamed) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
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
      await page.goto(budget.path);
      for (const text of budget.streamed) await expect(page.getByText(text, { exact: false }).first()).toBeVisible();
      const reached: string[] = [];
      const invisible: string[] = [];
      for (let i = 0; i < 80 && !budget.keyboard.every((name) => reached.includes(name)); i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const name = (element.getAttribute('aria-label') ?? element.innerText ?? (element as HTMLInputElement).value ?? '').trim().replace(/\s+/g, ' ');
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
          const ring = style.boxShadow !== 'none';
          // A date field's calendar button lives in the browser's own shadow tree, which draws its
          // focus ring itself: the field holds the focus (:focus-within) but is neither :focus nor
          // :focus-visible, and has no outline of its own.
          const nativePicker = element instanceof HTMLInputElement && ['date', 'datetime-local', 'month', 'time', 'week'].includes(element.type) && element.matches(':focus-within');
          return { name, visible: nativePicker || (element.matches(':focus-visible') && (outline || ring)) };
        });
        if (!focused) continue;
        reached.push(focused.name);
        if (!focused.visible) invisible.push(focused.name);
      }
      for (const name of budget.keyboard) expect(reached, `Tab reaches "${name}"`).toContain(name);
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

/** The markup a reader sees: no scripts, and no `<!-- -->` (React's separator between adjacent text nodes, as in `{used} of {limit}`). */
function withoutScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '').replace(/<!-- -->/g, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');
}
