import { expect, test } from '@playwright/test';
import { APP_PAGES, pageHeading, signInWithApi } from './helpers';

test.describe('signed out', () => {
  for (const path of APP_PAGES) {
    test(`${path} sends a signed-out visitor to sign-in`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response, `a response for ${path}`).not.toBeNull();
      expect(new URL(response!.url()).pathname).toBe('/sign-in');
      if (path !== '/') expect(new URL(response!.url()).searchParams.get('next')).toBe(path);
      expect(response!.status()).toBe(200);

      await expect(pageHeading(page)).toHaveText('Sign in');
      await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
      await expect(page.getByTestId('viewer-name')).toHaveCount(0);
      await expect(page.getByTestId('welcome')).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
      await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    });
  }
});

test.describe('public files', () => {
  const FILES = [
    { path: '/robots.txt', type: 'text/plain' },
    { path: '/favicon.ico', type: 'image/' },
    { path: '/icon.svg', type: 'image/svg+xml' },
    { path: '/apple-touch-icon.png', type: 'image/png' },
    { path: '/og.png', type: 'image/png' },
  ];
  test('are served to signed-out visitors, never redirected to sign-in', async ({ request }) => {
    for (const file of FILES) {
      const response = await request.get(file.path, { maxRedirects: 0 });
      expect(response.status(), file.path).toBe(200);
      expect(response.headers()['content-type'], file.path).toContain(file.type);
    }
    expect(await (await request.get('/robots.txt')).text()).toContain('Disallow: /api/');
  });

  test('every page names the icons and the Open Graph image', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.locator('link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
    await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/apple-touch-icon.png');
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^https?:\/\/[^/]+\/og\.png$/);
  });
});

test.describe('/ops', () => {
  test('a normal user gets a 404 and no Ops link', async ({ page, baseURL }) => {
    await signInWithApi(page, baseURL, 'ada');

    const response = await page.goto('/ops');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /^Ops/ })).toHaveCount(0);

    await page.goto('/');
    await expect(page.getByTestId('viewer-name')).toHaveText('Ada Park');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Wishlists' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Ops', exact: true })).toHaveCount(0);
  });

  test('an admin gets the page and sees the Ops link', async ({ page, baseURL }) => {
    await signInWithApi(page, baseURL, 'admin');

    const response = await page.goto('/ops');
    expect(response?.status()).toBe(200);
    await expect(pageHeading(page)).toHaveText(/^Ops/);
    await expect(page.getByTestId('viewer-name')).toHaveText('Avery Admin');

    const opsLink = page.getByRole('link', { name: 'Ops', exact: true });
    await expect(opsLink).toBeVisible();
    await expect(opsLink).toHaveAttribute('href', '/ops');
  });
});
