import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DashboardScreen, DashboardScreenSkeleton } from '@/components/projects/dashboard-screen';
import { loadComponentsAction } from '../../../actions';

export const metadata: Metadata = { title: 'Dashboard' };

// Non-members get a 404 from proxy.ts before anything streams. The shell and the header's
// skeleton come first; then the frames with every component's skeleton; then each component.
export default function DashboardPage({ params }: PageProps<'/projects/[id]/dashboards/[dashboardId]'>) {
  return (
    <Suspense fallback={<DashboardScreenSkeleton />}>
      <DashboardScreen ids={params} load={loadComponentsAction} />
    </Suspense>
  );
}
