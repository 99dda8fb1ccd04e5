import { expect, test, type Browser } from '@playwright/test';
import { pageHeading, signInWithApi, type AccountKey } from './helpers';

const PRODUCT_URL = `http://127.0.0.1:${process.env.E2E_PRODUCT_PORT ?? 3198}/product`;

async function signedInPage(browser: Browser, baseURL: string | undefined, account: AccountKey) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithApi(page, baseURL, account);
  return { page, context };
}

test('a list is created, an item’s details arrive from its link, a friend reserves it and the owner is none the wiser', async ({ browser, baseURL }) => {
  // Three people sign in: Better Auth's limit (3 sign-ins per 10 s from one address) may make
  // one of them wait, when other tests sign in at the same time.
  test.setTimeout(90_000);
  const ada = await signedInPage(browser, baseURL, 'ada');
  const name = `Moving-in ${Date.now()}`;

  await ada.page.goto('/wishlists/new');
  await ada.page.getByLabel('Name').fill(name);
  await ada.page.getByLabel('Who can see it').selectOption('partner_only');
  await ada.page.getByLabel('Occasion').selectOption('housewarming');
  await ada.page.getByLabel('Date').fill('2027-06-01');
  await ada.page.getByRole('button', { name: 'Create list' }).click();
  await expect(pageHeading(ada.page)).toHaveText(name);
  const listUrl = ada.page.url();

  // Only the link: the name, price and image come from the page behind it, without a reload.
  await ada.page.getByLabel('Link').fill(PRODUCT_URL);
  await ada.page.getByRole('button', { name: 'Add item' }).click();
  const row = ada.page.getByTestId('item-row').filter({ hasText: 'Walnut desk lamp' });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText('€89.00');
  await expect(row).toContainText('available');

  // Ben, Ada's friend, reserves it.
  const ben = await signedInPage(browser, baseURL, 'ben');
  await ben.page.goto(listUrl);
  await ben.page.getByRole('button', { name: 'Reserve: Walnut desk lamp' }).click();
  await expect(ben.page.getByTestId('item-row').filter({ hasText: 'Walnut desk lamp' })).toContainText('reserved by you');

  // Ada still sees it as available: the gift stays a surprise.
  await ada.page.reload();
  await expect(row).toContainText('available');
  await expect(row).not.toContainText('reserved');

  // Someone who is not Ada's friend cannot even learn that the list exists.
  const gus = await signedInPage(browser, baseURL, 'gus');
  const response = await gus.page.goto(listUrl);
  expect(response?.status()).toBe(404);

  await Promise.all([ada.context.close(), ben.context.close(), gus.context.close()]);
});

test('the dashboard shows my lists, my friends’ lists and public lists, and sorts mine', async ({ page, baseURL }) => {
  // Ben: no other test changes his lists.
  await signInWithApi(page, baseURL, 'ben');
  await page.goto('/wishlists?sort=name_asc');
  const mine = page.getByRole('region', { name: 'My wishlists' });
  await expect(mine.getByRole('heading', { level: 3 })).toHaveText(['Gadgets', 'Secret list', 'Wedding registry']);
  const friends = page.getByRole('region', { name: 'Friends’ wishlists' });
  await expect(friends).toContainText('Birthday wishes');
  await expect(friends).not.toContainText('Home office'); // Ada's private list
  await expect(page.getByRole('region', { name: 'Public wishlists' })).toContainText('Camping gear');
  await page.getByRole('link', { name: 'Name Z–A' }).click();
  await expect(page).toHaveURL(/sort=name_desc/);
  await expect(mine.getByRole('heading', { level: 3 })).toHaveText(['Wedding registry', 'Secret list', 'Gadgets']);
});

test('a friend request is accepted and opens the lists both ways', async ({ browser, baseURL }) => {
  // Dev asked Ada in the demo data.
  const ada = await signedInPage(browser, baseURL, 'ada');
  await ada.page.goto('/wishlists/friends');
  const request = ada.page.getByTestId('incoming-request').filter({ hasText: 'Dev Patel' });
  await request.getByRole('button', { name: 'Accept Dev Patel' }).click();
  await expect(ada.page.getByTestId('friends-list')).toContainText('Dev Patel');

  const dev = await signedInPage(browser, baseURL, 'dev');
  await dev.page.goto('/wishlists');
  await expect(dev.page.getByRole('region', { name: 'Friends’ wishlists' })).toContainText('Birthday wishes');
  await Promise.all([ada.context.close(), dev.context.close()]);
});
