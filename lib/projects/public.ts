import { newRequestMetrics, runWithMetrics } from '@/lib/metrics/context';
import { finishRequest } from '@/lib/metrics/request';
import { getPublicDashboard } from './queries';
import { PUBLIC_VIEWER_ID, type DashboardView } from './types';
import { loadComponentData, type ComponentData } from './widgets';

/** A public dashboard with every component's data as a signed-out visitor sees it. */
export interface PublicDashboard {
  dashboard: DashboardView;
  data: Record<string, ComponentData>;
}

/** What a public dashboard's render read: its data, the tags of every cached read behind it, and their shortest lifetime. */
export interface PublicDashboardRead {
  value: PublicDashboard | null;
  tags: string[];
  /** ms, or null when nothing was read through a cached read. */
  minTtl: number | null;
  /** Whether a component's data could not be loaded (its page is then kept briefly). */
  failed: boolean;
}

/**
 * Loads a public dashboard and each component's data as a signed-out visitor (PUBLIC_VIEWER_ID:
 * no module grants it anything private; a member's access is never borrowed), all in parallel,
 * and collects what the public page's rendered-output cache entry must be tagged with: the
 * dashboard's tag and every cached read's tags, so that a change to the dashboard or to any data
 * it shows drops the page. Measured as a request of its own (its statements show in the ops console).
 */
export async function readPublicDashboard(dashboardId: string): Promise<PublicDashboardRead> {
  const metrics = newRequestMetrics('cache:/public/dashboards/[id]', 'task');
  const value = await runWithMetrics(metrics, async (): Promise<PublicDashboard | null> => {
    const dashboard = await getPublicDashboard(dashboardId);
    if (!dashboard) return null;
    const loaded = await Promise.all(dashboard.components.map(async (component) => [component.id, await loadComponentData(PUBLIC_VIEWER_ID, component)] as const));
    return { dashboard, data: Object.fromEntries(loaded) };
  });
  finishRequest(metrics);
  return {
    value,
    tags: [...metrics.reads.tags],
    minTtl: metrics.reads.minTtl,
    failed: value !== null && Object.values(value.data).some((data) => data.status === 'failed'),
  };
}
