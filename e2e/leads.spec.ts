import { expect, test, type Browser } from '@playwright/test';
import { demoIntegrationId } from '@/lib/leads/module';
import { pageHeading, signInWithApi, type AccountKey } from './helpers';

// The feed the journey adds, served on loopback by e2e/fixtures/product-server.mjs (an origin the
// app under test may fetch although private).
const FEED_URL = `http://127.0.0.1:${Number(process.env.E2E_PRODUCT_PORT ?? 3198)}/feed.rss`;

async function signedInPage(browser: Browser, baseURL: string | undefined, account: AccountKey) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithApi(page, baseURL, account);
  return { page, context };
}

test('a keyword and a feed source are added, “Search now” finds a lead, and the lead moves along the pipeline from the keyboard', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const ada = await signedInPage(browser, baseURL, 'ada');
  const { page } = ada;

  await page.goto('/leads');
  await expect(pageHeading(page)).toHaveText('Leads');
  await expect(page.getByRole('region', { name: 'Keyword performance' })).toContainText('PostgreSQL');
  await expect(page.getByRole('region', { name: 'Source health' })).toContainText('Indie Makers Forum');
  await expect(page.getByRole('region', { name: 'Leads in the last 30 days' }).getByRole('img')).toBeVisible();

  // A keyword: added, and refused twice.
  await page.getByRole('link', { name: 'Keywords', exact: true }).click();
  await expect(pageHeading(page)).toHaveText('Keywords');
  await page.getByLabel('Keyword or phrase').fill('Figma');
  await page.getByRole('button', { name: 'Add keyword' }).click();
  await expect(page.getByRole('region', { name: 'Your keywords' })).toContainText('Figma');
  await page.getByLabel('Keyword or phrase').fill('figma');
  await page.getByRole('button', { name: 'Add keyword' }).click();
  await expect(page.getByRole('main')).toContainText('You already have this keyword.');

  // A source by URL: its first search starts at once; "Search now" runs it again and shows its progress.
  await page.getByRole('link', { name: 'Sources', exact: true }).click();
  await page.getByLabel('Feed address (RSS, Atom or JSON Feed)').fill('not a feed address');
  await page.getByRole('button', { name: 'Add source' }).click();
  await expect(page.getByRole('main')).toContainText('Use a web address starting with http:// or https://.');
  await page.getByLabel('Feed address (RSS, Atom or JSON Feed)').fill(FEED_URL);
  await page.getByLabel('Name (optional)').fill('Design Forum');
  await page.getByRole('button', { name: 'Add source' }).click();
  const sources = page.getByRole('region', { name: 'Your sources' });
  await expect(sources).toContainText('Design Forum');
  await sources.getByRole('link', { name: 'Design Forum' }).click();
  // On the source's own page (the list has a "Search now" of its own, hidden once the page changes).
  await expect(pageHeading(page)).toHaveText('Source');
  await expect(page.getByRole('main')).toContainText(/new mention|nothing new/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Search Design Forum now' }).click();
  await expect(page.getByTestId('search-progress')).toContainText('No search under way.', { timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Log of Design Forum' })).toContainText('nothing new');

  // The mention of Figma with a budget became a lead; the mentions page filters by keyword.
  await page.goto('/leads/mentions');
  await page.getByRole('combobox', { name: 'Keyword', exact: true }).selectOption({ label: 'Figma' });
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/keyword=/);
  const mentions = page.getByTestId('mention');
  await expect(mentions).toHaveCount(2);
  await expect(mentions.filter({ hasText: 'Looking for a Figma expert' })).toContainText('Lead: New');

  // On the pipeline, the lead moves from New to Qualified with the keyboard.
  await page.goto('/leads/pipeline');
  const card = page.getByTestId('column-new').getByTestId('lead-card').filter({ hasText: 'Looking for a Figma expert' });
  await card.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('column-qualified').getByTestId('lead-card').filter({ hasText: 'Looking for a Figma expert' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Moved' })).toContainText('to Qualified');
  await page.reload();
  const moved = page.getByTestId('column-qualified').getByTestId('lead-card').filter({ hasText: 'Looking for a Figma expert' });
  await expect(moved).toBeVisible();
  // The score is explained on the card: its reasons open from "Why this score".
  await moved.getByText('Why this score').click();
  await expect(moved.getByText('Score (at most 100)')).toBeVisible();

  await ada.context.close();
});

test('another person’s source is a 404, and the API answers only the owner', async ({ browser, baseURL }) => {
  const gus = await signedInPage(browser, baseURL, 'gus');
  const response = await gus.page.goto(`/leads/integrations/${demoIntegrationId('usr_ada', 'indie-forum')}`);
  expect(response?.status()).toBe(404);
  const api = await gus.page.request.get(`/api/v1/leads/integrations/${demoIntegrationId('usr_ada', 'indie-forum')}`);
  expect(api.status()).toBe(404);
  const dashboard = (await (await gus.page.request.get('/api/v1/leads/dashboard')).json()) as { recentLeads: unknown[] };
  expect(dashboard.recentLeads).toEqual([]);
  await gus.context.close();
  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(`${baseURL}/api/v1/leads/dashboard`)).status()).toBe(401);
  await anonymous.close();
});
