import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Card } from '@/components/ui/card';
import { CreateProjectForm } from '@/components/projects/forms';
import { ProjectList, ProjectListSkeleton } from '@/components/projects/project-list';
import { createProjectAction } from './actions';

export const metadata: Metadata = { title: 'Projects' };

export default function ProjectsPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Projects</h1>
      <Suspense fallback={<ProjectListSkeleton />}>
        <ProjectList />
      </Suspense>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">New project</h2>
        <CreateProjectForm action={createProjectAction} />
      </Card>
    </div>
  );
}
