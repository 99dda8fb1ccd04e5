import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { readJsonBody, resultResponse } from '@/lib/api/body';
import { publishPost } from '@/lib/channels/mutations';
import { getChannelTopPosts } from '@/lib/channels/queries';
import { topPostsApiQuerySchema } from '@/lib/channels/schemas';

/**
 * GET /api/v1/channels/{id}/posts?period=30&sort=views|engagement: the channel's top posts of
 * the period (both rankings without sort); 404 unless it is yours (or you are an admin).
 */
export const GET = apiRoute<{ id: string }, typeof topPostsApiQuerySchema>(
  '/api/v1/channels/[id]/posts',
  { access: 'viewer', query: topPostsApiQuerySchema },
  async ({ viewer, params, query }) => {
    const top = await getChannelTopPosts(viewer.id, params.id, query.period);
    if (!top) throw new ApiError(404, 'Not found.');
    if (query.sort === 'views') return { window: top.window, posts: top.byViews };
    if (query.sort === 'engagement') return { window: top.window, posts: top.byEngagement };
    return top;
  },
);

/** POST /api/v1/channels/{id}/posts {text, publishedAt?}: the owner publishes a post (201 {id}). */
export const POST = apiRoute<{ id: string }>('/api/v1/channels/[id]/posts', { access: 'viewer' }, async ({ request, viewer, params }) =>
  resultResponse(await publishPost(viewer.id, params.id, await readJsonBody(request, 32 * 1024)), 201),
);
