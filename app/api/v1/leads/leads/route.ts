import { apiRoute } from '@/lib/api/route';
import { pipelineRead } from '@/lib/leads/queries';
import { leadsApiQuerySchema } from '@/lib/leads/schemas';

/** GET /api/v1/leads/leads[?status=qualified]: the pipeline (per status: the count and the newest leads, with their score reasons). */
export const GET = apiRoute('/api/v1/leads/leads', { access: 'viewer', query: leadsApiQuerySchema }, async ({ viewer, query }) => {
  const pipeline = await pipelineRead.get(viewer.id);
  return query.status ? { ...pipeline, columns: pipeline.columns.filter((column) => column.status === query.status) } : pipeline;
});
