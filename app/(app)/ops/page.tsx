import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AutoRefresh } from '@/components/ops/auto-refresh';
import { AlertsWidget, CacheWidget, DatabaseWidget, JobsWidget, RoutesWidget, WidgetSkeleton } from '@/components/ops/widgets';

export const metadata: Metadata = { title: 'Ops' };

// Admins only: proxy.ts answers 404 to everyone else before anything streams, and each widget
// checks the role again. Every widget streams on its own.
export default function OpsPage() {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Ops console</h1>
        <AutoRefresh seconds={15} />
      </div>
      <Suspense fallback={<WidgetSkeleton name="alerts" rows={1} />}>
        <AlertsWidget />
      </Suspense>
      <div className="grid gap-6 xl:grid-cols-2">
        <Suspense fallback={<WidgetSkeleton name="routes" rows={8} />}>
          <RoutesWidget />
        </Suspense>
        <div className="flex flex-col gap-6">
          <Suspense fallback={<WidgetSkeleton name="cache" rows={4} />}>
            <CacheWidget />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton name="jobs" rows={4} />}>
            <JobsWidget />
          </Suspense>
        </div>
      </div>
      <Suspense fallback={<WidgetSkeleton name="database" rows={10} />}>
        <DatabaseWidget />
      </Suspense>
    </div>
  );
}
