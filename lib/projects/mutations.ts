import { randomUUID } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { installedWidget } from '@/lib/modules/registry';
import { fail, invalid, isUuid, ok, type MutationFailure, type MutationResult } from '@/lib/validation';
import { addComponentSchema, memberIdSchema, dashboardInputSchema, inviteInputSchema, memberRoleSchema, projectInputSchema, reorderSchema, updateComponentSchema } from './schemas';
import { dashboardTag, projectTag, projectsViewerTag } from './tags';
import { LIMITS, canEdit, type ComponentRecord, type ProjectRole } from './types';
import { parseWidgetConfig } from './widgets';

/*
 * Writes of the Projects module. Each validates its input with zod, then writes in one statement
 * (a CTE that checks the viewer's role, writes and answers what the invalidation needs: one
 * round trip, atomic by itself), then drops the tags of everyone whose view changed:
 * - a dashboard edit (its title, visibility or any component) drops the dashboard's tag, so its
 *   editors, its viewers and its public page show it on the next request, and the project's tag
 *   (the project page lists each dashboard's size and last change);
 * - a membership change drops the project's tag and the member's own tag (their list, and their
 *   copies of the project's pages: a removed member gets a 404 at once), and every member's tag
 *   when the list's counts change.
 * Who may do what: owners everything; editors dashboards and components; viewers nothing.
 */

const PROJECT_NOT_FOUND = 'This project does not exist, or you are not one of its members.';
const DASHBOARD_NOT_FOUND = 'This dashboard does not exist, or you are not a member of its project.';
const COMPONENT_NOT_FOUND = 'This component does not exist, or you are not a member of its project.';
const EDITORS_ONLY = 'Only the project’s owner and editors can change its dashboards.';
const OWNER_ONLY = 'Only the project’s owner can do this.';

/** The failure of a write refused for the viewer's role (null: not a member at all). */
function refused(role: ProjectRole | null, notFound: string, forbidden: string): MutationFailure {
  return role === null ? fail('not_found', notFound) : fail('forbidden', forbidden);
}

// ---- Projects ------------------------------------------------------------------------------

export async function createProject(viewerId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  const parsed = projectInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const id = randomUUID();
  await prisma.$executeRaw`
    WITH project AS (
      INSERT INTO projects (id, name, owner_id, updated_at) VALUES (${id}::uuid, ${parsed.data.name}, ${viewerId}, now()) RETURNING id
    )
    INSERT INTO project_members (project_id, user_id, role) SELECT project.id, ${viewerId}::text, 'owner'::project_role FROM project`;
  await invalidate([projectsViewerTag(viewerId)]);
  return ok({ id });
}

interface ProjectChangeRow {
  my_role: ProjectRole | null;
  changed: boolean;
  members: string[];
  dashboards: string[];
}

/** Drops what a project-wide change makes stale: the project, its dashboards (their pages show its name), every member's list and copies. */
async function afterProjectChange(projectId: string, row: ProjectChangeRow, extraMembers: string[] = []) {
  await invalidate([projectTag(projectId), ...row.dashboards.map(dashboardTag), ...[...row.members, ...extraMembers].map(projectsViewerTag)]);
}

export async function renameProject(viewerId: string, projectId: string, input: unknown): Promise<MutationResult> {
  if (!isUuid(projectId)) return fail('not_found', PROJECT_NOT_FOUND);
  const parsed = projectInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await prisma.$queryRaw<ProjectChangeRow[]>`
    WITH me AS (SELECT role FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${viewerId}),
    changed AS (
      UPDATE projects SET name = ${parsed.data.name}::text, updated_at = now()
      WHERE id = ${projectId}::uuid AND EXISTS (SELECT 1 FROM me WHERE role = 'owner') RETURNING id
    )
    SELECT (SELECT role::text FROM me) AS my_role, EXISTS (SELECT 1 FROM changed) AS changed,
           ARRAY(SELECT user_id FROM project_members WHERE project_id = ${projectId}::uuid) AS members,
           ARRAY(SELECT id::text FROM dashboards WHERE project_id = ${projectId}::uuid) AS dashboards`;
  if (!row!.changed) return refused(row!.my_role, PROJECT_NOT_FOUND, OWNER_ONLY);
  await afterProjectChange(projectId, row!);
  return ok(undefined);
}

/** Deletes a project with its dashboards, components and memberships (owner only). */
export async function deleteProject(viewerId: string, projectId: string): Promise<MutationResult> {
  if (!isUuid(projectId)) return fail('not_found', PROJECT_NOT_FOUND);
  const [row] = await prisma.$queryRaw<ProjectChangeRow[]>`
    WITH me AS (SELECT role FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${viewerId}),
    members AS (SELECT user_id FROM project_members WHERE project_id = ${projectId}::uuid),
    boards AS (SELECT id FROM dashboards WHERE project_id = ${projectId}::uuid),
    deleted AS (DELETE FROM projects WHERE id = ${projectId}::uuid AND EXISTS (SELECT 1 FROM me WHERE role = 'owner') RETURNING id)
    SELECT (SELECT role::text FROM me) AS my_role, EXISTS (SELECT 1 FROM deleted) AS changed,
           ARRAY(SELECT user_id FROM members) AS members, ARRAY(SELECT id::text FROM boards) AS dashboards`;
  if (!row!.changed) return refused(row!.my_role, PROJECT_NOT_FOUND, OWNER_ONLY);
  await afterProjectChange(projectId, row!);
  return ok(undefined);
}

// ---- Members -------------------------------------------------------------------------------

interface InviteRow extends ProjectChangeRow {
  target_id: string | null;
  already: boolean;
  full: boolean;
}

/**
 * Adds the account with this e-mail address to the project as an editor or a viewer (owner only).
 * Only existing accounts can be invited; the member sees the project at once.
 */
export async function inviteMember(viewerId: string, projectId: string, input: unknown): Promise<MutationResult<{ userId: string }>> {
  if (!isUuid(projectId)) return fail('not_found', PROJECT_NOT_FOUND);
  const parsed = inviteInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await prisma.$queryRaw<InviteRow[]>`
    WITH me AS (SELECT role FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${viewerId}),
    target AS (SELECT id FROM users WHERE email = ${parsed.data.email}),
    current AS (SELECT user_id FROM project_members WHERE project_id = ${projectId}::uuid),
    added AS (
      INSERT INTO project_members (project_id, user_id, role)
      SELECT ${projectId}::uuid, target.id, ${parsed.data.role}::project_role FROM target
      WHERE EXISTS (SELECT 1 FROM me WHERE role = 'owner') AND (SELECT count(*) FROM current) < ${LIMITS.members}
      ON CONFLICT (project_id, user_id) DO NOTHING
      RETURNING user_id
    )
    SELECT (SELECT role::text FROM me) AS my_role, EXISTS (SELECT 1 FROM added) AS changed, (SELECT id FROM target) AS target_id,
           EXISTS (SELECT 1 FROM current c JOIN target t ON t.id = c.user_id) AS already,
           (SELECT count(*) FROM current) >= ${LIMITS.members} AS full,
           ARRAY(SELECT user_id FROM current) AS members, ARRAY[]::text[] AS dashboards`;
  const result = row!;
  if (result.my_role !== 'owner') return refused(result.my_role, PROJECT_NOT_FOUND, 'Only the project’s owner can invite members.');
  if (!result.target_id) return fail('invalid', 'No Brisk account uses this e-mail address.', { email: 'No Brisk account uses this e-mail address: they need to sign up first.' });
  if (result.already) return fail('conflict', 'This person is already a member of the project.', { email: 'Already a member.' });
  if (result.full) return fail('conflict', `A project has at most ${LIMITS.members} members.`);
  await afterProjectChange(projectId, result, [result.target_id]);
  return ok({ userId: result.target_id });
}

/** Makes a member an editor or a viewer (owner only; the owner stays the owner). */
export async function changeMemberRole(viewerId: string, projectId: string, userId: string, role: unknown): Promise<MutationResult> {
  if (!isUuid(projectId)) return fail('not_found', PROJECT_NOT_FOUND);
  if (!memberIdSchema.safeParse(userId).success) return fail('not_found', 'This person is not a member of the project.');
  const parsed = memberRoleSchema.safeParse(role);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await prisma.$queryRaw<ProjectChangeRow[]>`
    WITH me AS (SELECT role FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${viewerId}),
    changed AS (
      UPDATE project_members SET role = ${parsed.data}::project_role
      WHERE project_id = ${projectId}::uuid AND user_id = ${userId} AND role <> 'owner' AND EXISTS (SELECT 1 FROM me WHERE role = 'owner')
      RETURNING user_id
    )
    SELECT (SELECT role::text FROM me) AS my_role, EXISTS (SELECT 1 FROM changed) AS changed,
           ARRAY(SELECT user_id FROM project_members WHERE project_id = ${projectId}::uuid) AS members, ARRAY[]::text[] AS dashboards`;
  const result = row!;
  if (result.my_role !== 'owner') return refused(result.my_role, PROJECT_NOT_FOUND, 'Only the project’s owner can change roles.');
  if (!result.changed) return fail('not_found', 'This person is not a member whose role can change.');
  await afterProjectChange(projectId, result);
  return ok(undefined);
}

/** Removes a member (the owner removes anyone else; any other member may leave). */
export async function removeMember(viewerId: string, projectId: string, userId: string): Promise<MutationResult> {
  if (!isUuid(projectId)) return fail('not_found', PROJECT_NOT_FOUND);
  if (!memberIdSchema.safeParse(userId).success) return fail('not_found', 'This person is not a member of the project.');
  const [row] = await prisma.$queryRaw<ProjectChangeRow[]>`
    WITH me AS (SELECT role FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${viewerId}),
    members AS (SELECT user_id FROM project_members WHERE project_id = ${projectId}::uuid),
    removed AS (
      DELETE FROM project_members
      WHERE project_id = ${projectId}::uuid AND user_id = ${userId} AND role <> 'owner'
        AND (${userId === viewerId} OR EXISTS (SELECT 1 FROM me WHERE role = 'owner'))
      RETURNING user_id
    )
    SELECT (SELECT role::text FROM me) AS my_role, EXISTS (SELECT 1 FROM removed) AS changed,
           ARRAY(SELECT user_id FROM members) AS members, ARRAY[]::text[] AS dashboards`;
  const result = row!;
  if (result.my_role === null) return fail('not_found', PROJECT_NOT_FOUND);
  if (!result.changed) {
    if (userId === viewerId && result.my_role === 'owner') return fail('conflict', 'The owner cannot leave the project: delete it instead.');
    if (result.my_role !== 'owner') return fail('forbidden', 'Only the project’s owner can remove other members.');
    return fail('not_found', 'This person is not a member of the project.');
  }
  await afterProjectChange(projectId, result);
  return ok(undefined);
}

// ---- Dashboards ----------------------------------------------------------------------------

interface DashboardChangeRow {
  my_role: ProjectRole | null;
  changed: boolean;
  project_id: string | null;
  members: string[];
}

export async function createDashboard(viewerId: string, projectId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(projectId)) return fail('not_found', PROJECT_NOT_FOUND);
  const parsed = dashboardInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const id = randomUUID();
  const [row] = await prisma.$queryRaw<(DashboardChangeRow & { full: boolean })[]>`
    WITH me AS (SELECT role FROM project_members WHERE project_id = ${projectId}::uuid AND user_id = ${viewerId}),
    existing AS (SELECT count(*) AS n FROM dashboards WHERE project_id = ${projectId}::uuid),
    created AS (
      INSERT INTO dashboards (id, project_id, title, is_public, updated_at)
      SELECT ${id}::uuid, ${projectId}::uuid, ${parsed.data.title}::text, ${parsed.data.isPublic}::boolean, now()
      WHERE EXISTS (SELECT 1 FROM me WHERE role IN ('owner', 'editor')) AND (SELECT n FROM existing) < ${LIMITS.dashboards}
      RETURNING id
    )
    SELECT (SELECT role::text FROM me) AS my_role, EXISTS (SELECT 1 FROM created) AS changed, ${projectId}::text AS project_id,
           (SELECT n FROM existing) >= ${LIMITS.dashboards} AS full,
           ARRAY(SELECT user_id FROM project_members WHERE project_id = ${projectId}::uuid) AS members`;
  const result = row!;
  if (!canEdit(result.my_role)) return refused(result.my_role, PROJECT_NOT_FOUND, EDITORS_ONLY);
  if (!result.changed) return fail('conflict', `A project has at most ${LIMITS.dashboards} dashboards.`);
  await invalidate([projectTag(projectId), dashboardTag(id), ...result.members.map(projectsViewerTag)]);
  return ok({ id });
}

/** A dashboard's title and whether it is public (owners and editors). */
export async function updateDashboard(viewerId: string, dashboardId: string, input: unknown): Promise<MutationResult> {
  if (!isUuid(dashboardId)) return fail('not_found', DASHBOARD_NOT_FOUND);
  const parsed = dashboardInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const [row] = await prisma.$queryRaw<DashboardChangeRow[]>`
    WITH target AS (
      SELECT d.id, d.project_id, m.role FROM dashboards d
      LEFT JOIN project_members m ON m.project_id = d.project_id AND m.user_id = ${viewerId}
      WHERE d.id = ${dashboardId}::uuid
    ),
    changed AS (
      UPDATE dashboards SET title = ${parsed.data.title}::text, is_public = ${parsed.data.isPublic}::boolean, updated_at = now()
      WHERE id = ${dashboardId}::uuid AND EXISTS (SELECT 1 FROM target WHERE role IN ('owner', 'editor'))
      RETURNING id
    )
    SELECT (SELECT role::text FROM target) AS my_role, EXISTS (SELECT 1 FROM changed) AS changed, (SELECT project_id::text FROM target) AS project_id, ARRAY[]::text[] AS members`;
  const result = row!;
  if (!result.changed) return refused(result.my_role, DASHBOARD_NOT_FOUND, EDITORS_ONLY);
  await invalidate([dashboardTag(dashboardId), projectTag(result.project_id!)]);
  return ok(undefined);
}

export async function deleteDashboard(viewerId: string, dashboardId: string): Promise<MutationResult<{ projectId: string }>> {
  if (!isUuid(dashboardId)) return fail('not_found', DASHBOARD_NOT_FOUND);
  const [row] = await prisma.$queryRaw<DashboardChangeRow[]>`
    WITH target AS (
      SELECT d.id, d.project_id, m.role FROM dashboards d
      LEFT JOIN project_members m ON m.project_id = d.project_id AND m.user_id = ${viewerId}
      WHERE d.id = ${dashboardId}::uuid
    ),
    deleted AS (DELETE FROM dashboards WHERE id = ${dashboardId}::uuid AND EXISTS (SELECT 1 FROM target WHERE role IN ('owner', 'editor')) RETURNING id)
    SELECT (SELECT role::text FROM target) AS my_role, EXISTS (SELECT 1 FROM deleted) AS changed, (SELECT project_id::text FROM target) AS project_id,
           ARRAY(SELECT user_id FROM project_members WHERE project_id = (SELECT project_id FROM target)) AS members`;
  const result = row!;
  if (!result.changed) return refused(result.my_role, DASHBOARD_NOT_FOUND, EDITORS_ONLY);
  await invalidate([dashboardTag(dashboardId), projectTag(result.project_id!), ...result.members.map(projectsViewerTag)]);
  return ok({ projectId: result.project_id! });
}

// ---- Components (the builder) --------------------------------------------------------------

interface ComponentChangeRow {
  my_role: ProjectRole | null;
  dashboard_id: string | null;
  project_id: string | null;
  component: ComponentRecord | null;
  full?: boolean;
}

/** The two tags a component change drops: its dashboard (every viewer and the public page) and its project's page. */
async function afterComponentChange(row: ComponentChangeRow) {
  await invalidate([dashboardTag(row.dashboard_id!), projectTag(row.project_id!)]);
}

/** The dashboard of a component write and the viewer's role in its project, as a CTE named `target`. */
const dashboardTarget = (viewerId: string, dashboardId: Prisma.Sql) => Prisma.sql`
  target AS (
    SELECT d.id AS dashboard_id, d.project_id, m.role FROM dashboards d
    LEFT JOIN project_members m ON m.project_id = d.project_id AND m.user_id = ${viewerId}
    WHERE d.id = ${dashboardId}
  ),
  allowed AS (SELECT 1 FROM target WHERE role IN ('owner', 'editor'))`;

const RETURNING_COMPONENT = Prisma.sql`RETURNING json_build_object('id', id, 'type', type, 'config', config, 'position', position, 'width', width, 'height', height) AS component`;

/**
 * Adds a widget to a dashboard, at its end (owners and editors). Its config and size default to
 * the widget's own; a config is checked against the widget's schema. One statement.
 */
export async function addComponent(viewerId: string, dashboardId: string, input: unknown): Promise<MutationResult<ComponentRecord>> {
  if (!isUuid(dashboardId)) return fail('not_found', DASHBOARD_NOT_FOUND);
  const parsed = addComponentSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const widget = installedWidget(parsed.data.type);
  if (!widget) return fail('invalid', 'This widget is not available: choose one from the list.', { type: 'Unknown widget.' });
  const config = parseWidgetConfig(parsed.data.type, parsed.data.config ?? widget.definition.defaultConfig);
  if (!config.ok) return fail('invalid', config.message, config.fieldErrors);
  const width = parsed.data.width ?? widget.definition.size.w;
  const height = parsed.data.height ?? widget.definition.size.h;
  const [row] = await prisma.$queryRaw<ComponentChangeRow[]>`
    WITH ${dashboardTarget(viewerId, Prisma.sql`${dashboardId}::uuid`)},
    existing AS (SELECT count(*) AS n, COALESCE(max(position), 0) AS last FROM dashboard_components WHERE dashboard_id = ${dashboardId}::uuid),
    added AS (
      INSERT INTO dashboard_components (id, dashboard_id, type, config, position, width, height)
      SELECT ${randomUUID()}::uuid, ${dashboardId}::uuid, ${parsed.data.type}::text, ${JSON.stringify(config.config)}::jsonb, existing.last + 1, ${width}::smallint, ${height}::smallint
      FROM existing WHERE EXISTS (SELECT 1 FROM allowed) AND existing.n < ${LIMITS.components}
      ${RETURNING_COMPONENT}
    ),
    touched AS (UPDATE dashboards SET updated_at = now() WHERE id = ${dashboardId}::uuid AND EXISTS (SELECT 1 FROM added) RETURNING id)
    SELECT (SELECT role::text FROM target) AS my_role, (SELECT dashboard_id::text FROM target) AS dashboard_id, (SELECT project_id::text FROM target) AS project_id,
           (SELECT component FROM added) AS component, (SELECT n FROM existing) >= ${LIMITS.components} AS full`;
  const result = row!;
  if (!canEdit(result.my_role)) return refused(result.my_role, DASHBOARD_NOT_FOUND, EDITORS_ONLY);
  if (!result.component) return fail('conflict', `A dashboard has at most ${LIMITS.components} components: remove one first.`);
  await afterComponentChange(result);
  return ok(result.component);
}

/** A component's config (checked against its widget's schema), width or height (owners and editors). */
export async function updateComponent(viewerId: string, componentId: string, input: unknown): Promise<MutationResult<ComponentRecord>> {
  if (!isUuid(componentId)) return fail('not_found', COMPONENT_NOT_FOUND);
  const parsed = updateComponentSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  // The widget's type decides how its config is checked: read it (with the viewer's role) first.
  const [current] = await prisma.$queryRaw<{ type: string; role: ProjectRole | null }[]>`
    SELECT c.type, m.role::text AS role FROM dashboard_components c
    JOIN dashboards d ON d.id = c.dashboard_id
    LEFT JOIN project_members m ON m.project_id = d.project_id AND m.user_id = ${viewerId}
    WHERE c.id = ${componentId}::uuid`;
  if (!current || !canEdit(current.role)) return refused(current?.role ?? null, COMPONENT_NOT_FOUND, EDITORS_ONLY);
  let config: string | null = null;
  if (parsed.data.config !== undefined) {
    const checked = parseWidgetConfig(current.type, parsed.data.config);
    if (!checked.ok) return fail('invalid', checked.message, checked.fieldErrors);
    config = JSON.stringify(checked.config);
  }
  // One statement, which checks the role again: a member removed in between changes nothing.
  const [row] = await prisma.$queryRaw<ComponentChangeRow[]>`
    WITH ${dashboardTarget(viewerId, Prisma.sql`(SELECT dashboard_id FROM dashboard_components WHERE id = ${componentId}::uuid)`)},
    changed AS (
      UPDATE dashboard_components SET
        config = COALESCE(${config}::jsonb, config),
        width = COALESCE(${parsed.data.width ?? null}::smallint, width),
        height = COALESCE(${parsed.data.height ?? null}::smallint, height)
      WHERE id = ${componentId}::uuid AND EXISTS (SELECT 1 FROM allowed)
      ${RETURNING_COMPONENT}
    ),
    touched AS (UPDATE dashboards SET updated_at = now() WHERE id = (SELECT dashboard_id FROM target) AND EXISTS (SELECT 1 FROM changed) RETURNING id)
    SELECT (SELECT role::text FROM target) AS my_role, (SELECT dashboard_id::text FROM target) AS dashboard_id, (SELECT project_id::text FROM target) AS project_id,
           (SELECT component FROM changed) AS component`;
  const result = row!;
  if (!result.component) return refused(result.my_role, COMPONENT_NOT_FOUND, EDITORS_ONLY);
  await afterComponentChange(result);
  return ok(result.component);
}

export async function removeComponent(viewerId: string, componentId: string): Promise<MutationResult> {
  if (!isUuid(componentId)) return fail('not_found', COMPONENT_NOT_FOUND);
  const [row] = await prisma.$queryRaw<ComponentChangeRow[]>`
    WITH ${dashboardTarget(viewerId, Prisma.sql`(SELECT dashboard_id FROM dashboard_components WHERE id = ${componentId}::uuid)`)},
    removed AS (DELETE FROM dashboard_components WHERE id = ${componentId}::uuid AND EXISTS (SELECT 1 FROM allowed) ${RETURNING_COMPONENT}),
    touched AS (UPDATE dashboards SET updated_at = now() WHERE id = (SELECT dashboard_id FROM target) AND EXISTS (SELECT 1 FROM removed) RETURNING id)
    SELECT (SELECT role::text FROM target) AS my_role, (SELECT dashboard_id::text FROM target) AS dashboard_id, (SELECT project_id::text FROM target) AS project_id,
           (SELECT component FROM removed) AS component`;
  const result = row!;
  if (!result.component) return refused(result.my_role, COMPONENT_NOT_FOUND, EDITORS_ONLY);
  await afterComponentChange(result);
  return ok(undefined);
}

/**
 * Puts a dashboard's components in a new order (owners and editors): `ids` must name each of its
 * components exactly once, else nothing changes. One statement.
 */
export async function reorderComponents(viewerId: string, dashboardId: string, ids: unknown): Promise<MutationResult> {
  if (!isUuid(dashboardId)) return fail('not_found', DASHBOARD_NOT_FOUND);
  const parsed = reorderSchema.safeParse(ids);
  if (!parsed.success) return invalid(parsed.error);
  const order = parsed.data.map((id) => id.toLowerCase());
  const [row] = await prisma.$queryRaw<(ComponentChangeRow & { valid: boolean })[]>`
    WITH ${dashboardTarget(viewerId, Prisma.sql`${dashboardId}::uuid`)},
    current AS (SELECT id FROM dashboard_components WHERE dashboard_id = ${dashboardId}::uuid),
    checked AS (
      SELECT (SELECT count(*) FROM current) = ${order.length}
         AND (SELECT count(*) FROM current WHERE id = ANY (${order}::uuid[])) = ${order.length}
         AND cardinality(ARRAY(SELECT DISTINCT unnest(${order}::uuid[]))) = ${order.length} AS valid
    ),
    moved AS (
      UPDATE dashboard_components c SET position = o.ord
      FROM unnest(${order}::uuid[]) WITH ORDINALITY AS o(id, ord)
      WHERE c.id = o.id AND c.dashboard_id = ${dashboardId}::uuid AND (SELECT valid FROM checked) AND EXISTS (SELECT 1 FROM allowed)
      RETURNING c.id
    ),
    touched AS (UPDATE dashboards SET updated_at = now() WHERE id = ${dashboardId}::uuid AND EXISTS (SELECT 1 FROM moved) RETURNING id)
    SELECT (SELECT role::text FROM target) AS my_role, (SELECT dashboard_id::text FROM target) AS dashboard_id, (SELECT project_id::text FROM target) AS project_id,
           NULL AS component, (SELECT valid FROM checked) AS valid`;
  const result = row!;
  if (!canEdit(result.my_role)) return refused(result.my_role, DASHBOARD_NOT_FOUND, EDITORS_ONLY);
  if (!result.valid) return fail('conflict', 'The dashboard changed in the meantime: reload it and move the component again.');
  await afterComponentChange(result);
  return ok(undefined);
}

/**
 * What other people's pages show of a user who deletes their account (the manifest's
 * accountDeletionTags): the projects they belong to, with every member's copies (the member
 * lists and counts), and the dashboards of the projects they own, which go with them (their
 * public pages included). One statement.
 */
export async function accountDeletionTags(userId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ project_id: string; members: string[]; dashboards: string[] }[]>`
    SELECT mine.project_id::text AS project_id,
           ARRAY(SELECT m.user_id FROM project_members m WHERE m.project_id = mine.project_id) AS members,
           ARRAY(SELECT d.id::text FROM dashboards d WHERE d.project_id = mine.project_id) AS dashboards
    FROM project_members mine
    WHERE mine.user_id = ${userId}`;
  return [...new Set(rows.flatMap((row) => [projectTag(row.project_id), ...row.members.map(projectsViewerTag), ...row.dashboards.map(dashboardTag)]))];
}
