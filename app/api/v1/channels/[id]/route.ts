import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { readJsonBody, resultResponse } from '@/lib/api/body';
import { deleteChannel, updateChannel } from '@/lib/channels/mutations';
import { getChannelDetail } from '@/lib/channels/queries';
import { channelsApiQuerySchema } from '@/lib/channels/schemas';

/** GET /api/v1/channels/{id}?period=30: the channel, its summary, audience and top posts; 404 unless it is yours (or you are an admin). */
export const GET = apiRoute<{ id: string }, typeof channelsApiQuerySchema>(
  '/api/v1/channels/[id]',
  { access: 'viewer', query: channelsApiQuerySchema },
  async ({ viewer, params, query }) => {
    const detail = await getChannelDetail(viewer.id, params.id, query.period);
    if (!detail) throw new ApiError(404, 'Not found.');
    return detail;
  },
);

/** PATCH /api/v1/channels/{id} {title, handle}: the owner renames it; 404 to anyone else. */
export const PATCH = apiRoute<{ id: string }>('/api/v1/channels/[id]', { access: 'viewer' }, async ({ request, viewer, params }) =>
  resultResponse(await updateChannel(viewer.id, params.id, await readJsonBody(request, 16 * 1024))),
);

/** DELETE /api/v1/channels/{id}: the owner deletes it with its posts and metrics; 404 to anyone else. */
export const DELETE = apiRoute<{ id: string }>('/api/v1/channels/[id]', { access: 'viewer' }, async ({ viewer, params }) => {
  const result = await deleteChannel(viewer.id, params.id);
  return result.ok ? new Response(null, { status: 204 }) : resultResponse(result);
});
