/**
 * Cache tags of the Projects module, defined next to their invalidators (mutations.ts):
 * - projectTag: a project's page (its name, dashboards and members) for every member, and the
 *   API's answer for it. Dropped by any change to the project, its members or its dashboards' list.
 * - dashboardTag: one dashboard and its components for every viewer, its public page (Next's
 *   rendered output) and its public data. Dropped by every edit of the dashboard or a component.
 * - projectsViewerTag: everything whose access follows one person's memberships: their list of
 *   projects, and their copies of each project and dashboard. Dropped for a member whose
 *   membership changes (joins, leaves, another role) and for every member of a project whose
 *   name, members or dashboards change (the list shows their counts).
 * - userTag: a person's profile as /api/v1/auth/me and the bootstrap API answer it. Dropped when
 *   the account changes (password, deletion: lib/accounts/mutations.ts).
 * - serverStatusTag: the server status (/api/v1/status), refreshed every 2 minutes.
 */
export const projectTag = (projectId: string) => `project:${projectId}`;
export const dashboardTag = (dashboardId: string) => `dashboard:${dashboardId}`;
export const projectsViewerTag = (userId: string) => `projects:viewer:${userId}`;
export const userTag = (userId: string) => `user:${userId}`;
export const serverStatusTag = 'server:status';
