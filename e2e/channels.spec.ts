import { expect, test, type Browser } from '@playwright/test';
import { demoChannelId } from '@/prisma/seed/channels-demo';
import { pageHeading, signInWithApi, type AccountKey } from './helpers';

const kitchen = demoChannelId('ada-kitchen');

async function signedInPage(browser: Browser, baseURL: string | undefined, account: AccountKey) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithApi(page, baseURL, account);
  return { page, context };
}

test('channels: Ada reads her dashboard, changes the period and opens a channel', async ({ page, baseURL }) => {
  // Ada: read only (the budgets count her channels).
  await signInWithApi(page, baseURL, 'ada');
  await page.goto('/channels');
  await expect(pageHeading(page)).toHaveText('Channels');
  const table = page.getByRole('region', { name: 'My channels', exact: true });
  await expect(table.getByRole('link')).toHaveText(['Ada on the Road', 'Ada’s Kitchen', 'Paper & Ink']);
  const plan = page.getByRole('region', { name: 'Your plan' });
  await expect(plan).toContainText('Pro');
  await expect(plan).toContainText('3 of 5 channels');
  await expect(page.getByRole('region', { name: 'Views by day' }).getByRole('img')).toHaveAttribute('aria-label', /Views by day, last 30 days: [\d,]+ in total/);
  await expect(page.getByRole('region', { name: 'Top posts' }).getByRole('listitem')).toHaveCount(10);

  await page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/\/channels\?period=7$/);
  await expect(page.getByRole('region', { name: 'Views by day' }).getByRole('img')).toHaveAttribute('aria-label', /last 7 days/);
  await expect(page.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'true');

  await table.getByRole('link', { name: 'Ada’s Kitchen' }).click();
  await expect(pageHeading(page)).toHaveText('Ada’s Kitchen');
  await expect(page.getByText('@adas_kitchen · 48,200 subscribers')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Audience' })).toContainText('Subscribers');
  await expect(page.getByRole('region', { name: 'Top posts' })).toContainText('Most engaging');
  await expect(page.getByRole('link', { name: 'Edit channel' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish post' })).toBeVisible();
});

test('channels: Ben adds a channel, publishes a post, sends its metrics, sees them, renames it and deletes it', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const ben = await signedInPage(browser, baseURL, 'ben');
  const { page } = ben;
  const handle = `e2e_${Date.now().toString(36)}`;

  await page.goto('/channels/new');
  await expect(page.getByText('2 of 25 channels on your Business plan.')).toBeVisible();
  // A bad handle is refused with its reason, and nothing is created.
  await page.getByLabel('Title').fill('Night Trains');
  await page.getByLabel('Handle').fill('no');
  await page.getByRole('button', { name: 'Create channel' }).click();
  await expect(page.getByText('Use 5 to 32 letters, digits or underscores.')).toBeVisible();
  await page.getByLabel('Handle').fill(`@${handle}`);
  await page.getByRole('button', { name: 'Create channel' }).click();
  await expect(pageHeading(page)).toHaveText('Night Trains');
  const channelUrl = page.url();
  const channelId = channelUrl.split('/').pop()!;

  await page.getByLabel('Text').fill('The sleeper from Vienna to Rome, in twelve photographs.');
  await page.getByRole('button', { name: 'Publish post' }).click();
  await expect(page.getByText('Published.')).toBeVisible();
  const totals = page.getByRole('region', { name: 'Totals of the channel' });
  await expect(totals.getByText('Posts').locator('..')).toContainText('1');

  // The collector sends the post's metrics through the API (with Ben's session here; a token works the same).
  const top = await page.request.get(`/api/v1/channels/${channelId}/posts?sort=views`);
  const [post] = ((await top.json()) as { posts: { id: string }[] }).posts;
  const batch = {
    posts: [
      { postId: post!.id, capturedAt: new Date(Date.now() - 60_000).toISOString(), views: 1200, likes: 80, forwards: 15 },
      { postId: post!.id, capturedAt: new Date().toISOString(), views: 300, likes: 20, forwards: 5 },
    ],
    channels: [{ channelId, capturedAt: new Date().toISOString(), subscribers: 321 }],
  };
  const sent = await page.request.post('/api/v1/channels/metrics', { data: batch });
  expect(sent.status()).toBe(202);
  const { batchId } = (await sent.json()) as { batchId: string };
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/channels/metrics/${batchId}`)).json()) as { status: string }).status, { timeout: 20_000 }).toBe('processed');
  // Sent twice (a client retrying): counted once.
  expect((await page.request.post('/api/v1/channels/metrics', { data: batch })).status()).toBe(202);

  await page.reload();
  await expect(totals.getByText('Views').locator('..')).toContainText('1.5K');
  await expect(page.getByRole('region', { name: 'Audience' })).toContainText('321');
  await expect(page.getByRole('region', { name: 'Top posts' })).toContainText('1,500 views');

  await page.getByRole('link', { name: 'Edit channel' }).click();
  await page.getByLabel('Title').fill('Night Trains of Europe');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(pageHeading(page)).toHaveText('Night Trains of Europe');

  await page.goto('/channels');
  await expect(page.getByRole('region', { name: 'My channels', exact: true })).toContainText('Night Trains of Europe');
  await page.goto(`${channelUrl}/edit`);
  await page.getByRole('button', { name: 'Delete channel' }).click();
  await page.getByRole('button', { name: 'Yes, delete it' }).click();
  await expect(page).toHaveURL(/\/channels$/);
  await expect(page.getByRole('region', { name: 'My channels', exact: true })).not.toContainText('Night Trains');
  expect((await page.goto(channelUrl))?.status()).toBe(404);
  await ben.context.close();
});

test('channels: another user gets a 404 for Ada’s channel, an admin a read-only view, Chloé her plan’s limit', async ({ browser, baseURL }) => {
  // Three sign-ins: Better Auth allows 3 a 10 s per address, and the helper waits a 429 out.
  test.setTimeout(90_000);
  const gus = await signedInPage(browser, baseURL, 'gus');
  expect((await gus.page.goto(`/channels/${kitchen}`))?.status()).toBe(404);
  expect((await gus.page.goto(`/channels/${kitchen}/edit`))?.status()).toBe(404);
  expect((await gus.page.request.get(`/api/v1/channels/${kitchen}`)).status()).toBe(404);

  const admin = await signedInPage(browser, baseURL, 'admin');
  expect((await admin.page.goto(`/channels/${kitchen}`))?.status()).toBe(200);
  await expect(admin.page.getByText('Ada Park’s channel (read-only)')).toBeVisible();
  await expect(admin.page.getByRole('link', { name: 'Edit channel' })).toHaveCount(0);
  await expect(admin.page.getByRole('button', { name: 'Publish post' })).toHaveCount(0);
  expect((await admin.page.goto(`/channels/${kitchen}/edit`))?.status()).toBe(404);

  const chloe = await signedInPage(browser, baseURL, 'chloe');
  await chloe.page.goto('/channels/new');
  await chloe.page.getByLabel('Title').fill('A second channel');
  await chloe.page.getByLabel('Handle').fill(`chloe_${Date.now().toString(36)}`);
  await chloe.page.getByRole('button', { name: 'Create channel' }).click();
  await expect(chloe.page.getByText('Your Free plan allows 1 channel, and you have 1.')).toBeVisible();
  await Promise.all([gus.context.close(), admin.context.close(), chloe.context.close()]);
});

test('channels: the naive baseline of the benchmark does not exist outside bench mode', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'ada');
  expect((await page.goto('/bench/naive/channels'))?.status()).toBe(404);
  expect((await page.request.get('/api/v1/bench/naive/channels')).status()).toBe(404);
});
