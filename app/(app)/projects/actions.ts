'use server';

import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { formAction, viewerAction } from '@/lib/api/action';
import { refreshed } from '@/lib/api/refresh';
import {
  addComponent,
  changeMemberRole,
  createDashboard,
  createProject,
  deleteDashboard,
  deleteProject,
  inviteMember,
  removeComponent,
  removeMember,
  renameProject,
  reorderComponents,
  updateComponent,
  updateDashboard,
} from '@/lib/projects/mutations';
import { getDashboardView } from '@/lib/projects/queries';
import { componentIdsSchema } from '@/lib/projects/schemas';
import { renderComponents } from '@/components/projects/dashboard-grid';
import { fail, invalid, ok, type MutationResult } from '@/lib/validation';

// Thin wrappers (lib/api/action.ts): who is asking, the mutation, where to go next.

export const createProjectAction = formAction('createProject', ['name'], (viewer, values) => createProject(viewer.id, values), ({ id }) => redirect(`/projects/${id}`));

export const renameProjectAction = formAction('renameProject', ['projectName'], (viewer, values, projectId: string) => renameProject(viewer.id, projectId, { name: values.projectName }));

export const deleteProjectAction = viewerAction('deleteProject', async (viewer, projectId: string): Promise<MutationResult> => {
  const result = await deleteProject(viewer.id, projectId);
  if (result.ok) redirect('/projects');
  return result;
});

export const inviteMemberAction = formAction('inviteMember', ['email', 'role'], (viewer, values, projectId: string) => inviteMember(viewer.id, projectId, values));

export const changeMemberRoleAction = viewerAction('changeMemberRole', async (viewer, projectId: string, userId: string, role: string) =>
  refreshed(await changeMemberRole(viewer.id, projectId, userId, role)),
);

export const removeMemberAction = viewerAction('removeMember', async (viewer, projectId: string, userId: string): Promise<MutationResult> => {
  const result = await removeMember(viewer.id, projectId, userId);
  // Leaving: the project is not yours to see any more.
  if (result.ok && userId === viewer.id) redirect('/projects');
  return refreshed(result);
});

export const createDashboardAction = formAction(
  'createDashboard',
  ['title', 'isPublic'],
  (viewer, values, projectId: string) => createDashboard(viewer.id, projectId, values),
  ({ id }, projectId) => redirect(`/projects/${projectId}/dashboards/${id}/edit`),
);

export const updateDashboardAction = formAction('updateDashboard', ['title', 'isPublic'], (viewer, values, dashboardId: string) => updateDashboard(viewer.id, dashboardId, values));

export const deleteDashboardAction = viewerAction('deleteDashboard', async (viewer, dashboardId: string): Promise<MutationResult> => {
  const result = await deleteDashboard(viewer.id, dashboardId);
  if (!result.ok) return result;
  redirect(`/projects/${result.value.projectId}`);
});

// The builder's writes: each re-renders the page in the same response (refresh), so the
// optimistic state the builder shows meanwhile is replaced by the server's.

export const addComponentAction = viewerAction('addComponent', async (viewer, dashboardId: string, input: unknown) => refreshed(await addComponent(viewer.id, dashboardId, input)));

export const updateComponentAction = viewerAction('updateComponent', async (viewer, componentId: string, input: unknown) => refreshed(await updateComponent(viewer.id, componentId, input)));

export const removeComponentAction = viewerAction('removeComponent', async (viewer, componentId: string) => refreshed(await removeComponent(viewer.id, componentId)));

export const reorderComponentsAction = viewerAction('reorderComponents', async (viewer, dashboardId: string, ids: unknown) => refreshed(await reorderComponents(viewer.id, dashboardId, ids)));

/**
 * The content of some components of a dashboard (those below the fold as they near the
 * viewport, and any the viewer retries), as its members see it: the components' data in
 * parallel, then their views. A dashboard the viewer may not see is not found; ids that are not
 * a list of component ids are refused.
 */
export const loadComponentsAction = viewerAction('loadComponents', async (viewer, dashboardId: string, componentIds: string[]): Promise<MutationResult<Record<string, ReactNode>>> => {
  const ids = componentIdsSchema.safeParse(componentIds);
  if (!ids.success) return invalid(ids.error);
  const dashboard = typeof dashboardId === 'string' ? await getDashboardView(viewer.id, dashboardId) : null;
  if (!dashboard) return fail('not_found', 'This dashboard does not exist, or you are not a member of its project.');
  return ok(await renderComponents(viewer.id, dashboard, ids.data));
});
