import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { DashboardScreen, DashboardScreenSkeleton } from '@/components/projects/dashboard-screen';
import { isBenchMode } from '@/lib/bench-mode';
import { loadComponentsAction } from '../../../../../../projects/actions';

export const metadata: Metadata = { title: 'Dashboard (one pass)' };

/**
 * The benchmark's naive variant of a project dashboard (npm run bench; 404 unless BRISK_BENCH=1):
 * the same page rendered in one pass, as ENABLE_PROGRESSIVE_LOADING=false renders it and as
 * plan 004's "before" did (every component's data first, then the whole page), so that only
 * the loading strategy differs.
 */
export default async function OnePassDashboardPage({ params }: PageProps<'/bench/naive/projects/[id]/dashboards/[dashboardId]'>) {
  return (
    <Suspense fallback={<DashboardScreenSkeleton />}>
      <BenchOnly>
        <DashboardScreen ids={params} load={loadComponentsAction} mode="one-pass" />
      </BenchOnly>
    </Suspense>
  );
}

async function BenchOnly({ children }: { children: React.ReactNode }) {
  // proxy.ts answers 404 for /bench/* first; this is the second lock.
  const { connection } = await import('next/server');
  await connection();
  if (!isBenchMode()) notFound();
  return children;
}
