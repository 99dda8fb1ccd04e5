import { apiRoute } from '@/lib/api/route';
import { mentionsRead } from '@/lib/leads/queries';
import { mentionsApiQuerySchema } from '@/lib/leads/schemas';

/**
 * GET /api/v1/leads/mentions?keyword=&source=&from=YYYY-MM-DD&to=YYYY-MM-DD&after=: a page of the
 * viewer's mentions, newest first; `nextCursor` is the next page's `after`.
 */
export const GET = apiRoute('/api/v1/leads/mentions', { access: 'viewer', query: mentionsApiQuerySchema }, async ({ viewer, query }) => mentionsRead.get(viewer.id, query));
