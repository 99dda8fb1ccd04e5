import type { Metadata } from 'next';
import { AutoRefresh } from '@/components/ops/auto-refresh';
import { AlertsWidget, CacheWidget, DatabaseWidget, JobsWidget, RoutesWidget } from '@/components/ops/widgets';
import { RowsSkeleton, WidgetFrame } from '@/components/ui/widget-frame';

export const metadata: Metadata = { title: 'Ops' };

// Admins only: proxy.ts answers 404 to everyone else before anything streams, and each widget
// checks the role again. Every widget streams on its own, in a frame of fixed size.
export default function OpsPage() {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Ops console</h1>
        <AutoRefresh seconds={15} />
      </div>
      <WidgetFrame size="h-28" label="Alerts" scroll skeleton={<RowsSkeleton rows={1} />}>
        <AlertsWidget />
      </WidgetFrame>
      <div className="grid gap-6 xl:grid-cols-2">
        <WidgetFrame size="h-[36rem]" label="Routes" scroll skeleton={<RowsSkeleton rows={8} />}>
          <RoutesWidget />
        </WidgetFrame>
        <div className="flex flex-col gap-6">
          <WidgetFrame size="h-[17.25rem]" label="Data cache" scroll skeleton={<RowsSkeleton rows={4} />}>
            <CacheWidget />
          </WidgetFrame>
          <WidgetFrame size="h-[17.25rem]" label="Background jobs" scroll skeleton={<RowsSkeleton rows={4} />}>
            <JobsWidget />
          </WidgetFrame>
        </div>
      </div>
      <WidgetFrame size="h-[32rem]" label="Database" scroll skeleton={<RowsSkeleton rows={10} />}>
        <DatabaseWidget />
      </WidgetFrame>
    </div>
  );
}
