import { cacheLife, cacheTag } from 'next/cache';
import { readPublicDashboard, type PublicDashboard } from '@/lib/projects/public';
import { dashboardTag } from '@/lib/projects/tags';

/** Next accepts at most this many tags on one entry. */
const MAX_TAGS = 64;

/**
 * A public dashboard and its components' data for its page, in Next's rendered-output cache
 * ('use cache'): shared by every visitor, and with REDIS_URL by every instance (the cacheHandlers
 * of next.config.mjs). Tagged with the dashboard's tag, which every edit of the dashboard or its
 * components drops through invalidate() (lib/cache/cache.ts): the next request shows the edit,
 * and a dashboard made private answers 404 at once. Also tagged with every cached read its
 * widgets made, so a change to the data they show drops it too; its lifetime is the shortest of
 * theirs (what no tag covers), and 30 seconds while a component's data could not be loaded.
 */
export async function publicDashboard(id: string): Promise<PublicDashboard | null> {
  'use cache';
  const read = await readPublicDashboard(id);
  cacheTag(dashboardTag(id), ...read.tags.filter((tag) => tag !== dashboardTag(id)).slice(0, MAX_TAGS - 1));
  if (read.failed) cacheLife({ stale: 30, revalidate: 30, expire: 300 });
  else cacheLife({ stale: 300, revalidate: Math.max(60, Math.round((read.minTtl ?? 3_600_000) / 1000)), expire: 86_400 });
  return read.value;
}
