import http from 'node:http';
import { expect, test } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, fillSignInForm, formAlert, pageHeading, signInWithApi } from './helpers';

/*
 * The security points of the production build (README, "Security"): headers on every kind of
 * response, no framing, a policy the pages run under without a violation, malformed URLs
 * answered 400 (API) or 404 (pages), cross-site server actions refused 403, client-written X-Forwarded-For ignored,
 * and the account settings.
 */

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request sent byte for byte as written (no client re-encodes the path or drops a header). */
function raw(baseURL: string | undefined, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL!);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname, port, method, path, headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** One response of each kind a visitor can get. */
async function responsesOfEveryKind(baseURL: string | undefined): Promise<Record<string, RawResponse>> {
  const kinds: Record<string, [string, string]> = {
    page: ['GET', '/sign-in'],
    'API route (401 JSON)': ['GET', '/api/v1/wishlists'],
    'auth API': ['GET', '/api/auth/get-session'],
    'proxy redirect to sign-in': ['GET', '/wishlists'],
    'proxy 404 rewrite': ['GET', '/bench'],
    'proxy 400 (malformed path)': ['GET', '/api/v1/wishlists/%ZZ'],
    'proxy 403 (cross-site action)': ['POST', '/sign-in'],
  };
  const out: Record<string, RawResponse> = {};
  for (const [kind, [method, path]] of Object.entries(kinds)) {
    out[kind] = await raw(baseURL, method, path, method === 'POST' ? { origin: 'http://evil.test', 'next-action': 'f'.repeat(42), 'content-type': 'text/plain;charset=UTF-8' } : {}, method === 'POST' ? '[]' : undefined);
  }
  expect(out['proxy redirect to sign-in']!.status).toBe(307);
  expect(out['proxy 404 rewrite']!.status).toBe(404);
  return out;
}

const HEADERS: Record<string, RegExp> = {
  'content-security-policy':
    /^default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:[^;]*; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$/,
  'x-frame-options': /^DENY$/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^strict-origin-when-cross-origin$/,
  'permissions-policy': /^camera=\(\), microphone=\(\), geolocation=\(\), payment=\(\), usb=\(\), browsing-topics=\(\)$/,
  'cross-origin-opener-policy': /^same-origin$/,
};

test.describe('security headers', () => {
  for (const [header, expected] of Object.entries(HEADERS)) {
    test(`${header} on pages, API routes, redirects and the proxy's own answers`, async ({ baseURL }) => {
      for (const [kind, response] of Object.entries(await responsesOfEveryKind(baseURL))) {
        expect(String(response.headers[header]), `${header} on the ${kind} (${response.status})`).toMatch(expected);
      }
    });
  }

  test('Strict-Transport-Security only on requests that came over HTTPS', async ({ baseURL }) => {
    expect((await raw(baseURL, 'GET', '/sign-in')).headers['strict-transport-security']).toBeUndefined();
    expect((await raw(baseURL, 'GET', '/sign-in', { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  test('no other site can frame a page', async ({ page, baseURL }) => {
    // Another origin on loopback, served by a real server (Chromium does not let a public page,
    // nor a page it was handed by the test, frame loopback at all, which would prove nothing).
    const framer = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<h1>Evil</h1><iframe id="victim" src="${baseURL}/sign-in"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
    try {
      const refused = page.waitForEvent('console', (message) => /frame-ancestors/.test(message.text()));
      await page.goto(`http://127.0.0.1:${(framer.address() as { port: number }).port}/`);
      expect((await refused).text()).toContain("frame-ancestors 'none'");
      await expect(page.frameLocator('#victim').getByRole('heading', { name: 'Sign in' })).toHaveCount(0);
    } finally {
      await new Promise((resolve) => framer.close(resolve));
    }
  });

  test('the pages run under the policy without a single violation', async ({ page }) => {
    // Six pages, each until its network is idle.
    test.slow();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|CSP violation/i.test(message.text())) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`));
    });
    await page.goto('/sign-in');
    await fillSignInForm(page, ACCOUNTS.ada.email, DEMO_PASSWORD);
    await expect(page.getByTestId('welcome')).toContainText('Welcome back, Ada Park');
    for (const path of ['/wishlists', '/wishlists/upcoming', '/wishlists/friends', '/settings/tokens', '/settings/account']) {
      await page.goto(path);
      await expect(pageHeading(page)).toBeVisible();
      await page.waitForLoadState('networkidle');
    }
    // Client-side navigation (RSC fetches) too.
    await page.getByRole('link', { name: 'Wishlists' }).first().click();
    await expect(page).toHaveURL('/wishlists');
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});

test.describe('malformed percent-encoding', () => {
  for (const path of ['/api/v1/wishlists/%E0%A4%A', '/api/v1/wishlists/%ZZ', '/api/v1/wishlists/%', '/api/auth/%E0', '/api/v1/wishlists/%E0%A4%A/items']) {
    test(`GET ${path} answers 400 in JSON`, async ({ baseURL }) => {
      const response = await raw(baseURL, 'GET', path);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(response.body)).toEqual({ error: 'Malformed URL: a path segment is not valid percent-encoding.' });
    });
  }

  test('a page with a malformed path answers 404 with the not-found page', async ({ baseURL }) => {
    for (const path of ['/wishlists/%ZZ', '/wishlists/%E0%A4%A/edit', '/%']) {
      const response = await raw(baseURL, 'GET', path, { accept: 'text/html' });
      expect(response.status, path).toBe(404);
      expect(response.body).toContain('This page does not exist');
    }
  });
});

test.describe('cross-site server actions', () => {
  const action = (headers: Record<string, string>) => ({ 'next-action': 'f'.repeat(42), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...headers });

  test('are refused with a 403, whatever X-Forwarded-Host says', async ({ baseURL }) => {
    const foreign: Record<string, string>[] = [{ origin: 'http://evil.test' }, { origin: 'http://evil.test', 'x-forwarded-host': 'evil.test' }, { origin: 'null' }, { origin: `${baseURL}.evil.test` }];
    for (const headers of foreign) {
      const response = await raw(baseURL, 'POST', '/sign-in', action(headers), '[]');
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(response.body).toBe('Cross-site request refused.');
    }
    // A no-JavaScript form post from another site too.
    const form = await raw(baseURL, 'POST', '/sign-in', { origin: 'http://evil.test', 'content-type': 'application/x-www-form-urlencoded' }, 'email=a%40b.c&password=x');
    expect(form.status).toBe(403);
  });

  test('from the app itself pass the check', async ({ baseURL }) => {
    // The same no-JavaScript form post as above, from the app's own origin: Next renders the page.
    // (Real server actions from the app pass it in every sign-in test.)
    const response = await raw(baseURL, 'POST', '/sign-in', { origin: baseURL!, 'content-type': 'application/x-www-form-urlencoded' }, 'email=a%40b.c&password=x');
    expect(response.status).toBe(200);
    expect(response.body).toContain('Sign in');
  });
});

test('a new X-Forwarded-For per request buys no new sign-in attempts', async ({ request, baseURL }) => {
  const email = `nobody-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@brisk.test`;
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await request.post('/api/auth/sign-in/email', { data: { email, password: 'wrong-password' }, headers: { origin: baseURL!, 'x-forwarded-for': `198.18.0.${i}` } });
    statuses.push(response.status());
    // Better Auth's own per-address limit says X-Retry-After; Brisk's limiter says both.
    if (response.status() === 429) expect(Number(response.headers()['x-retry-after'])).toBeGreaterThan(0);
  }
  expect(statuses.slice(0, 1)).toEqual([401]);
  expect(statuses).toContain(429);
});

test('a session records the socket’s address, never the X-Forwarded-For a client wrote', async ({ page, baseURL }) => {
  const email = `e2e-address-${Date.now()}-${Math.random().toString(36).slice(2, 7)}@brisk.test`;
  const signUp = await page.request.post('/api/auth/sign-up/email', {
    data: { name: 'Address', email, password: 'a-long-enough-password' },
    headers: { origin: baseURL!, 'x-forwarded-for': '6.6.6.6', 'x-brisk-client-address': '6.6.6.6', 'x-brisk-peer': 'forged 6.6.6.6' },
  });
  expect(signUp.status()).toBe(200);
  const sessions = (await (await page.request.get('/api/auth/list-sessions')).json()) as { ipAddress: string | null }[];
  expect(sessions.map((session) => session.ipAddress)).toEqual([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]);
});

test.describe('account settings', () => {
  test('changing the password signs out the other browsers; deleting the account ends it', async ({ page, browser, baseURL }, testInfo) => {
    // A long journey: two browsers, three password hashes.
    test.slow();
    const unique = `${Date.now().toString(36)}-${testInfo.workerIndex}-${Math.random().toString(36).slice(2, 8)}`;
    const email = `e2e-account-${unique}@brisk.test`;
    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(`Account ${unique}`);
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('first-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL('/');

    // Another browser, signed in to the same account.
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    // Better Auth allows 3 sign-in requests per 10 s from one address (other tests sign in too).
    for (let attempt = 1; ; attempt++) {
      const signedIn = await otherPage.request.post('/api/auth/sign-in/email', { data: { email, password: 'first-password-1' }, headers: { origin: baseURL! } });
      if (signedIn.status() === 429 && attempt < 4) {
        await otherPage.waitForTimeout((Math.min(Number(signedIn.headers()['x-retry-after'] ?? '10'), 10) + 0.5) * 1000);
        continue;
      }
      expect(signedIn.status()).toBe(200);
      break;
    }
    await otherPage.goto('/settings/tokens');
    await expect(pageHeading(otherPage)).toHaveText('API tokens');

    await page.getByRole('link', { name: 'Account' }).click();
    await expect(pageHeading(page)).toHaveText('Account');
    const change = page.getByRole('form', { name: 'Change your password' });
    await change.getByLabel('Current password').fill('not-my-password');
    await change.getByLabel('New password', { exact: true }).fill('second-password-2');
    await change.getByLabel('New password again').fill('second-password-2');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect(change.getByText('That is not your current password.').first()).toBeVisible();

    await change.getByLabel('Current password').fill('first-password-1');
    await change.getByLabel('New password', { exact: true }).fill('second-password-2');
    await change.getByLabel('New password again').fill('second-password-2');
    await change.getByRole('button', { name: 'Change password' }).click();
    await expect(change.getByRole('status')).toHaveText('Your password is changed. 1 other session was signed out.');

    // The other browser is signed out at once; this one is not.
    await otherPage.goto('/settings/tokens');
    await expect(otherPage).toHaveURL(/\/sign-in(\?|$)/);
    await expect(otherPage.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await other.close();
    await page.goto('/settings/account');
    await expect(pageHeading(page)).toHaveText('Account');

    const remove = page.getByRole('form', { name: 'Delete your account' });
    await remove.getByLabel('Your password, to confirm').fill('second-password-2');
    await remove.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveURL('/sign-in');
    // A fresh load: the router keeps the account page's (password) fields mounted, hidden.
    await page.goto('/sign-in');
    await fillSignInForm(page, email, 'second-password-2');
    await expect(formAlert(page)).toHaveText('Wrong e-mail or password.');
  });

  test('the account page is for signed-in people only', async ({ page, baseURL }) => {
    await page.goto('/settings/account');
    await expect(page).toHaveURL('/sign-in?next=%2Fsettings%2Faccount');
    await signInWithApi(page, baseURL, 'gus');
    await page.goto('/settings/account');
    await expect(pageHeading(page)).toHaveText('Account');
  });
});
