import { expect, test, type Page } from '@playwright/test';
import { signInWithApi } from './helpers';

/*
 * The render cache (lib/render-cache) in a real browser: a viewer's unchanged page is served again
 * without rendering, never to another viewer, and a change by its viewer shows on the next request.
 */

async function load(page: Page, path: string): Promise<string | undefined> {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  return (await response!.allHeaders())['x-brisk-cache'];
}

test('a viewer’s unchanged page comes from the render cache; their own change shows at once', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'chloe');
  await load(page, '/wishlists');
  await expect(page.getByTestId('viewer-name')).toHaveText('Chloé Martin');
  // The render is kept once it has finished streaming (its outcome arrives after the response).
  await expect.poll(() => load(page, '/wishlists'), { timeout: 10_000 }).toBe('hit');
  await expect(page.getByTestId('viewer-name')).toHaveText('Chloé Martin');

  // Chloé creates a list: her next dashboard is rendered again and shows it.
  const name = `Render cache check ${Date.now()}`;
  await page.goto('/wishlists/new');
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create list' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  expect(await load(page, '/wishlists')).not.toBe('hit');
  await expect(page.getByRole('link', { name })).toBeVisible();
});

test('never gives one viewer another viewer’s cached page', async ({ browser, baseURL }) => {
  const [first, second] = await Promise.all([browser.newContext(), browser.newContext()]);
  const [ada, gus] = await Promise.all([first.newPage(), second.newPage()]);
  await signInWithApi(ada, baseURL, 'ada');
  await signInWithApi(gus, baseURL, 'gus');
  await load(ada, '/wishlists');
  await expect.poll(() => load(ada, '/wishlists'), { timeout: 10_000 }).toBe('hit');
  // Gus asks for the same URL: his own page, rendered for him.
  await load(gus, '/wishlists');
  await expect(gus.getByTestId('viewer-name')).toHaveText('Gus Larsen');
  await expect(gus.getByRole('heading', { name: 'My wishlists' })).toBeVisible();
  await expect(gus.getByText('Birthday wishes')).toHaveCount(0);
  await Promise.all([first.close(), second.close()]);
});
