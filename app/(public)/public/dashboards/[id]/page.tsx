import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DashboardGrid } from '@/components/projects/dashboard-grid';
import { appOrigin } from '@/lib/env';
import { PUBLIC_VIEWER_ID } from '@/lib/projects/types';
import { isUuid } from '@/lib/validation';
import { publicDashboard } from './public-dashboard';

/**
 * A public dashboard's page: anyone may open it, signed out included (the manifest's
 * publicPaths), read-only. It reads nothing per visitor, so each dashboard's page is rendered
 * once and then served whole from Next's cache until the dashboard or its data changes
 * (ensureStatic = 'navigation': the first request waits for the complete page, which also lets a
 * dashboard that is not public answer a real 404).
 */
export const ensureStatic = 'navigation';

/** No dashboard is prerendered at build (no database then); "none" is a 404 that reads nothing. */
export function generateStaticParams() {
  return [{ id: 'none' }];
}

/** Lower-case UUIDs only: the id is the cache tag, and another spelling would be another page. */
const dashboardId = async (params: PageProps<'/public/dashboards/[id]'>['params']) => {
  const { id } = await params;
  return isUuid(id) && id === id.toLowerCase() ? id : null;
};

export async function generateMetadata({ params }: PageProps<'/public/dashboards/[id]'>): Promise<Metadata> {
  const id = await dashboardId(params);
  const found = id ? await publicDashboard(id) : null;
  if (!found) return { title: 'Dashboard not found', robots: { index: false } };
  const { dashboard } = found;
  const description = `${dashboard.project.name}: a dashboard of ${dashboard.components.length} ${dashboard.components.length === 1 ? 'component' : 'components'}, shared on Brisk.`;
  return {
    metadataBase: new URL(appOrigin()),
    title: `${dashboard.title} · ${dashboard.project.name}`,
    description,
    alternates: { canonical: `/public/dashboards/${dashboard.id}` },
    openGraph: { type: 'website', siteName: 'Brisk', title: dashboard.title, description, url: `/public/dashboards/${dashboard.id}`, images: [{ url: '/og.png', alt: 'Brisk' }] },
  };
}

export default async function PublicDashboardPage({ params }: PageProps<'/public/dashboards/[id]'>) {
  const id = await dashboardId(params);
  const found = id ? await publicDashboard(id) : null;
  if (!found) notFound();
  const { dashboard, data } = found;
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-1">
        <p className="text-sm font-medium text-slate-600">{dashboard.project.name}</p>
        <h1 className="text-2xl font-semibold">{dashboard.title}</h1>
        <p className="text-sm text-slate-600">A public dashboard: read-only, and only what anyone may see.</p>
      </header>
      <DashboardGrid dashboard={dashboard} viewerId={PUBLIC_VIEWER_ID} mode="one-pass" preloaded={data} />
    </div>
  );
}
