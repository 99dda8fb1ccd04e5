import { apiRoute } from '@/lib/api/route';
import { readJsonBody, resultResponse } from '@/lib/api/body';
import { createChannel } from '@/lib/channels/mutations';
import { getChannelDashboard } from '@/lib/channels/queries';
import { channelsApiQuerySchema } from '@/lib/channels/schemas';

/**
 * GET /api/v1/channels?period=30: the dashboard: my channels with their totals for the period
 * (7, 30 or 90 days) and the previous one, views by day, top posts, my subscription.
 */
export const GET = apiRoute('/api/v1/channels', { access: 'viewer', query: channelsApiQuerySchema }, async ({ viewer, query }) => getChannelDashboard(viewer.id, query.period));

/** POST /api/v1/channels {title, handle}: a new channel (201 {id}), within the plan's limit (403 beyond). */
export const POST = apiRoute('/api/v1/channels', { access: 'viewer' }, async ({ request, viewer }) =>
  resultResponse(await createChannel(viewer.id, await readJsonBody(request, 16 * 1024)), 201),
);
