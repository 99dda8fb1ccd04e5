import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ProjectDetail, ProjectDetailSkeleton } from '@/components/projects/project-detail';
import { changeMemberRoleAction, createDashboardAction, deleteProjectAction, inviteMemberAction, removeMemberAction, renameProjectAction } from '../actions';

export const metadata: Metadata = { title: 'Project' };

const actions = {
  rename: renameProjectAction,
  remove: deleteProjectAction,
  invite: inviteMemberAction,
  changeRole: changeMemberRoleAction,
  removeMember: removeMemberAction,
  createDashboard: createDashboardAction,
};

// A project whose member the viewer is not is answered 404 by proxy.ts before anything streams.
export default function ProjectPage({ params }: PageProps<'/projects/[id]'>) {
  return (
    <Suspense fallback={<ProjectDetailSkeleton />}>
      <ProjectDetail id={params.then((p) => p.id)} actions={actions} />
    </Suspense>
  );
}
