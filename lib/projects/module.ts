import { z } from 'zod';
import { defineCacheKind, minutes } from '@/lib/cache/kinds';
import { defineModule, type PlanTarget } from '@/lib/modules/manifest';
import { text } from '@/lib/validation';
import { stableUuid } from '@/prisma/seed/shared';

/**
 * Projects (plan 004, Depictio): projects and their members by role, dashboards built from the
 * widgets every module contributes (each reading through its module's cached reads with the
 * viewer's access rules), loaded progressively, and the API's bootstrap call.
 */

/**
 * Lifetimes from plan 004 (user 5 min, token → user 5 min, project 10 min, server status 2 min).
 * Token → user is the platform's `auth.tokenUser` (lib/api-tokens), reused. Kinds whose stale
 * value would mislead (who someone is, whether the server is up) are never served unconfirmed.
 */
export const projectCacheKinds = {
  user: defineCacheKind({ namespace: 'projects.user', ttl: minutes(5), grace: 0 }),
  project: defineCacheKind({ namespace: 'projects.project', ttl: minutes(10) }),
  dashboard: defineCacheKind({ namespace: 'projects.dashboard', ttl: minutes(10) }),
  status: defineCacheKind({ namespace: 'projects.status', ttl: minutes(2), grace: 0 }),
};

/** The demo data's ids (prisma/seed/projects.ts), stable across seeds. */
export const demoProjectId = (key: string) => stableUuid(`project:${key}`);
export const demoDashboardId = (key: string) => stableUuid(`dashboard:${key}`);

export const noteConfigSchema = z.object({
  title: text().trim().min(1, 'Give the note a title.').max(80, 'Use at most 80 characters.'),
  text: text().trim().max(1000, 'Use at most 1,000 characters.'),
});
export type NoteConfig = z.infer<typeof noteConfigSchema>;

const PROJECT_PAGE = /^\/projects\/([^/]+)$/;
const DASHBOARD_PAGE = /^\/projects\/([^/]+)\/dashboards\/([^/]+)(\/edit)?$/;

const launch = demoProjectId('launch');
const overview = demoDashboardId('launch-overview');
const highlights = demoDashboardId('launch-highlights');

const STATEMENTS: PlanTarget = { limit: 9, text: '< 10', source: '000 (every page and API call)', before: '15–20' };
const HIT_RATE: PlanTarget = { limit: 0.9, text: '> 90 %', source: '004 cache hit rate', before: '0 %' };

export const projectsModule = defineModule({
  name: 'projects',
  database: {
    rawSqlObjects: [
      // dashboard_components: CHECK width and height BETWEEN 1 AND 12 (the 12-column grid).
      'dashboard_components_size_check',
      // dashboard_components: CHECK type is `<module>.<widget>`.
      'dashboard_components_type_check',
    ],
  },
  nav: [{ href: '/projects', label: 'Projects', placement: 'products', description: 'Dashboards built from the widgets of every product, shared with your team.' }],
  cacheKinds: Object.values(projectCacheKinds),
  guards: [
    {
      // A project's page: its members only (anyone else, admins included, gets a real 404).
      route: '/projects/[id]',
      pattern: PROJECT_PAGE,
      allows: async (viewer, match) => (await (await import('./queries')).getProjectDetail(viewer.id, match[1]!)) !== null,
    },
    {
      // A dashboard: the members of its project; its builder: owners and editors.
      route: '/projects/[id]/dashboards/[dashboardId]',
      pattern: DASHBOARD_PAGE,
      allows: async (viewer, match) => {
        const { getDashboardView } = await import('./queries');
        const { canEdit } = await import('./types');
        const dashboard = await getDashboardView(viewer.id, match[2]!);
        return dashboard !== null && dashboard.project.id === match[1] && (!match[3] || canEdit(dashboard.role));
      },
    },
  ],
  // Every page reads through cached reads only (the benchmark's one-pass page is left out).
  cachedPages: [/^\/projects$/, PROJECT_PAGE, DASHBOARD_PAGE],
  // A public dashboard's page, for everybody: it answers 404 itself for a dashboard that is not public.
  publicPaths: [/^\/public\/dashboards\/[^/]+$/],
  warmOnSignIn: async (userId) => (await import('./queries')).warmViewer(userId),
  accountDeletionTags: async (userId) => (await import('./mutations')).accountDeletionTags(userId),
  seed: async () => (await import('@/prisma/seed/projects')).seedProjects,
  widgets: [
    {
      type: 'projects.note',
      title: 'Note',
      description: 'A title and a few lines of text: what the dashboard is for, what to look at.',
      config: noteConfigSchema,
      defaultConfig: { title: 'Note', text: 'What this dashboard is for.' },
      size: { w: 4, h: 3 },
      // Nothing to read: the note is its config.
      load: async (_viewerId: string, config: NoteConfig) => config,
    },
  ],
  pages: [
    {
      path: '/projects',
      route: '/projects',
      viewer: 'ada',
      streamed: ['Launch metrics', 'Household'],
      keyboard: ['Skip to content', 'Create project', 'Launch metrics'],
      bytes: { total: 270_000 },
    },
    {
      path: `/projects/${launch}`,
      route: '/projects/[id]',
      viewer: 'ada',
      streamed: ['Launch overview', 'Ben Okafor'],
      keyboard: ['Skip to content', 'Launch overview', 'Create dashboard', 'Invite'],
      bytes: { total: 280_000 },
    },
    {
      // The 12-component dashboard that mixes every module's widgets (prisma/seed/projects.ts).
      path: `/projects/${launch}/dashboards/${overview}`,
      route: '/projects/[id]/dashboards/[dashboardId]',
      viewer: 'ada',
      streamed: ['Launch overview', 'Baby shower'],
      keyboard: ['Skip to content', 'Edit dashboard'],
      bytes: { total: 300_000 },
      lighthouse: { representative: true, mobile: true },
    },
    {
      path: `/projects/${launch}/dashboards/${overview}/edit`,
      route: '/projects/[id]/dashboards/[dashboardId]/edit',
      viewer: 'ada',
      streamed: ['Add a widget', 'Baby shower'],
      keyboard: ['Skip to content', 'Done editing', 'Dashboard settings', 'Configure Note'],
      // The builder's client code (TanStack Query for its optimistic updates, the configure dialog).
      bytes: { total: 340_000, script: 140_000 },
    },
    {
      // Static per dashboard once rendered (Next's rendered-output cache): nothing streams.
      path: `/public/dashboards/${highlights}`,
      route: '/public/dashboards/[id]',
      viewer: null,
      streamed: [],
      keyboard: ['Skip to content', 'Sign in'],
      bytes: { total: 260_000 },
    },
  ],
  bench: [
    {
      // Plan 004's consolidated API (phase 7B): user, server status and project in one response.
      route: '/api/v1/bootstrap',
      kind: 'api',
      path: `/api/v1/bootstrap?dashboard=${overview}`,
      naive: null,
      targets: {
        coldTotal: { limit: 30, text: '< 30 ms (plan: 60–80 ms)', source: '004 consolidated API, cold', before: '266 ms' },
        warmTotal: { limit: 5, text: '< 5 ms (plan: 10 ms)', source: '004 consolidated API, warm', before: '98 ms' },
        statements: STATEMENTS,
        loadMean: { limit: 100, text: '< 100 ms mean', source: '000 load test (ab -c 5)' },
        hitRate: HIT_RATE,
      },
    },
    {
      // The 12-component dashboard, progressive; its naive variant renders it in one pass
      // (ENABLE_PROGRESSIVE_LOADING=false: every component's data, then the page).
      route: '/projects/[id]/dashboards/[dashboardId]',
      kind: 'page',
      path: `/projects/${launch}/dashboards/${overview}`,
      naive: `/bench/naive/projects/${launch}/dashboards/${overview}`,
      targets: {
        coldTotal: { limit: 350, text: '≤ 350 ms', source: '004 initial page load', before: '745 ms' },
        warmTotal: { limit: 100, text: '< 100 ms', source: '000 page, warm' },
        statements: STATEMENTS,
        hitRate: HIT_RATE,
      },
    },
  ],
});
