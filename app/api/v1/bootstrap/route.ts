import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getBootstrap } from '@/lib/projects/queries';
import { bootstrapQuerySchema } from '@/lib/projects/schemas';

/**
 * GET /api/v1/bootstrap?dashboard=<id>: plan 004's consolidated call (phase 7B), what a client
 * needs to draw its first screen in one response: the viewer's profile, the server status and,
 * when asked, a dashboard with its project and components, fetched in parallel through cached
 * reads (warm: no statement). A dashboard the viewer may not see answers 404, like a missing one.
 */
export const GET = apiRoute('/api/v1/bootstrap', { access: 'viewer', query: bootstrapQuerySchema }, async ({ viewer, query }) => {
  const { user, server, dashboard } = await getBootstrap(viewer.id, query.dashboard?.toLowerCase() ?? null);
  if (!user) throw new ApiError(401, 'This account does not exist any more.');
  if (dashboard === undefined) throw new ApiError(404, 'This dashboard does not exist, or you are not a member of its project.');
  return { user, server, dashboard };
});
