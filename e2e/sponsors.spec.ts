import { expect, test, type Browser } from '@playwright/test';
import { demoAnalysisId, demoSponsorId } from '@/prisma/seed/sponsors-demo';
import { pageHeading, signInWithApi, type AccountKey } from './helpers';

/*
 * Sponsors journeys on the demo data. GRN-DEMO-0001 and Amina's unread message are left alone:
 * the page budgets (e2e/budgets.spec.ts) expect them.
 */

const GREENLEAF = demoSponsorId('greenleaf');

async function signedInPage(browser: Browser, baseURL: string | undefined, account: AccountKey) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithApi(page, baseURL, account);
  return { page, context };
}

test('a sponsor owner reads the analytics by month, then makes codes and hands them to a dealer', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'sofia');
  await page.goto('/sponsors');
  await page.getByRole('link', { name: 'GreenLeaf Agro', exact: true }).click();
  await expect(pageHeading(page)).toHaveText('GreenLeaf Agro');
  const figures = page.getByRole('region', { name: 'Key figures' });
  await expect(figures).toContainText('Codes distributed');
  await expect(page.getByRole('region', { name: 'Dealer performance' })).toContainText('Costa Farm Supply');
  await expect(page.getByRole('region', { name: 'Over time' })).toContainText('by week');

  await page.getByRole('form', { name: 'Date range' }).getByLabel('By').selectOption('month');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/bucket=month/);
  await expect(page.getByRole('region', { name: 'Over time' })).toContainText('by month');
  // A bad range says why and shows the default.
  await page.goto(`/sponsors/${GREENLEAF}?from=2026-02-30`);
  await expect(page.getByRole('form', { name: 'Date range' })).toContainText('This is not a real date.');

  await page.getByRole('link', { name: 'Codes', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/sponsors/${GREENLEAF}/codes$`));
  const generate = page.getByRole('form', { name: 'Generate codes' });
  await generate.getByLabel('How many').fill('3');
  await generate.getByRole('button', { name: 'Generate codes' }).click();
  await expect(generate).toContainText('Codes made');
  await page.getByRole('link', { name: 'In stock' }).click();
  await expect(page.getByRole('region', { name: 'Codes' }).getByText('In stock', { exact: true }).first()).toBeVisible();

  const assign = page.getByRole('form', { name: 'Assign codes' });
  await assign.getByLabel('Dealer').selectOption({ label: 'Costa Farm Supply' });
  await assign.getByLabel('How many (oldest stock first)').fill('2');
  await assign.getByRole('button', { name: 'Assign codes' }).click();
  await expect(assign).toContainText('Handed over');
  // Bad input: a clear message, nothing written.
  await generate.getByLabel('How many').fill('9000');
  await generate.getByRole('button', { name: 'Generate codes' }).click();
  await expect(generate).toContainText('At most 500 at a time.');
});

test('a dealer sends a code, a farmer redeems it, requests an analysis and writes to the sponsor', async ({ browser, baseURL }) => {
  test.setTimeout(90_000);
  const dario = await signedInPage(browser, baseURL, 'dario');
  await dario.page.goto('/sponsors/dealer');
  const row = dario.page.getByRole('row').filter({ hasText: 'GRN-DEMO-0002' });
  await row.getByRole('button', { name: 'Mark GRN-DEMO-0002 as sent' }).click();
  await expect(row).toContainText('Sent');

  // Gus has no subscription: no analyses until he redeems a code.
  const gus = await signedInPage(browser, baseURL, 'gus');
  await gus.page.goto('/sponsors/analyses');
  await expect(gus.page.getByRole('region', { name: 'Request an analysis' })).toContainText('Analyses need a running subscription.');
  await gus.page.goto('/sponsors/subscription');
  const redeem = gus.page.getByRole('form', { name: 'Redeem a sponsorship code' });
  await redeem.getByLabel('Code').fill('grn-demo-9999');
  await redeem.getByRole('button', { name: 'Redeem' }).click();
  await expect(redeem).toContainText('There is no such code: check it for typos.');
  await redeem.getByLabel('Code').fill('grn demo 0002');
  await redeem.getByRole('button', { name: 'Redeem' }).click();
  await expect(redeem).toContainText('Redeemed');
  await expect(gus.page.getByRole('region', { name: 'Your subscription' })).toContainText('GreenLeaf Agro');
  await expect(gus.page.getByRole('region', { name: 'Your subscription' })).toContainText('Medium (M)');
  // The same code again: refused.
  await redeem.getByLabel('Code').fill('GRN-DEMO-0002');
  await redeem.getByRole('button', { name: 'Redeem' }).click();
  await expect(redeem).toContainText('You have already redeemed this code.');

  await gus.page.goto('/sponsors/analyses');
  const request = gus.page.getByRole('form', { name: 'Request an analysis' });
  await request.getByLabel('Crop').selectOption('grape');
  await request.getByLabel('Field or place (optional)').fill('Vineyard by the river');
  await request.getByRole('button', { name: 'Request analysis' }).click();
  await expect(gus.page).toHaveURL(/\/sponsors\/analyses\/[0-9a-f-]{36}$/);
  const analysisUrl = gus.page.url();
  // The analysis job runs after the response: reload until it is done.
  await expect(async () => {
    await gus.page.reload();
    await expect(gus.page.getByText('Plant identification')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(pageHeading(gus.page)).toContainText('Grape');
  await gus.page.getByLabel('Write to GreenLeaf Agro').fill('Is the white powder on the leaves mildew?');
  await gus.page.getByRole('button', { name: 'Send' }).click();
  await expect(gus.page.getByRole('listitem').filter({ hasText: 'Is the white powder on the leaves mildew?' })).toBeVisible();

  // Sofia (GreenLeaf's owner) has it in her inbox, unread, and answers on the analysis.
  const sofia = await signedInPage(browser, baseURL, 'sofia');
  await sofia.page.goto('/sponsors/messages');
  const message = sofia.page.getByRole('listitem').filter({ hasText: 'Is the white powder on the leaves mildew?' });
  await expect(message).toContainText('unread');
  await message.getByRole('link').click();
  await expect(sofia.page).toHaveURL(analysisUrl);
  await sofia.page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(sofia.page.getByRole('button', { name: 'Mark all read' })).toHaveCount(0);
  await sofia.page.getByLabel('Write to Gus Larsen').fill('Yes: spray sulphur this week.');
  await sofia.page.getByRole('button', { name: 'Send' }).click();
  // Sent (the reply is in the conversation) before Gus looks.
  await expect(sofia.page.getByRole('listitem').filter({ hasText: 'Yes: spray sulphur this week.' })).toBeVisible();
  await gus.page.goto('/sponsors/messages');
  await expect(gus.page.getByRole('listitem').filter({ hasText: 'Yes: spray sulphur this week.' })).toContainText('unread');

  // Kenji, of another sponsor, cannot even learn that the analysis exists.
  const kenji = await signedInPage(browser, baseURL, 'kenji');
  expect((await kenji.page.goto(analysisUrl))?.status()).toBe(404);
  await Promise.all([dario.context.close(), gus.context.close(), sofia.context.close(), kenji.context.close()]);
});

test('who sees what: another sponsor’s pages, other farmers’ analyses and the dealer’s pages are 404s', async ({ browser, baseURL }) => {
  // Eight page loads by three viewers, each signed in first.
  test.setTimeout(60_000);
  const kenji = await signedInPage(browser, baseURL, 'kenji');
  for (const path of [`/sponsors/${GREENLEAF}`, `/sponsors/${GREENLEAF}/codes`, `/sponsors/${GREENLEAF}/team`, `/sponsors/analyses/${demoAnalysisId('amina', 1)}`]) {
    expect((await kenji.page.goto(path))?.status(), path).toBe(404);
  }
  expect((await kenji.page.goto(`/sponsors/${demoSponsorId('agrinova')}`))?.status()).toBe(200);
  // Kenji is no dealer: the dealer's page holds no codes for him (Dario's are his alone).
  await kenji.page.goto('/sponsors/dealer');
  await expect(kenji.page.getByRole('region', { name: 'Your codes' })).toContainText('No codes here.');
  await expect(kenji.page.getByRole('region', { name: 'Your codes' })).not.toContainText('GRN-DEMO');
  const amina = await signedInPage(browser, baseURL, 'amina');
  expect((await amina.page.goto(`/sponsors/analyses/${demoAnalysisId('tomas', 1)}`))?.status()).toBe(404);
  expect((await amina.page.goto(`/sponsors/${GREENLEAF}`))?.status()).toBe(404);
  expect((await amina.page.goto('/sponsors/analyses/not-an-id'))?.status()).toBe(404);
  // The administrator reads any sponsor, read-only.
  const admin = await signedInPage(browser, baseURL, 'admin');
  await admin.page.goto(`/sponsors/${GREENLEAF}/codes`);
  await expect(admin.page.getByRole('region', { name: 'Manage codes' })).toContainText('Only the sponsor’s owners and managers');
  await Promise.all([kenji.context.close(), amina.context.close(), admin.context.close()]);
});

test('a farmer pages through their analyses and opens one in full', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'tomas');
  await page.goto('/sponsors/analyses');
  const list = page.getByRole('region', { name: 'My analyses' });
  await expect(list.getByRole('row')).toHaveCount(21);
  await list.getByRole('link', { name: 'Older' }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(list.getByRole('row')).toHaveCount(5);
  await expect(list.getByRole('link', { name: 'Older' })).toHaveCount(0);
  await list.getByRole('link', { name: 'Newest' }).click();
  await list.getByRole('link').filter({ hasText: /^Wheat|^Sunflower/ }).first().click();
  await expect(page.getByText('Nutrient status', { exact: true })).toBeVisible();
  await expect(page.getByText('Recommendations', { exact: true })).toBeVisible();
});

test('reading a message clears it from the unread count', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'kenji');
  await page.goto('/sponsors/messages');
  const inbox = page.getByRole('region', { name: 'Inbox' });
  const message = inbox.getByRole('listitem').filter({ hasText: 'How much should I apply per hectare?' });
  await expect(message).toContainText('unread');
  const before = Number((await inbox.getByText(/\d+ unread$/).textContent())?.match(/\d+/)?.[0]);
  await message.getByRole('button', { name: /^Mark read/ }).click();
  await expect(message).not.toContainText('unread');
  await expect(inbox).toContainText(before > 1 ? `${before - 1} unread` : 'All read');
});
