import { notFoundResponse } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import { withRoute } from '@/lib/metrics/request';
import { getWishlistDetail } from '@/lib/wishlists/queries';

/** GET /api/v1/wishlists/:id: one list with its items, as the viewer may see it; 404 otherwise. */
export const GET = withRoute('/api/v1/wishlists/[id]', async (request: Request, context: RouteContext<'/api/v1/wishlists/[id]'>) => {
  const viewer = await viewerFromRequest(request);
  if (!viewer) return unauthorized(request);
  const detail = await getWishlistDetail(viewer.id, (await context.params).id);
  if (!detail) return notFoundResponse();
  return Response.json(detail, { headers: { 'Cache-Control': 'private, no-store' } });
});
