import type { Route } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { QueryProvider } from '@/components/providers/query-provider';
import { ActionRow } from '@/components/ui/action-row';
import { buttonClass } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { installedWidget } from '@/lib/modules/registry';
import { canEdit } from '@/lib/projects/types';
import { widgetCatalog } from '@/lib/projects/widgets';
import type { FormState } from '@/lib/validation';
import { DashboardBuilder, type BuilderActions } from './builder';
import { ComponentSkeleton, StreamedComponent } from './dashboard-grid';
import { DashboardHeader, dashboardOf, type Ids } from './dashboard-screen';
import { DashboardForm } from './forms';
import { widgetView } from './widget-views';

/** The builder's server actions and the dashboard settings', passed in by the page. */
export interface BuilderScreenActions extends BuilderActions {
  updateDashboard: (dashboardId: string, previous: FormState<undefined>, formData: FormData) => Promise<FormState<undefined>>;
  deleteDashboard: (dashboardId: string) => Promise<FormState>;
}

/**
 * A dashboard's builder (owners and editors; others get a 404): its settings, and its grid with
 * each component's live preview (streamed like the dashboard's own) and the widgets to add.
 */
export async function BuilderScreen({ ids, actions }: { ids: Ids; actions: BuilderScreenActions }) {
  const { viewerId, dashboard } = await dashboardOf(ids);
  if (!canEdit(dashboard.role)) notFound();
  const catalog = widgetCatalog();
  const [views, catalogViews] = await Promise.all([
    Promise.all(dashboard.components.map((component) => widgetView(component.type))),
    Promise.all(catalog.map((entry) => widgetView(entry.type))),
  ]);
  const previews = Object.fromEntries(
    dashboard.components.map((component, index) => [
      component.id,
      <Suspense key={component.id} fallback={<ComponentSkeleton view={views[index]} component={component} />}>
        <StreamedComponent viewerId={viewerId} component={component} view={views[index]} />
      </Suspense>,
    ]),
  );
  // A new component shows its widget's skeleton until the server has its preview.
  const skeletons = Object.fromEntries(
    catalog.map((entry, index) => [entry.type, <ComponentSkeleton key={entry.type} view={catalogViews[index]} component={{ type: entry.type, config: installedWidget(entry.type)?.definition.defaultConfig }} />]),
  );
  const viewHref = `/projects/${dashboard.project.id}/dashboards/${dashboard.id}` as Route;
  return (
    <div className="flex flex-col gap-6">
      <DashboardHeader dashboard={dashboard}>
        <Link href={viewHref} className={buttonClass('primary', 'h-9')}>
          Done editing
        </Link>
      </DashboardHeader>
      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-semibold">Dashboard settings</summary>
        <div className="mt-3 flex flex-col gap-3">
          <DashboardForm action={actions.updateDashboard.bind(null, dashboard.id)} title={dashboard.title} isPublic={dashboard.isPublic} submitLabel="Save settings" success="Saved." />
          <ActionRow
            align="start"
            actions={[
              {
                label: 'Delete dashboard',
                variant: 'danger-secondary',
                run: actions.deleteDashboard.bind(null, dashboard.id),
                confirm: { label: 'Delete it', pendingLabel: 'Deleting…', question: 'Delete this dashboard and its components?' },
              },
            ]}
          />
        </div>
      </details>
      <QueryProvider>
        <DashboardBuilder
          dashboardId={dashboard.id}
          components={dashboard.components}
          previews={previews}
          skeletons={skeletons}
          catalog={catalog}
          actions={{ add: actions.add, update: actions.update, remove: actions.remove, reorder: actions.reorder }}
        />
      </QueryProvider>
    </div>
  );
}

export function BuilderScreenSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <div className="flex h-20 flex-col gap-2">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-8 w-72" />
      </div>
      <Skeleton className="h-14 w-full" />
      <Skeleton className="h-80 w-full" />
    </div>
  );
}
