import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { formatDate } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getProjectDetail } from '@/lib/projects/queries';
import { MEMBER_ROLES, ROLE_LABELS, canEdit, canManageMembers, type ProjectDetail as Detail } from '@/lib/projects/types';
import type { FormState } from '@/lib/validation';
import { DashboardForm, InviteMemberForm, RenameProjectForm } from './forms';

/** The server actions of a project's page, passed in by the page (components never import app/). */
export interface ProjectActions {
  rename: (projectId: string, previous: FormState, formData: FormData) => Promise<FormState>;
  remove: (projectId: string) => Promise<FormState>;
  invite: (projectId: string, previous: FormState<{ userId: string }>, formData: FormData) => Promise<FormState<{ userId: string }>>;
  changeRole: (projectId: string, userId: string, role: string) => Promise<FormState>;
  removeMember: (projectId: string, userId: string) => Promise<FormState>;
  createDashboard: (projectId: string, previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;
}

const ROW = 'flex min-h-14 items-center gap-3 px-4 py-2';

/** A project: its dashboards, its members and, for its owner, its settings (one cached read). */
export async function ProjectDetail({ id, actions }: { id: Promise<string>; actions: ProjectActions }) {
  const viewer = await requireViewer();
  const project = await getProjectDetail(viewer.id, await id);
  if (!project) notFound();
  return (
    <div className="flex flex-col gap-8">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{project.name}</h1>
        <Badge tone={project.role === 'owner' ? 'brand' : 'neutral'}>{ROLE_LABELS[project.role]}</Badge>
        <p className="w-full text-slate-600">
          {project.role === 'owner' ? 'Your project' : `${project.ownerName}’s project`} · created {formatDate(project.createdAt)}
        </p>
      </header>
      <Dashboards project={project} actions={actions} />
      <Members project={project} viewerId={viewer.id} actions={actions} />
      {project.role === 'owner' && (
        <Card className="flex flex-col gap-4">
          <h2 className="text-lg font-semibold">Settings</h2>
          <RenameProjectForm action={actions.rename.bind(null, project.id)} name={project.name} />
          <ActionRow
            align="start"
            actions={[
              {
                label: 'Delete project',
                variant: 'danger-secondary',
                run: actions.remove.bind(null, project.id),
                confirm: { label: 'Delete it', pendingLabel: 'Deleting…', question: 'Delete the project, its dashboards and memberships?' },
              },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

function Dashboards({ project, actions }: { project: Detail; actions: ProjectActions }) {
  const editor = canEdit(project.role);
  return (
    <section aria-labelledby="dashboards-heading" className="flex flex-col gap-3">
      <h2 id="dashboards-heading" className="text-lg font-semibold">
        Dashboards ({project.dashboards.length})
      </h2>
      {project.dashboards.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">{editor ? 'No dashboards yet: create the first one below.' : 'No dashboards yet.'}</p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {project.dashboards.map((dashboard) => (
            <li key={dashboard.id} className={ROW}>
              <div className="min-w-0 flex-1">
                <Link href={`/projects/${project.id}/dashboards/${dashboard.id}`} className="font-medium hover:underline">
                  {dashboard.title}
                </Link>
                <p className="text-xs text-slate-600">
                  {dashboard.componentCount} {dashboard.componentCount === 1 ? 'component' : 'components'} · changed {formatDate(dashboard.updatedAt)}
                </p>
              </div>
              {dashboard.isPublic && (
                <a href={`/public/dashboards/${dashboard.id}`} className="text-sm font-medium text-brand-700 underline" aria-label={`Public link of ${dashboard.title}`}>
                  Public link
                </a>
              )}
              {editor && (
                <Link href={`/projects/${project.id}/dashboards/${dashboard.id}/edit`} className={buttonClass('secondary', 'h-8 px-3')} aria-label={`Edit ${dashboard.title}`}>
                  Edit
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {editor && (
        <Card>
          <h3 className="mb-2 text-base font-semibold">New dashboard</h3>
          <DashboardForm action={actions.createDashboard.bind(null, project.id) as Parameters<typeof DashboardForm>[0]['action']} submitLabel="Create dashboard" />
        </Card>
      )}
    </section>
  );
}

function Members({ project, viewerId, actions }: { project: Detail; viewerId: string; actions: ProjectActions }) {
  const owner = canManageMembers(project.role);
  return (
    <section aria-labelledby="members-heading" className="flex flex-col gap-3">
      <h2 id="members-heading" className="text-lg font-semibold">
        Members ({project.members.length})
      </h2>
      <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {project.members.map((member) => (
          <li key={member.userId} className={ROW} data-testid="member-row">
            <div className="min-w-0 flex-1">
              <p className="font-medium">
                {member.name}
                {member.userId === viewerId && <span className="text-slate-600"> (you)</span>}
              </p>
              <p className="truncate text-xs text-slate-600">{member.email}</p>
            </div>
            <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'}>{ROLE_LABELS[member.role]}</Badge>
            {owner && member.role !== 'owner' && (
              <ActionRow
                actions={[
                  ...MEMBER_ROLES.filter((role) => role !== member.role).map((role) => ({
                    label: `Make ${ROLE_LABELS[role].toLowerCase()}`,
                    name: `Make ${member.name} ${ROLE_LABELS[role].toLowerCase()}`,
                    run: actions.changeRole.bind(null, project.id, member.userId, role),
                  })),
                  {
                    label: 'Remove',
                    name: `Remove ${member.name}`,
                    variant: 'danger-secondary' as const,
                    run: actions.removeMember.bind(null, project.id, member.userId),
                    confirm: { label: 'Remove', name: `Confirm removing ${member.name}`, pendingLabel: 'Removing…', question: `Remove ${member.name}?` },
                  },
                ]}
              />
            )}
            {!owner && member.userId === viewerId && (
              <ActionRow
                actions={[
                  {
                    label: 'Leave',
                    name: 'Leave the project',
                    variant: 'danger-secondary',
                    run: actions.removeMember.bind(null, project.id, member.userId),
                    confirm: { label: 'Leave', pendingLabel: 'Leaving…', question: 'Leave this project?' },
                  },
                ]}
              />
            )}
          </li>
        ))}
      </ul>
      {owner && (
        <Card>
          <h3 className="mb-2 text-base font-semibold">Invite a member</h3>
          <InviteMemberForm action={actions.invite.bind(null, project.id)} />
        </Card>
      )}
    </section>
  );
}

export function ProjectDetailSkeleton() {
  return (
    <div className="flex flex-col gap-8" aria-hidden="true">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-5 w-72" />
      </div>
      <div className="flex flex-col gap-3">
        <Skeleton className="h-7 w-40" />
        <Skeleton className="h-32 w-full" />
      </div>
    </div>
  );
}
