import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getItemMetadataStates } from '@/lib/wishlists/queries';

/** GET /api/v1/wishlists/:id/items: the items' current state, uncached (the page polls it). */
export const GET = apiRoute<{ id: string }>('/api/v1/wishlists/[id]/items', { access: 'viewer' }, async ({ viewer, params }) => {
  const items = await getItemMetadataStates(viewer.id, params.id);
  if (!items) throw new ApiError(404, 'Not found.');
  return { items };
});
