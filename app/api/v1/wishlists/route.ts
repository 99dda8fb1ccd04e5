import { apiError } from '@/lib/api-errors';
import { unauthorized, viewerFromRequest } from '@/lib/auth/api';
import { withRoute } from '@/lib/metrics/request';
import { findGiftIdeas, findPublicWishlistsByEvent, getWishlistDashboard } from '@/lib/wishlists/queries';
import { wishlistApiQuerySchema } from '@/lib/wishlists/schemas';

/**
 * GET /api/v1/wishlists: the viewer's dashboard lists (mine, friends', public), sorted by ?sort=.
 * ?event_type=wedding: public lists with that occasion still ahead. ?max_price=50&currency=EUR:
 * gift ideas on public lists.
 */
export const GET = withRoute('/api/v1/wishlists', async (request: Request) => {
  const viewer = await viewerFromRequest(request);
  if (!viewer) return unauthorized(request);
  const parsed = wishlistApiQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return apiError(400, 'Invalid query.', Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  const query = parsed.data;
  if (query.max_price !== undefined) {
    return Response.json({ giftIdeas: await findGiftIdeas(query.max_price, query.currency ?? 'EUR') }, { headers: { 'Cache-Control': 'private, no-store' } });
  }
  if (query.event_type) {
    return Response.json({ wishlists: await findPublicWishlistsByEvent(viewer.id, query.event_type) }, { headers: { 'Cache-Control': 'private, no-store' } });
  }
  return Response.json(await getWishlistDashboard(viewer.id, query.sort), { headers: { 'Cache-Control': 'private, no-store' } });
});
