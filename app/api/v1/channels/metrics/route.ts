import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { readJsonBody, resultResponse } from '@/lib/api/body';
import { acceptMetrics } from '@/lib/channels/mutations';
import { MAX_INGEST_BODY_BYTES, MAX_SNAPSHOTS_PER_REQUEST } from '@/lib/channels/schemas';

const length = (value: unknown) => (Array.isArray(value) ? value.length : 0);

/**
 * POST /api/v1/channels/metrics {posts: [{postId, capturedAt, views, likes, forwards}],
 * channels: [{channelId, capturedAt, subscribers}]}: a batch of metric snapshots (what each post
 * gained in the interval ending at capturedAt; each channel's audience at capturedAt), for your
 * own posts and channels (any, for an admin). At most 1,000 snapshots: 413 beyond. Answers 202
 * with the batch's id and status URL; the snapshots are applied in the background, and sending
 * the same snapshots again changes nothing.
 */
export const POST = apiRoute('/api/v1/channels/metrics', { access: 'viewer' }, async ({ request, viewer }) => {
  const body = (await readJsonBody(request, MAX_INGEST_BODY_BYTES)) as Record<string, unknown>;
  const count = length(body.posts) + length(body.channels);
  if (count > MAX_SNAPSHOTS_PER_REQUEST) {
    throw new ApiError(413, `At most ${MAX_SNAPSHOTS_PER_REQUEST.toLocaleString('en')} snapshots per request; this one has ${count.toLocaleString('en')}. Split it into several requests.`);
  }
  const result = await acceptMetrics(viewer, body);
  if (!result.ok) return resultResponse(result, 202, { not_found: 422 });
  return Response.json(result.value, { status: 202, headers: { Location: `/api/v1/channels/metrics/${result.value.batchId}` } });
});
