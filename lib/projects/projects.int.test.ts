import { settleInlineJobs } from '@/lib/jobs/inline';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as meRoute } from '@/app/api/v1/auth/me/route';
import { GET as bootstrapRoute } from '@/app/api/v1/bootstrap/route';
import { GET as dashboardRoute } from '@/app/api/v1/projects/[id]/dashboards/[dashboardId]/route';
import { GET as projectRoute } from '@/app/api/v1/projects/[id]/route';
import { GET as projectsRoute } from '@/app/api/v1/projects/route';
import { GET as statusRoute } from '@/app/api/v1/status/route';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/mutations';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { installedWidget } from '@/lib/modules/registry';
import { createCircle } from '@/test/people';
import { sessionCookie } from '@/test/sessions';
import { countStatements } from '@/test/statements';
import { demoDashboardId, demoProjectId } from './module';
import { addComponent, changeMemberRole, createDashboard, createProject, inviteMember, removeComponent, removeMember, reorderComponents, updateComponent, updateDashboard } from './mutations';
import { readPublicDashboard } from './public';
import { getBootstrap, getDashboardView, getProjectDetail, getProjectList, getPublicDashboard } from './queries';
import { dashboardTag, projectTag, projectsViewerTag, serverStatusTag, userTag } from './tags';
import { PUBLIC_VIEWER_ID } from './types';
import { loadComponentData, parseWidgetConfig, widgetCatalog } from './widgets';

const ADA = 'usr_ada'; // owner of Launch metrics
const BEN = 'usr_ben'; // editor
const CHLOE = 'usr_chloe'; // viewer
const GUS = 'usr_gus'; // not a member
const launch = demoProjectId('launch');
const overview = demoDashboardId('launch-overview');
const highlights = demoDashboardId('launch-highlights');

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: unknown, path: string, headers: Record<string, string> = {}, params: Record<string, string> = {}) =>
  (handler as Handler)(new Request(`http://localhost:3000${path}`, { headers }), { params: Promise.resolve(params) });
/** The statements a route ran, from its Server-Timing header. */
const statementsOf = (response: Response) => Number(/desc="(\d+) statements"/.exec(response.headers.get('Server-Timing') ?? '')?.[1]);

async function token(userId: string): Promise<{ id: string; header: Record<string, string> }> {
  const created = await createApiToken(userId, { name: 'projects test', lifetime: '30' });
  if (!created.ok) throw new Error(created.message);
  return { id: created.value.id, header: { authorization: `Bearer ${created.value.secret}` } };
}

const dropDemoCaches = () =>
  invalidate([projectTag(launch), dashboardTag(overview), dashboardTag(highlights), serverStatusTag, ...[ADA, BEN, CHLOE, GUS].flatMap((id) => [projectsViewerTag(id), userTag(id)])]);

beforeEach(dropDemoCaches);

describe('the widget registry', () => {
  it('offers the builder widgets of at least two modules besides Wishlists and Projects, each with a view', async () => {
    const { widgetView } = await import('@/components/projects/widget-views');
    const catalog = widgetCatalog();
    const others = new Set(catalog.map((entry) => entry.module).filter((module) => module !== 'wishlists' && module !== 'projects'));
    expect(others.size).toBeGreaterThanOrEqual(2);
    for (const entry of catalog) expect(await widgetView(entry.type), entry.type).toBeDefined();
  });
});

describe('the demo project', () => {
  it('has a 12-component dashboard mixing the widgets of several modules', async () => {
    const dashboard = await getDashboardView(ADA, overview);
    expect(dashboard?.components).toHaveLength(12);
    const modules = new Set(dashboard!.components.map((component) => installedWidget(component.type)?.module));
    expect(modules.has(undefined)).toBe(false);
    expect(modules.size).toBeGreaterThanOrEqual(2);
    // Positions follow the order, sizes fit the 12-column grid.
    expect(dashboard!.components.map((component) => component.position)).toEqual([...dashboard!.components.map((component) => component.position)].sort((a, b) => a - b));
    expect(dashboard!.components.every((component) => component.width >= 1 && component.width <= 12)).toBe(true);
  });
});

describe('access by role (session and API token)', () => {
  const cases = [
    { who: 'the owner', email: 'ada@brisk.test', id: ADA, sees: true, role: 'owner' },
    { who: 'an editor', email: 'ben@brisk.test', id: BEN, sees: true, role: 'editor' },
    { who: 'a viewer', email: 'chloe@brisk.test', id: CHLOE, sees: true, role: 'viewer' },
    { who: 'a non-member', email: 'gus@brisk.test', id: GUS, sees: false, role: null },
  ] as const;

  for (const { who, email, id, sees, role } of cases) {
    it(`${who} ${sees ? 'reads' : 'gets 404 for'} the project, its dashboard and its bootstrap, with a session and with a token`, async () => {
      const { id: tokenId, header } = await token(id);
      for (const headers of [{ cookie: await sessionCookie(email) }, header]) {
        const project = await call(projectRoute, `/api/v1/projects/${launch}`, headers, { id: launch });
        const dashboard = await call(dashboardRoute, `/api/v1/projects/${launch}/dashboards/${overview}`, headers, { id: launch, dashboardId: overview });
        const bootstrap = await call(bootstrapRoute, `/api/v1/bootstrap?dashboard=${overview}`, headers);
        const list = await call(projectsRoute, '/api/v1/projects', headers);
        expect([project.status, dashboard.status, bootstrap.status]).toEqual(sees ? [200, 200, 200] : [404, 404, 404]);
        const listed = ((await list.json()) as { projects: { id: string; role: string }[] }).projects.find((p) => p.id === launch);
        expect(listed?.role ?? null).toBe(role);
        if (sees) {
          expect(((await project.json()) as { project: { role: string } }).project.role).toBe(role);
          expect(((await bootstrap.json()) as { user: { id: string } }).user.id).toBe(id);
        }
        // The answer depends on who asks: never stored by a shared cache.
        expect(project.headers.get('Cache-Control')).toContain('no-store');
      }
      await revokeApiToken(id, tokenId);
    });
  }

  it('answers 401 signed out and for a revoked token, which acts for nobody at once', async () => {
    for (const handler of [projectsRoute, bootstrapRoute, meRoute, statusRoute]) expect((await call(handler, '/api/v1/bootstrap')).status).toBe(401);
    const { id: tokenId, header } = await token(GUS);
    const me = await call(meRoute, '/api/v1/auth/me', header);
    expect(((await me.json()) as { user: { id: string; email: string } }).user).toMatchObject({ id: GUS, email: 'gus@brisk.test' });
    await revokeApiToken(GUS, tokenId);
    expect((await call(meRoute, '/api/v1/auth/me', header)).status).toBe(401);
  });

  it('lets owners and editors change dashboards, viewers nothing, and hides the project from everyone else', async () => {
    const { owner, friend: editor, otherFriend: viewer, stranger } = await createCircle();
    // Accounts' e-mail addresses are stored in lower case (Better Auth), as invitations look them up.
    const people = [owner, editor, viewer, stranger];
    await prisma.$executeRaw`UPDATE users SET email = lower(email) WHERE id = ANY (${people.map((person) => person.id)})`;
    for (const person of people) person.email = person.email.toLowerCase();
    const project = await createProject(owner.id, { name: 'Access matrix' });
    if (!project.ok) throw new Error(project.message);
    expect(await inviteMember(owner.id, project.value.id, { email: editor.email, role: 'editor' })).toMatchObject({ ok: true });
    expect(await inviteMember(owner.id, project.value.id, { email: viewer.email, role: 'viewer' })).toMatchObject({ ok: true });
    // Only the owner invites, and only existing accounts.
    expect(await inviteMember(editor.id, project.value.id, { email: stranger.email, role: 'viewer' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await inviteMember(owner.id, project.value.id, { email: 'nobody@example.com', role: 'viewer' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await inviteMember(owner.id, project.value.id, { email: editor.email.toUpperCase(), role: 'viewer' })).toMatchObject({ ok: false, code: 'conflict' });

    const dashboard = await createDashboard(owner.id, project.value.id, { title: 'Board' });
    if (!dashboard.ok) throw new Error(dashboard.message);
    const dashboardId = dashboard.value.id;
    const byOwner = await addComponent(owner.id, dashboardId, { type: 'projects.note' });
    const byEditor = await addComponent(editor.id, dashboardId, { type: 'projects.note', config: { title: 'Editor', text: '' } });
    expect(byOwner.ok && byEditor.ok).toBe(true);
    expect(await addComponent(viewer.id, dashboardId, { type: 'projects.note' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await addComponent(stranger.id, dashboardId, { type: 'projects.note' })).toMatchObject({ ok: false, code: 'not_found' });
    const componentId = byOwner.ok ? byOwner.value.id : '';
    expect(await updateComponent(viewer.id, componentId, { width: 6 })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await removeComponent(stranger.id, componentId)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await updateDashboard(viewer.id, dashboardId, { title: 'Mine now' })).toMatchObject({ ok: false, code: 'forbidden' });

    expect((await getDashboardView(viewer.id, dashboardId))?.role).toBe('viewer');
    expect(await getDashboardView(stranger.id, dashboardId)).toBeNull();
    expect(await getProjectDetail(stranger.id, project.value.id)).toBeNull();

    // A removed member loses access at once (their cached copies are dropped).
    expect(await getProjectDetail(editor.id, project.value.id)).not.toBeNull();
    expect(await removeMember(owner.id, project.value.id, editor.id)).toMatchObject({ ok: true });
    expect(await getProjectDetail(editor.id, project.value.id)).toBeNull();
    expect(await getDashboardView(editor.id, dashboardId)).toBeNull();
    expect(await addComponent(editor.id, dashboardId, { type: 'projects.note' })).toMatchObject({ ok: false, code: 'not_found' });
    // A viewer made editor can edit at once.
    expect(await changeMemberRole(owner.id, project.value.id, viewer.id, 'editor')).toMatchObject({ ok: true });
    expect((await getDashboardView(viewer.id, dashboardId))?.role).toBe('editor');
    expect((await getProjectList(viewer.id)).find((p) => p.id === project.value.id)?.role).toBe('editor');
  });
});

describe('the builder’s writes', () => {
  async function board() {
    const { owner } = await createCircle();
    const project = await createProject(owner.id, { name: 'Builder' });
    if (!project.ok) throw new Error(project.message);
    const dashboard = await createDashboard(owner.id, project.value.id, { title: 'Board', isPublic: 'on' });
    if (!dashboard.ok) throw new Error(dashboard.message);
    return { owner: owner.id, projectId: project.value.id, dashboardId: dashboard.value.id };
  }

  it('adds, configures, resizes, reorders and removes components; every reader sees each change on the next read', async () => {
    const { owner, dashboardId } = await board();
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      const added = await addComponent(owner, dashboardId, { type: 'projects.note', config: { title, text: '' } });
      if (!added.ok) throw new Error(added.message);
      ids.push(added.value.id);
      // Its widget's default size.
      expect(added.value).toMatchObject({ width: 4, height: 3 });
    }
    expect((await getDashboardView(owner, dashboardId))?.components.map((c) => (c.config as { title: string }).title)).toEqual(['One', 'Two', 'Three']);
    expect((await getPublicDashboard(dashboardId))?.components).toHaveLength(3);

    expect(await updateComponent(owner, ids[0]!, { config: { title: 'First', text: 'Hello' }, width: 8, height: 2 })).toMatchObject({ ok: true, value: { width: 8, height: 2 } });
    expect(await reorderComponents(owner, dashboardId, [ids[2], ids[0], ids[1]])).toMatchObject({ ok: true });
    expect(await removeComponent(owner, ids[1]!)).toMatchObject({ ok: true });
    const after = await getDashboardView(owner, dashboardId);
    expect(after?.components.map((c) => [(c.config as { title: string }).title, c.width])).toEqual([
      ['Three', 4],
      ['First', 8],
    ]);
    // The public copy follows too.
    expect((await getPublicDashboard(dashboardId))?.components.map((c) => c.id)).toEqual([ids[2], ids[0]]);
    // A reorder that does not name every component exactly once changes nothing.
    expect(await reorderComponents(owner, dashboardId, [ids[0]])).toMatchObject({ ok: false, code: 'conflict' });
    expect(await reorderComponents(owner, dashboardId, [ids[0], ids[0]])).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('validates each widget’s config with its own schema, on write and on read', async () => {
    const { owner, dashboardId } = await board();
    // Unknown widget, wrong field types, out-of-range numbers, sizes off the grid: refused with the field at fault.
    expect(await addComponent(owner, dashboardId, { type: 'nowhere.widget' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { type: expect.any(String) } });
    expect(await addComponent(owner, dashboardId, { type: 'projects.note', config: { title: '', text: 'x' } })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { title: 'Give the note a title.' } });
    expect(await addComponent(owner, dashboardId, { type: 'projects.note', config: { title: 'x'.repeat(81), text: '' } })).toMatchObject({ ok: false, fieldErrors: { title: expect.stringContaining('80') } });
    expect(await addComponent(owner, dashboardId, { type: 'projects.note', width: 13 })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { width: expect.any(String) } });
    // Text PostgreSQL cannot store (NUL, half an emoji) is refused, never a failed write.
    expect(await addComponent(owner, dashboardId, { type: 'projects.note', config: { title: 'a\u0000b', text: '' } })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { title: expect.any(String) } });
    expect(await addComponent(owner, dashboardId, { type: 'projects.note', config: { title: 'ok', text: '\ud83d' } })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { text: expect.any(String) } });
    expect(await createProject(owner, { name: 'x\u0000' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(parseWidgetConfig('wishlists.upcomingEvents', { limit: 0 })).toMatchObject({ ok: false, fieldErrors: { limit: expect.any(String) } });
    expect(parseWidgetConfig('wishlists.upcomingEvents', { limit: 'three' })).toMatchObject({ ok: false });
    expect(parseWidgetConfig('wishlists.upcomingEvents', { limit: 3 })).toEqual({ ok: true, config: { limit: 3 } });
    expect((await getDashboardView(owner, dashboardId))?.components).toEqual([]);

    const added = await addComponent(owner, dashboardId, { type: 'wishlists.upcomingEvents', config: { limit: 2 } });
    if (!added.ok) throw new Error(added.message);
    expect(await updateComponent(owner, added.value.id, { config: { limit: 99 } })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { limit: expect.any(String) } });
    // A stored config its schema no longer accepts: the component says so; the page stands.
    await prisma.dashboardComponent.update({ where: { id: added.value.id }, data: { config: { limit: 'many' } } });
    expect(await loadComponentData(owner, { id: added.value.id, type: 'wishlists.upcomingEvents', config: { limit: 'many' } })).toMatchObject({ status: 'unavailable' });
    expect(await loadComponentData(owner, { id: 'gone', type: 'removed.widget', config: {} })).toMatchObject({ status: 'unavailable', title: 'Widget not available' });
    // Every widget's default config passes its own schema, and the catalog offers a form for it.
    for (const entry of widgetCatalog()) {
      expect(parseWidgetConfig(entry.type, entry.defaultConfig), entry.type).toMatchObject({ ok: true });
      expect(entry.fields.length + Object.keys(entry.defaultConfig as object).length === 0 || entry.fields.length > 0, entry.type).toBe(true);
    }
  });

  it('a widget whose data cannot be loaded is that component’s failure (retryable), never the page’s', async () => {
    const note = installedWidget('projects.note')!.definition;
    const spy = vi.spyOn(note, 'load').mockRejectedValueOnce(new Error('connection reset'));
    try {
      expect(await loadComponentData(ADA, { id: 'z', type: 'projects.note', config: { title: 'T', text: '' } })).toMatchObject({ status: 'failed', module: 'projects', title: 'Note' });
      // The next attempt (Retry) loads it.
      expect(await loadComponentData(ADA, { id: 'z', type: 'projects.note', config: { title: 'T', text: '' } })).toMatchObject({ status: 'ok', data: { title: 'T' } });
    } finally {
      spy.mockRestore();
    }
  });

  it('reads each widget with the viewer’s access rules: a public dashboard shows nobody’s private data', async () => {
    const data = await loadComponentData(ADA, { id: 'x', type: 'wishlists.upcomingEvents', config: { limit: 8 } });
    const anonymous = await loadComponentData(PUBLIC_VIEWER_ID, { id: 'y', type: 'wishlists.upcomingEvents', config: { limit: 8 } });
    expect(data.status === 'ok' && (data.data as unknown[]).length).toBeGreaterThan(0);
    expect(anonymous).toMatchObject({ status: 'ok', data: [] });
  });
});

describe('public dashboards', () => {
  it('are read signed out by their link, and a dashboard made private is gone at once', async () => {
    const read = await readPublicDashboard(highlights);
    expect(read.value?.dashboard.title).toBe('Launch highlights');
    expect(read.value?.dashboard.role).toBeNull();
    expect(read.tags).toContain(dashboardTag(highlights));
    expect(Object.values(read.value!.data).every((data) => data.status === 'ok')).toBe(true);
    expect((await readPublicDashboard(overview)).value).toBeNull();

    const { owner } = await createCircle();
    const project = await createProject(owner.id, { name: 'Shared' });
    if (!project.ok) throw new Error(project.message);
    const dashboard = await createDashboard(owner.id, project.value.id, { title: 'Shared board', isPublic: 'on' });
    if (!dashboard.ok) throw new Error(dashboard.message);
    expect((await getPublicDashboard(dashboard.value.id))?.title).toBe('Shared board');
    expect(await updateDashboard(owner.id, dashboard.value.id, { title: 'Shared board' })).toMatchObject({ ok: true });
    expect(await getPublicDashboard(dashboard.value.id)).toBeNull();
  });
});

describe('statement budgets', () => {
  it('bootstrap: one statement per part cold, in parallel; none warm', async () => {
    const cold = await countStatements(() => getBootstrap(ADA, overview));
    expect(cold.result.dashboard?.components).toHaveLength(12);
    expect(cold.statements).toBe(3);
    const warm = await countStatements(() => getBootstrap(ADA, overview));
    expect(warm.statements).toBe(0);
    expect(warm.metrics.cache).toMatchObject({ hits: 3, misses: 0 });
    expect(warm.result).toEqual(cold.result);
  });

  it('bootstrap route with a session: at most 3 statements cold, 0 warm', async () => {
    const cookie = await sessionCookie('ada@brisk.test');
    const cold = await call(bootstrapRoute, `/api/v1/bootstrap?dashboard=${overview}`, { cookie });
    expect(cold.status).toBe(200);
    expect(statementsOf(cold)).toBeLessThanOrEqual(3);
    const warm = await call(bootstrapRoute, `/api/v1/bootstrap?dashboard=${overview}`, { cookie });
    expect(statementsOf(warm)).toBe(0);
    const body = (await warm.json()) as { user: { email: string }; server: { status: string; modules: string[] }; dashboard: { title: string } };
    expect(body).toMatchObject({ user: { email: 'ada@brisk.test' }, server: { status: 'online' }, dashboard: { title: 'Launch overview' } });
    expect(body.server.modules).toContain('projects');
  });

  it('the project list, a project and a dashboard: one statement each cold, none warm', async () => {
    const reads: Record<string, () => Promise<unknown>> = { list: () => getProjectList(ADA), project: () => getProjectDetail(ADA, launch), dashboard: () => getDashboardView(ADA, overview), public: () => getPublicDashboard(highlights) };
    for (const [name, read] of Object.entries(reads)) {
      // A sign-in of an earlier test warms Ada's caches in the background: let it finish, then drop them.
      await settleInlineJobs();
      await dropDemoCaches();
      const cold = await countStatements(read);
      expect(cold.statements, name).toBe(1);
      const warm = await countStatements(read);
      expect(warm.statements).toBe(0);
    }
  });

  it('each builder write is one statement (two for a config change, which reads the widget type first)', async () => {
    const { owner } = await createCircle();
    const project = await createProject(owner.id, { name: 'Budget' });
    if (!project.ok) throw new Error(project.message);
    const dashboard = await createDashboard(owner.id, project.value.id, { title: 'Board' });
    if (!dashboard.ok) throw new Error(dashboard.message);
    const added = await countStatements(() => addComponent(owner.id, dashboard.value.id, { type: 'projects.note' }));
    expect(added.statements).toBe(1);
    const id = added.result.ok ? added.result.value.id : '';
    expect((await countStatements(() => updateComponent(owner.id, id, { width: 6 }))).statements).toBe(2);
    expect((await countStatements(() => reorderComponents(owner.id, dashboard.value.id, [id]))).statements).toBe(1);
    expect((await countStatements(() => removeComponent(owner.id, id))).statements).toBe(1);
  });
});
