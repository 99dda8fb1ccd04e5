import { expect, test, type Page } from '@playwright/test';
import { demoDashboardId, demoProjectId } from '@/lib/projects/module';
import { pageHeading, signInWithApi } from './helpers';

/*
 * Projects: the builder (add, configure, resize, reorder with the keyboard, remove; each change
 * shown at once and kept by the server), members by role, the progressive dashboard (every
 * component's skeleton in the first response; those below the fold loaded as they near the
 * viewport) and a public dashboard read signed out.
 */

const launch = demoProjectId('launch');
const overview = demoDashboardId('launch-overview');
const highlights = demoDashboardId('launch-highlights');

/** The builder's components, in order, by their widget's title. */
const builderOrder = (page: Page) => page.getByRole('list', { name: 'Components' }).locator(':scope > li').evaluateAll((items) => items.map((item) => item.querySelector('button')?.getAttribute('aria-label')?.replace(/^Move /, '')));

test('an owner builds a dashboard with the keyboard, a viewer only reads it', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const adaContext = await browser.newContext();
  const page = await adaContext.newPage();
  await signInWithApi(page, baseURL, 'ada');
  const name = `Spec project ${Date.now()}`;

  await page.goto('/projects');
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(pageHeading(page)).toHaveText(name);
  const projectUrl = new URL(page.url()).pathname;

  // Chloé joins as a viewer, by the e-mail of her account; an unknown address is refused.
  const invite = page.getByRole('form', { name: 'Invite a member' });
  await invite.getByLabel('E-mail of their Brisk account').fill('nobody@brisk.test');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(invite.getByText('No Brisk account uses this e-mail address', { exact: false }).first()).toBeVisible();
  await invite.getByLabel('E-mail of their Brisk account').fill('chloe@brisk.test');
  await invite.getByLabel('Role').selectOption('viewer');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByRole('region', { name: 'Members' }).getByText('Chloé Martin')).toBeVisible();

  await page.getByRole('form', { name: 'Create dashboard' }).getByLabel('Title').fill('Weekly');
  await page.getByRole('button', { name: 'Create dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboards\/[0-9a-f-]+\/edit$/);
  const dashboardUrl = new URL(page.url()).pathname.replace(/\/edit$/, '');

  // Widgets of several modules are offered.
  const add = page.getByRole('region', { name: 'Add a widget' });
  await expect(add.getByRole('heading', { level: 3 })).not.toHaveCount(1);
  await add.getByRole('button', { name: 'Add Note' }).click();
  await add.getByRole('button', { name: 'Add Upcoming events' }).click();
  await add.getByRole('button', { name: 'Add Activity in your circle' }).click();
  const components = page.getByRole('list', { name: 'Components' });
  // Shown at once (optimistic), then kept with the server's ids.
  await expect(components.locator(':scope > li')).toHaveCount(3);
  await expect(components.locator('li[data-pending]')).toHaveCount(0);
  await expect(components.getByText('What this dashboard is for.')).toBeVisible();

  // Configure the note: its own fields, checked by its schema; then a wider frame.
  await page.getByRole('button', { name: 'Configure Note' }).click();
  const dialog = page.getByRole('dialog', { name: 'Configure Note' });
  await dialog.getByLabel('Title').fill('');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Give the note a title.')).toBeVisible();
  await dialog.getByLabel('Title').fill('Read me first');
  await dialog.getByLabel('Width (columns of 12)').selectOption('8');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(components.getByText('Read me first')).toBeVisible();
  await expect(components.getByText('8×3')).toBeVisible();

  // Reorder with the keyboard: pick up, move up twice, drop.
  expect(await builderOrder(page)).toEqual(['Note', 'Upcoming events', 'Activity in your circle']);
  await page.getByRole('button', { name: 'Move Activity in your circle', exact: true }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expect.poll(() => builderOrder(page)).toEqual(['Activity in your circle', 'Note', 'Upcoming events']);
  await expect(page.getByText('dropped at position 1 of 3')).toBeAttached();

  // The list drops it at once (optimistic); the reload below waits for the server to answer.
  const removal = page.waitForRequest((request) => request.method() === 'POST' && request.headers()['next-action'] !== undefined);
  await page.getByRole('button', { name: 'Remove Upcoming events', exact: true }).click();
  await expect(components.locator(':scope > li')).toHaveCount(2);
  await expect(components.locator('li[data-pending]')).toHaveCount(0);
  expect((await (await removal).response())?.ok()).toBe(true);

  // The server kept every change.
  await page.reload();
  await expect.poll(() => builderOrder(page)).toEqual(['Activity in your circle', 'Note']);
  await page.getByRole('link', { name: 'Done editing' }).click();
  await expect(page).toHaveURL(dashboardUrl);
  await expect(page.getByRole('region', { name: 'Note' }).getByText('Read me first')).toBeVisible();

  // Chloé, a viewer: she reads the dashboard, cannot open its builder.
  const chloeContext = await browser.newContext();
  const chloe = await chloeContext.newPage();
  await signInWithApi(chloe, baseURL, 'chloe');
  await chloe.goto(dashboardUrl);
  await expect(pageHeading(chloe)).toHaveText('Weekly');
  await expect(chloe.getByRole('region', { name: 'Note' }).getByText('Read me first')).toBeVisible();
  await expect(chloe.getByRole('link', { name: 'Edit dashboard' })).toHaveCount(0);
  expect((await chloe.goto(`${dashboardUrl}/edit`))?.status()).toBe(404);
  expect((await chloe.goto(projectUrl))?.status()).toBe(200);

  // Gus is not a member: 404 everywhere.
  const gusContext = await browser.newContext();
  const gus = await gusContext.newPage();
  await signInWithApi(gus, baseURL, 'gus');
  expect((await gus.goto(dashboardUrl))?.status()).toBe(404);
  await Promise.all([adaContext.close(), chloeContext.close(), gusContext.close()]);
});

test('the 12-component dashboard: skeletons first, components below the fold loaded near the viewport, no layout shift', async ({ page, baseURL }) => {
  await signInWithApi(page, baseURL, 'ada');
  const path = `/projects/${launch}/dashboards/${overview}`;
  // The first response carries the 12 frames with their skeletons.
  const html = await (await page.request.get(path)).text();
  expect(html.match(/data-component="/g)).toHaveLength(12);
  expect((html.match(/data-component-skeleton/g) ?? []).length).toBeGreaterThanOrEqual(12);

  await page.goto(path);
  const frames = page.locator('[data-component]');
  await expect(frames).toHaveCount(12);
  const below = page.locator('[data-fold="below"]');
  expect(await below.count()).toBeGreaterThan(0);
  await expect(page.locator('[data-fold="above"] [data-component-content], [data-fold="above"] [role="alert"]')).toHaveCount(await page.locator('[data-fold="above"]').count());
  // Laid out first: once, in a full run on a busy machine, every frame measured 0 here and its
  // real size later (the page not yet laid out), which says nothing about shifts.
  await expect.poll(() => frames.evaluateAll((elements) => elements.every((element) => element.getBoundingClientRect().height > 0))).toBe(true);
  const boxes = await frames.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height));
  await below.last().scrollIntoViewIfNeeded();
  await expect(page.locator('[data-component] [data-state="ready"]')).toHaveCount(12);
  await expect(page.locator('[data-component-content]')).toHaveCount(12);
  // Frames keep their size when their content arrives.
  expect(await frames.evaluateAll((elements) => elements.map((element) => element.getBoundingClientRect().height))).toEqual(boxes);
});

test('a public dashboard is read signed out, read-only', async ({ page }) => {
  const response = await page.goto(`/public/dashboards/${highlights}`);
  expect(response?.status()).toBe(200);
  await expect(pageHeading(page)).toHaveText('Launch highlights');
  await expect(page.getByRole('link', { name: /Edit/ })).toHaveCount(0);
  expect((await page.goto(`/public/dashboards/${overview}`))?.status()).toBe(404);
  expect((await page.goto(`/projects/${launch}/dashboards/${overview}`))?.url()).toContain('/sign-in');
});
