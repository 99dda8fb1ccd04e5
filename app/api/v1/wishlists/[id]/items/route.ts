import { notFoundResponse } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import { withRoute } from '@/lib/metrics/request';
import { getItemMetadataStates } from '@/lib/wishlists/queries';

/** GET /api/v1/wishlists/:id/items: the items' current state, uncached (the page polls it). */
export const GET = withRoute('/api/v1/wishlists/[id]/items', async (request: Request, context: RouteContext<'/api/v1/wishlists/[id]/items'>) => {
  const viewer = await viewerFromRequest(request);
  if (!viewer) return unauthorized(request);
  const items = await getItemMetadataStates(viewer.id, (await context.params).id);
  if (!items) return notFoundResponse();
  return Response.json({ items }, { headers: { 'Cache-Control': 'no-store' } });
});
