import { expect, test } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, fillSignInForm, formAlert, pageHeading, signInWithForm } from './helpers';

test.describe('sign-in', () => {
  test('the right password lands on home with the welcome card', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await fillSignInForm(page, ACCOUNTS.ada.email, DEMO_PASSWORD);

    await expect(page).toHaveURL('/');
    const welcome = page.getByTestId('welcome');
    await expect(welcome).toContainText('Welcome back, Ada Park');
    await expect(welcome).toContainText('2 friends · 1 friend request waiting for you · 1 request you sent');
    await expect(page.getByTestId('viewer-name')).toHaveText('Ada Park');
  });

  test('a wrong password is refused and keeps the typed e-mail', async ({ page }) => {
    await page.goto('/sign-in');
    await fillSignInForm(page, ACCOUNTS.ada.email, 'not-the-password');

    await expect(formAlert(page)).toHaveText('Wrong e-mail or password.');
    await expect(page).toHaveURL('/sign-in');
    await expect(page.getByLabel('E-mail')).toHaveValue(ACCOUNTS.ada.email);
    // The password is never sent back to the form.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByTestId('viewer-name')).toHaveCount(0);
  });

  test('an unknown e-mail gets the same message as a wrong password', async ({ page }) => {
    await page.goto('/sign-in');
    await fillSignInForm(page, 'nobody@brisk.test', DEMO_PASSWORD);

    await expect(formAlert(page)).toHaveText('Wrong e-mail or password.');
    await expect(page).toHaveURL('/sign-in');
  });

  test('an invalid e-mail shows the field error', async ({ page }) => {
    await page.goto('/sign-in');
    await fillSignInForm(page, 'not-an-email', DEMO_PASSWORD);

    await expect(formAlert(page)).toHaveText('Please correct the highlighted fields.');
    const email = page.getByLabel('E-mail');
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription('Enter a valid e-mail address.');
    await expect(page.getByText('Enter a valid e-mail address.')).toBeVisible();
    await expect(page).toHaveURL('/sign-in');
  });

  test('a signed-out visit to a page comes back to it after signing in', async ({ page }) => {
    await page.goto('/wishlists');
    await expect(page).toHaveURL('/sign-in?next=%2Fwishlists');

    await fillSignInForm(page, ACCOUNTS.ada.email, DEMO_PASSWORD);
    await expect(page).toHaveURL('/wishlists');
    await expect(pageHeading(page)).toHaveText(/^Wishlists/);
    await expect(page.getByTestId('viewer-name')).toHaveText('Ada Park');
  });

  test('signing out returns to sign-in and closes the app', async ({ page }) => {
    await signInWithForm(page, 'ada');
    await expect(page).toHaveURL('/');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in(\?|$)/);
    await expect(page.getByTestId('viewer-name')).toHaveCount(0);
    await expect(page.getByTestId('welcome')).toHaveCount(0);

    await page.goto('/wishlists');
    await expect(page).toHaveURL('/sign-in?next=%2Fwishlists');
  });

  test('the form works with the keyboard alone', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

    await page.keyboard.press('Tab');
    await expect(page.getByLabel('E-mail')).toBeFocused();
    await page.keyboard.type(ACCOUNTS.ada.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await expect(page).toHaveURL('/');
    await expect(page.getByTestId('welcome')).toContainText('Welcome back, Ada Park');
  });
});

test.describe('sign-up', () => {
  test('a new account lands on home, welcomed by name', async ({ page }, testInfo) => {
    const unique = `${Date.now().toString(36)}-${testInfo.workerIndex}-${Math.random().toString(36).slice(2, 8)}`;
    const name = `E2E Tester ${unique}`;
    const email = `e2e-${unique}@brisk.test`;

    await page.goto('/sign-up');
    await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('a-long-enough-password');
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL('/');
    // A new account with no friend yet is greeted as new, not "back" (Ada, an old account, is).
    const welcome = page.getByTestId('welcome');
    await expect(welcome.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${name}`);
    await expect(welcome).toContainText('0 friends · 0 friend requests waiting for you · 0 requests you sent');
    await expect(page.getByTestId('viewer-name')).toHaveText(name);
  });
});
