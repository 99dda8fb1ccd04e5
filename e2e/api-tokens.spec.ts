import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { pageHeading, signInWithApi } from './helpers';

/*
 * API tokens as their owners use them: created on /settings/tokens with the keyboard, shown
 * once, used by a script that has no session, revoked, and refused from then on.
 */

let script: APIRequestContext;

test.beforeAll(async ({ baseURL }) => {
  // A client without the browser's cookies: it has only the token.
  script = await playwrightRequest.newContext({ baseURL });
});

test.afterAll(async () => {
  await script.dispose();
});

const withToken = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

test('an admin creates a token, a scraper reads /api/metrics with it, and revoking it shuts it out', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'admin');
  await page.goto('/');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(pageHeading(page)).toHaveText('API tokens');

  // Keyboard only: name, expiry, Enter.
  const name = `Prometheus ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Expires').selectOption({ label: '30 days' });
  await page.getByLabel('Name').press('Enter');
  const secretBox = page.getByTestId('new-token-secret');
  await expect(secretBox).toHaveText(/^brisk_[A-Za-z0-9_-]{43}$/);
  const secret = (await secretBox.textContent())!;
  const row = page.getByTestId('token-row').filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText('active');
  await expect(row).toContainText('never used');

  const metrics = await script.get('/api/metrics', withToken(secret));
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toContain('# TYPE brisk_requests_total counter');
  const stats = await script.get('/api/v1/cache/stats', withToken(secret));
  expect(stats.status()).toBe(200);
  expect(await stats.json()).toMatchObject({ layers: { l1: 'memory' } });

  // Shown once: after a reload the page holds the prefix only, and the last use.
  await page.reload();
  await expect(row).toContainText('last used');
  expect(await page.content()).not.toContain(secret);
  await expect(page.getByTestId('new-token')).toHaveCount(0);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: `Yes, revoke ${name}` }).click();
  await expect(row).toContainText('revoked');
  await expect(row.getByRole('button')).toHaveCount(0);

  const refused = await script.get('/api/metrics', withToken(secret));
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toEqual({ error: 'This API token is not valid: it is unknown, revoked or expired.' });
});

test('a user’s token reads the user’s lists but not the metrics', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'ada');
  await page.goto('/settings/tokens');
  const name = `Lists export ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token-secret').textContent())!;
  expect(secret).toMatch(/^brisk_/);

  const lists = await script.get('/api/v1/wishlists', withToken(secret));
  expect(lists.status()).toBe(200);
  const body = (await lists.json()) as { mine: { name: string }[] };
  expect(body.mine.map((list) => list.name)).toContain('Birthday wishes');
  for (const path of ['/api/metrics', '/api/v1/cache/stats']) {
    const denied = await script.get(path, withToken(secret));
    expect(denied.status(), path).toBe(404);
  }
  // Nor does the token open a page: pages know sessions only.
  const pageResponse = await script.get('/ops', { ...withToken(secret), maxRedirects: 0 });
  expect(pageResponse.status()).toBe(307);
  expect(pageResponse.headers().location).toContain('/sign-in');

  const row = page.getByTestId('token-row').filter({ hasText: name });
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await row.getByRole('button', { name: `Yes, revoke ${name}` }).click();
  await expect(row).toContainText('revoked');
});

test('a token without a name is refused with a clear message, and nothing is created', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'ada');
  await page.goto('/settings/tokens');
  await expect(page.getByTestId('token-row').or(page.getByText('No API tokens yet'))).not.toHaveCount(0);
  const before = await page.getByTestId('token-row').count();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('form', { name: 'Create an API token' }).getByRole('status')).toContainText('Please correct the highlighted fields.');
  await expect(page.getByText('Give the token a name')).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('token-row').or(page.getByText('No API tokens yet'))).not.toHaveCount(0);
  expect(await page.getByTestId('token-row').count()).toBe(before);
});
