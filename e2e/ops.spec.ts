import { expect, test } from '@playwright/test';
import { signInWithApi } from './helpers';

/*
 * The ops console on a common laptop screen (1366 px wide): its figures stay on one line, and a
 * widget that holds more rows than it shows says so and can be scrolled with the keyboard.
 */

test.use({ viewport: { width: 1366, height: 768 } });

test('at 1366 px no figure wraps, and the scrolling widgets show that they hold more', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'admin');
  // Some requests for the routes table.
  for (const path of ['/', '/wishlists', '/wishlists/upcoming', '/settings/tokens']) await page.goto(path);
  await page.goto('/ops');
  const database = page.getByRole('region', { name: 'Database' });
  await expect(database.getByRole('table', { name: 'Tables' })).toBeVisible();

  const figures = page.locator('td.tabular-nums');
  expect(await figures.count()).toBeGreaterThan(20);
  const wrapped = await figures.evaluateAll((cells) =>
    cells
      .filter((cell) => {
        const range = document.createRange();
        range.selectNodeContents(cell);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size > 1 || cell.scrollWidth > cell.clientWidth;
      })
      .map((cell) => cell.textContent),
  );
  expect(wrapped, 'figures on more than one line').toEqual([]);

  // The database widget holds more rows than its frame: focusable, named, and shadowed at the bottom.
  const frame = await database.evaluate((element) => ({
    overflows: element.scrollHeight > element.clientHeight,
    tabIndex: element.tabIndex,
    shadows: getComputedStyle(element).backgroundAttachment,
  }));
  expect(frame).toEqual({ overflows: true, tabIndex: 0, shadows: 'local, local, scroll, scroll' });
  // The header row of its long table (the indexes) stays in view while it scrolls.
  await database.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(() => database.evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
  const header = database.getByRole('table', { name: 'Indexes' }).getByRole('columnheader', { name: 'Scans' });
  // Keyboard scrolling is animated: the header reaches the frame's top edge once it has scrolled far enough.
  const headerOffset = async () => (await header.boundingBox())!.y - (await database.boundingBox())!.y;
  await expect.poll(headerOffset).toBeLessThan(10);
  expect(await headerOffset()).toBeGreaterThanOrEqual(0);
});
