import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BuilderScreen, BuilderScreenSkeleton } from '@/components/projects/builder-screen';
import { addComponentAction, deleteDashboardAction, removeComponentAction, reorderComponentsAction, updateComponentAction, updateDashboardAction } from '../../../../actions';

export const metadata: Metadata = { title: 'Edit dashboard' };

const actions = {
  add: addComponentAction,
  update: updateComponentAction,
  remove: removeComponentAction,
  reorder: reorderComponentsAction,
  updateDashboard: updateDashboardAction,
  deleteDashboard: deleteDashboardAction,
};

// Owners and editors only: everyone else gets a 404 from proxy.ts before anything streams.
export default function EditDashboardPage({ params }: PageProps<'/projects/[id]/dashboards/[dashboardId]/edit'>) {
  return (
    <Suspense fallback={<BuilderScreenSkeleton />}>
      <BuilderScreen ids={params} actions={actions} />
    </Suspense>
  );
}
