import { Prisma } from '@/lib/generated/prisma/client';
import { prisma } from '@/lib/db/client';
import { cachedRead } from '@/lib/cache/read';
import { installedModules } from '@/lib/modules/registry';
import { isUuid } from '@/lib/validation';
import { projectCacheKinds as kinds } from './module';
import { dashboardTag, projectTag, projectsViewerTag, serverStatusTag, userTag } from './tags';
import { LIMITS, type ComponentRecord, type DashboardView, type ProjectDetail, type ProjectRole, type ProjectSummary, type ServerStatus, type UserProfile } from './types';

/*
 * Reads of the Projects module. Who may see what is decided in the SQL of each query: a project,
 * its dashboards and their components are seen by the project's members only (a join on
 * project_members for the viewer), a public dashboard by anyone. Every read is one statement
 * (projections and JSON aggregation instead of several round trips, plan 004's phase 5B) and a
 * cached-read descriptor (lib/cache/read.ts) shared by the pages, the API and the sign-in warm-up.
 */

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

// ---- A viewer's projects -------------------------------------------------------------------

interface ProjectListRow {
  id: string;
  name: string;
  role: ProjectRole;
  owner_name: string;
  member_count: number;
  dashboard_count: number;
  updated_at: Date;
}

/** The projects the viewer is a member of, most recently changed first: one statement. */
export async function loadProjectList(viewerId: string): Promise<ProjectSummary[]> {
  const rows = await prisma.$queryRaw<ProjectListRow[]>`
    SELECT p.id, p.name, m.role::text AS role, o.name AS owner_name, p.updated_at,
           (SELECT count(*) FROM project_members pm WHERE pm.project_id = p.id)::int AS member_count,
           (SELECT count(*) FROM dashboards d WHERE d.project_id = p.id)::int AS dashboard_count
    FROM project_members m
    JOIN projects p ON p.id = m.project_id
    JOIN users o ON o.id = p.owner_id
    WHERE m.user_id = ${viewerId}
    ORDER BY p.updated_at DESC, p.id
    LIMIT ${LIMITS.projectsListed}`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    ownerName: row.owner_name,
    memberCount: row.member_count,
    dashboardCount: row.dashboard_count,
    updatedAt: iso(row.updated_at),
  }));
}

export const projectListRead = cachedRead({
  kind: kinds.project,
  key: (viewerId: string) => ['list', viewerId],
  tags: (viewerId: string) => [projectsViewerTag(viewerId)],
  load: loadProjectList,
});

export const getProjectList = (viewerId: string) => projectListRead.get(viewerId);

// ---- One project ---------------------------------------------------------------------------

interface ProjectRow {
  id: string;
  name: string;
  owner_id: string;
  owner_name: string;
  role: ProjectRole;
  created_at: Date;
  updated_at: Date;
  members: { userId: string; name: string; email: string; role: ProjectRole; joinedAt: string }[];
  dashboards: { id: string; title: string; isPublic: boolean; componentCount: number; updatedAt: string }[];
}

/**
 * A project with its members and dashboards, as one of its members sees it, or null for anyone
 * else: one statement (the members and dashboards aggregated as JSON).
 */
export async function loadProjectDetail(viewerId: string, projectId: string): Promise<ProjectDetail | null> {
  const [row] = await prisma.$queryRaw<ProjectRow[]>`
    SELECT p.id, p.name, p.owner_id, o.name AS owner_name, me.role::text AS role, p.created_at, p.updated_at,
      COALESCE((
        SELECT json_agg(json_build_object('userId', m.user_id, 'name', u.name, 'email', u.email, 'role', m.role, 'joinedAt', m.created_at)
                        ORDER BY m.role, lower(u.name), m.user_id)
        FROM (SELECT * FROM project_members WHERE project_id = p.id ORDER BY role, created_at LIMIT ${LIMITS.members}) m
        JOIN users u ON u.id = m.user_id), '[]') AS members,
      COALESCE((
        SELECT json_agg(json_build_object('id', d.id, 'title', d.title, 'isPublic', d.is_public, 'updatedAt', d.updated_at,
                        'componentCount', (SELECT count(*) FROM dashboard_components c WHERE c.dashboard_id = d.id))
                        ORDER BY d.updated_at DESC, d.id)
        FROM (SELECT * FROM dashboards WHERE project_id = p.id ORDER BY updated_at DESC, id LIMIT ${LIMITS.dashboards}) d), '[]') AS dashboards
    FROM projects p
    JOIN project_members me ON me.project_id = p.id AND me.user_id = ${viewerId}
    JOIN users o ON o.id = p.owner_id
    WHERE p.id = ${projectId}::uuid`;
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    role: row.role,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    members: row.members.map((member) => ({ ...member, joinedAt: iso(member.joinedAt) })),
    dashboards: row.dashboards.map((dashboard) => ({ ...dashboard, componentCount: Number(dashboard.componentCount), updatedAt: iso(dashboard.updatedAt) })),
  };
}

export const projectDetailRead = cachedRead({
  kind: kinds.project,
  key: (viewerId: string, projectId: string) => ['detail', projectId, viewerId],
  tags: (viewerId: string, projectId: string) => [projectTag(projectId), projectsViewerTag(viewerId)],
  load: loadProjectDetail,
});

export function getProjectDetail(viewerId: string, projectId: string): Promise<ProjectDetail | null> {
  // Not a project id at all: no query, the same answer as a project the viewer is not in.
  if (!isUuid(projectId)) return Promise.resolve(null);
  return projectDetailRead.get(viewerId, projectId);
}

// ---- One dashboard -------------------------------------------------------------------------

interface DashboardRow {
  id: string;
  title: string;
  is_public: boolean;
  updated_at: Date;
  project_id: string;
  project_name: string;
  role: ProjectRole | null;
  components: ComponentRecord[];
}

/** A dashboard's components in order, as one JSON array. */
const COMPONENTS = Prisma.sql`
  COALESCE((
    SELECT json_agg(json_build_object('id', c.id, 'type', c.type, 'config', c.config, 'position', c.position, 'width', c.width, 'height', c.height)
                    ORDER BY c.position, c.id)
    FROM dashboard_components c WHERE c.dashboard_id = d.id), '[]')`;

const toDashboard = (row: DashboardRow): DashboardView => ({
  id: row.id,
  title: row.title,
  isPublic: row.is_public,
  updatedAt: iso(row.updated_at),
  project: { id: row.project_id, name: row.project_name },
  role: row.role,
  components: row.components,
});

/** A dashboard and its components in order, as a member of its project sees it, or null for anyone else: one statement. */
export async function loadDashboardView(viewerId: string, dashboardId: string): Promise<DashboardView | null> {
  const [row] = await prisma.$queryRaw<DashboardRow[]>`
    SELECT d.id, d.title, d.is_public, d.updated_at, p.id AS project_id, p.name AS project_name, m.role::text AS role,
           ${COMPONENTS} AS components
    FROM dashboards d
    JOIN projects p ON p.id = d.project_id
    JOIN project_members m ON m.project_id = p.id AND m.user_id = ${viewerId}
    WHERE d.id = ${dashboardId}::uuid`;
  return row ? toDashboard(row) : null;
}

export const dashboardViewRead = cachedRead({
  kind: kinds.dashboard,
  key: (viewerId: string, dashboardId: string) => ['view', dashboardId, viewerId],
  tags: (viewerId: string, dashboardId: string) => [dashboardTag(dashboardId), projectsViewerTag(viewerId)],
  load: loadDashboardView,
});

export function getDashboardView(viewerId: string, dashboardId: string): Promise<DashboardView | null> {
  if (!isUuid(dashboardId)) return Promise.resolve(null);
  return dashboardViewRead.get(viewerId, dashboardId);
}

/** A public dashboard as anyone sees it (its public page, signed out), or null when it is not public: one statement. */
export async function loadPublicDashboard(dashboardId: string): Promise<DashboardView | null> {
  const [row] = await prisma.$queryRaw<DashboardRow[]>`
    SELECT d.id, d.title, d.is_public, d.updated_at, p.id AS project_id, p.name AS project_name, NULL AS role,
           ${COMPONENTS} AS components
    FROM dashboards d
    JOIN projects p ON p.id = d.project_id
    WHERE d.id = ${dashboardId}::uuid AND d.is_public`;
  return row ? toDashboard(row) : null;
}

/** "Not public" is cached under the same tag: a dashboard made public shows at once. */
export const publicDashboardRead = cachedRead({
  kind: kinds.dashboard,
  key: (dashboardId: string) => ['public', dashboardId],
  tags: (dashboardId: string) => [dashboardTag(dashboardId)],
  load: loadPublicDashboard,
});

export function getPublicDashboard(dashboardId: string): Promise<DashboardView | null> {
  if (!isUuid(dashboardId)) return Promise.resolve(null);
  return publicDashboardRead.get(dashboardId);
}

// ---- The API's user and server status (plan 004, phase 5A) -----------------------------------

/** A person's profile (plan 004's `user:{id}`, 5 minutes): one statement, only the columns the API shows. */
export async function loadUserProfile(userId: string): Promise<UserProfile | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true, createdAt: true } });
  return user ? { ...user, createdAt: user.createdAt.toISOString() } : null;
}

export const userProfileRead = cachedRead({
  kind: kinds.user,
  key: (userId: string) => [userId],
  tags: (userId: string) => [userTag(userId)],
  load: loadUserProfile,
});

export const getUserProfile = (userId: string) => userProfileRead.get(userId);

/** The application's version, from the package (read once). */
const APP_VERSION = process.env.npm_package_version ?? '0.1.0';

/** Whether the server and its database answer (plan 004's `server:status`, 2 minutes): one statement. */
export async function loadServerStatus(): Promise<ServerStatus> {
  const [row] = await prisma.$queryRaw<{ version: string; at: Date }[]>`SELECT current_setting('server_version') AS version, now() AS at`;
  return {
    status: 'online',
    app: { name: 'brisk', version: APP_VERSION },
    database: { status: 'up', version: row!.version },
    modules: installedModules().map((manifest) => manifest.name),
    checkedAt: iso(row!.at),
  };
}

/** Never served unconfirmed (no grace): while the database fails, the status says so (the route answers 503). */
export const serverStatusRead = cachedRead({
  kind: kinds.status,
  key: () => ['server'],
  tags: () => [serverStatusTag],
  load: loadServerStatus,
});

export const getServerStatus = () => serverStatusRead.get();

/**
 * Plan 004's bootstrap (phase 7B): the user, the server status and, when asked, a dashboard with
 * its project, fetched in parallel (phase 6B: no waterfall). `dashboard` null: not asked; the
 * promise resolves to undefined when the viewer may not see it.
 */
export async function getBootstrap(viewerId: string, dashboardId: string | null) {
  const [user, server, dashboard] = await Promise.all([getUserProfile(viewerId), getServerStatus(), dashboardId ? getDashboardView(viewerId, dashboardId) : Promise.resolve(null)]);
  return { user, server, dashboard: dashboardId && !dashboard ? undefined : dashboard };
}

/**
 * Plan 004's cache warming after sign-in, through the pages' own reads: the projects list, the
 * profile the API answers, and the three most recently changed projects.
 */
export async function warmViewer(viewerId: string): Promise<string[]> {
  const [projects] = await Promise.all([projectListRead.get(viewerId), userProfileRead.get(viewerId)]);
  await Promise.all(projects.slice(0, 3).map((project) => projectDetailRead.get(viewerId, project.id)));
  return ['projects', 'profile', `${Math.min(3, projects.length)} projects`];
}
