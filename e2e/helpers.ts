import { expect, type BrowserContext, type Locator, type Page } from '@playwright/test';
import type { DemoViewerKey } from '@/lib/modules/manifest';
import { modules } from '@/modules';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';

export { DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';

interface Account {
  email: string;
  name: string;
}
type KeyOf<Id> = Id extends `usr_${infer Key}` ? Key : never;

/** Every demo account by key: its id without `usr_` (`usr_ada` → `ada`). */
export const ACCOUNTS = Object.fromEntries(DEMO_ACCOUNTS.map((account) => [account.id.replace(/^usr_/, ''), { email: account.email, name: account.name }])) as Record<
  KeyOf<(typeof DEMO_ACCOUNTS)[number]['id']>,
  Account
>;

export type AccountKey = DemoViewerKey;

/** A demo account by key (a page budget's viewer, say); throws for a key no demo account has. */
export function demoAccount(key: AccountKey): Account {
  const account = (ACCOUNTS as Record<string, Account | undefined>)[key];
  if (!account) throw new Error(`no demo account "${key}" (prisma/seed/demo-accounts.ts)`);
  return account;
}

/** The app pages that only signed-in viewers may open: every module's pages opened by a demo viewer. */
export const APP_PAGES = modules.flatMap((module) => (module.pages ?? []).filter((page) => page.viewer !== null).map((page) => page.path));

/**
 * The form's message region. Next.js adds a route announcer that is also role="alert", so the
 * lookup is scoped to the page's main content.
 */
export function formAlert(page: Page): Locator {
  return page.getByRole('main').getByRole('alert');
}

/** The page's own title: the level-1 heading of its main content. */
export function pageHeading(page: Page): Locator {
  return page.getByRole('main').getByRole('heading', { level: 1 });
}

/** Fills and submits the sign-in form (the page must show it). */
export async function fillSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in through the form, as a person would, and waits for the app shell. */
export async function signInWithForm(page: Page, account: AccountKey, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await fillSignInForm(page, demoAccount(account).email, password);
  await expect(page.getByTestId('viewer-name')).toHaveText(demoAccount(account).name);
}

/**
 * Signs in through the auth API, for tests that are not about the form: the session cookie
 * lands in the page's browser context. Better Auth allows 3 sign-in requests per 10 seconds
 * from one address in production, so a 429 is waited out (bounded) rather than failed on.
 */
export async function signInWithApi(page: Page, baseURL: string | undefined, account: AccountKey): Promise<void> {
  if (!baseURL) throw new Error('baseURL is not configured');
  for (let attempt = 1; ; attempt++) {
    const response = await page.request.post('/api/auth/sign-in/email', {
      data: { email: demoAccount(account).email, password: DEMO_PASSWORD },
      headers: { origin: baseURL },
    });
    if (response.status() === 429 && attempt < 4) {
      const retryAfter = Number(response.headers()['x-retry-after'] ?? '10');
      await page.waitForTimeout((Math.min(Math.max(retryAfter, 1), 10) + 0.5) * 1000);
      continue;
    }
    expect(response.status(), `sign-in of ${account} through the API`).toBe(200);
    return;
  }
}

type Cookies = Awaited<ReturnType<BrowserContext['cookies']>>;
/** Sessions of this worker process by account, for tests that only look (reuseSession). */
const workerSessions = new Map<AccountKey, Cookies>();

/**
 * Puts a session of this account into the page's context: the one this worker signed in with
 * before while it is still valid, else a new one (signInWithApi). For tests that only read pages:
 * a test that signs out, or changes what a session may do, signs in on its own. Spares the wait
 * for Better Auth's 3 sign-ins per 10 s, which pages with four checks each ran into.
 */
export async function reuseSession(page: Page, baseURL: string | undefined, account: AccountKey): Promise<void> {
  const saved = workerSessions.get(account);
  if (saved) {
    await page.context().addCookies(saved);
    const session = await page.request.get('/api/auth/get-session');
    if (session.ok() && (await session.json())?.user?.email === demoAccount(account).email) return;
    await page.context().clearCookies();
  }
  await signInWithApi(page, baseURL, account);
  workerSessions.set(account, await page.context().cookies());
}
