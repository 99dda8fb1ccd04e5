import { expect, test, type Browser } from '@playwright/test';

/*
 * Friendships between two new accounts (the demo accounts' friendships stay as other journeys
 * expect them): a request, its acceptance, and its end, confirmed in place.
 */

async function newAccount(browser: Browser, baseURL: string | undefined, label: string) {
  const unique = `${label}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const account = { name: `Friend ${unique}`, email: `e2e-${unique}@brisk.test` };
  const context = await browser.newContext();
  const page = await context.newPage();
  // Better Auth allows 3 sign-ups per 10 s from one address: other journeys may be signing up too.
  for (let attempt = 1; ; attempt++) {
    const response = await page.request.post('/api/auth/sign-up/email', { data: { ...account, password: 'a-long-enough-password' }, headers: { origin: baseURL! } });
    if (response.status() === 429 && attempt < 4) {
      await page.waitForTimeout((Math.min(Math.max(Number(response.headers()['x-retry-after'] ?? '10'), 1), 10) + 0.5) * 1000);
      continue;
    }
    expect(response.status(), `sign-up of ${label}`).toBe(200);
    break;
  }
  return { ...account, page, context };
}

test('two people become friends, and one removes the other after confirming', async ({ browser, baseURL }) => {
  test.setTimeout(60_000);
  const asker = await newAccount(browser, baseURL, 'asker');
  const asked = await newAccount(browser, baseURL, 'asked');

  await asker.page.goto('/wishlists/friends');
  await asker.page.getByLabel('Their e-mail address').fill(asked.email);
  await asker.page.getByRole('button', { name: 'Send request' }).click();
  await expect(asker.page.getByRole('main').getByRole('status').first()).toContainText('Request sent.');

  await asked.page.goto('/wishlists/friends');
  await asked.page.getByRole('button', { name: `Accept ${asker.name}` }).click();
  const friends = asked.page.getByTestId('friends-list');
  await expect(friends).toContainText(asker.name);

  // The first press asks; Escape cancels and gives the focus back.
  const remove = asked.page.getByRole('button', { name: `Remove friend: ${asker.name}` });
  await remove.click();
  const confirm = asked.page.getByRole('group', { name: `Remove ${asker.name} from your friends?` });
  await expect(confirm.getByRole('button', { name: 'Yes, remove' })).toBeFocused();
  await asked.page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(remove).toBeFocused();

  // With the keyboard: Enter asks, Enter on the focused confirmation removes.
  await asked.page.keyboard.press('Enter');
  await expect(confirm.getByRole('button', { name: 'Yes, remove' })).toBeFocused();
  await asked.page.keyboard.press('Enter');
  await expect(asked.page.getByRole('heading', { name: 'Friends (0)' })).toBeVisible();
  await expect(asked.page.getByRole('main')).not.toContainText(asker.name);

  // The other side's next request shows it too.
  await asker.page.reload();
  await expect(asker.page.getByRole('heading', { name: 'Friends (0)' })).toBeVisible();
  await expect(asker.page.getByRole('main')).not.toContainText(asked.name);
  await Promise.all([asker.context.close(), asked.context.close()]);
});
