import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { env } from '@/lib/env';
import { getDashboardView } from '@/lib/projects/queries';
import { canEdit, type DashboardView } from '@/lib/projects/types';
import type { LoadComponents } from './component-slot';
import { DashboardGrid, type LoadingMode } from './dashboard-grid';

export type Ids = Promise<{ id: string; dashboardId: string }>;

/** The dashboard of the page's params as the viewer sees it, or a 404 (the proxy answers it first for non-members). */
export async function dashboardOf(ids: Ids): Promise<{ viewerId: string; dashboard: DashboardView }> {
  const viewer = await requireViewer();
  const { id, dashboardId } = await ids;
  const dashboard = await getDashboardView(viewer.id, dashboardId);
  if (!dashboard || dashboard.project.id !== id) notFound();
  return { viewerId: viewer.id, dashboard };
}

/** The header of a dashboard's page: a fixed height, like its skeleton's. */
export function DashboardHeader({ dashboard, children }: { dashboard: DashboardView; children?: ReactNode }) {
  return (
    <header className="flex h-20 flex-wrap content-start items-center gap-x-3 gap-y-1">
      <Link href={`/projects/${dashboard.project.id}`} className="w-full truncate text-sm font-medium text-brand-700 hover:underline">
        {dashboard.project.name}
      </Link>
      <h1 className="truncate text-2xl font-semibold">{dashboard.title}</h1>
      {dashboard.isPublic && <Badge tone="success">Public</Badge>}
      <div className="ml-auto flex items-center gap-2">{children}</div>
    </header>
  );
}

export function DashboardScreenSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <div className="flex h-20 flex-col gap-2">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="h-8 w-72" />
      </div>
      <Skeleton className="h-80 w-full" />
    </div>
  );
}

/**
 * A dashboard's page: its header, then its grid, progressive unless ENABLE_PROGRESSIVE_LOADING
 * is false (`mode` forces one: the benchmark's one-pass variant).
 */
export async function DashboardScreen({ ids, load, mode }: { ids: Ids; load: LoadComponents; mode?: LoadingMode }) {
  const { viewerId, dashboard } = await dashboardOf(ids);
  const loading: LoadingMode = mode ?? (env().ENABLE_PROGRESSIVE_LOADING ? 'progressive' : 'one-pass');
  return (
    <div className="flex flex-col gap-6">
      <DashboardHeader dashboard={dashboard}>
        {dashboard.isPublic && (
          <a href={`/public/dashboards/${dashboard.id}`} className="text-sm font-medium text-brand-700 underline">
            Public link
          </a>
        )}
        {canEdit(dashboard.role) && (
          <Link href={`/projects/${dashboard.project.id}/dashboards/${dashboard.id}/edit`} className={buttonClass('secondary', 'h-9')}>
            Edit dashboard
          </Link>
        )}
      </DashboardHeader>
      <DashboardGrid dashboard={dashboard} viewerId={viewerId} mode={loading} load={load} />
    </div>
  );
}

