import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getWishlistDetail } from '@/lib/wishlists/queries';

/** GET /api/v1/wishlists/:id: one list with its items, as the viewer may see it; 404 otherwise. */
export const GET = apiRoute<{ id: string }>('/api/v1/wishlists/[id]', { access: 'viewer' }, async ({ viewer, params }) => {
  const detail = await getWishlistDetail(viewer.id, params.id);
  if (!detail) throw new ApiError(404, 'Not found.');
  return detail;
});
