import { apiRoute } from '@/lib/api/route';
import { keywordsRead } from '@/lib/leads/queries';

/** GET /api/v1/leads/keywords: the viewer's keywords with their counters. */
export const GET = apiRoute('/api/v1/leads/keywords', { access: 'viewer' }, async ({ viewer }) => ({ keywords: await keywordsRead.get(viewer.id) }));
