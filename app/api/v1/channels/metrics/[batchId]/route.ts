import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getBatchStatus } from '@/lib/channels/queries';

/** GET /api/v1/channels/metrics/{batchId}: whether a batch you sent is applied yet (queued or processed). */
export const GET = apiRoute<{ batchId: string }>('/api/v1/channels/metrics/[batchId]', { access: 'viewer' }, async ({ viewer, params }) => {
  const status = await getBatchStatus(viewer.id, params.batchId);
  if (!status) throw new ApiError(404, 'Not found.');
  return status;
});
