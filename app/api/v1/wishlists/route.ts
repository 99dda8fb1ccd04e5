import { apiRoute } from '@/lib/api/route';
import { findGiftIdeas, findPublicWishlistsByEvent, getWishlistDashboard } from '@/lib/wishlists/queries';
import { wishlistApiQuerySchema } from '@/lib/wishlists/schemas';

/**
 * GET /api/v1/wishlists: the viewer's dashboard lists (mine, friends', public), sorted by ?sort=.
 * ?event_type=wedding: public lists with that occasion still ahead. ?max_price=50&currency=EUR:
 * gift ideas on other people's public lists.
 */
export const GET = apiRoute('/api/v1/wishlists', { access: 'viewer', query: wishlistApiQuerySchema }, async ({ viewer, query }) => {
  if (query.max_price !== undefined) return { giftIdeas: await findGiftIdeas(viewer.id, query.max_price, query.currency ?? 'EUR') };
  if (query.event_type) return { wishlists: await findPublicWishlistsByEvent(viewer.id, query.event_type) };
  return getWishlistDashboard(viewer.id, query.sort);
});
