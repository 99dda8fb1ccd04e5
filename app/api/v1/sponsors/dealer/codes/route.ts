import { apiRoute } from '@/lib/api/route';
import { dealerCodesRead } from '@/lib/sponsors/queries';
import { listApiQuerySchema } from '@/lib/sponsors/schemas';

/** GET /api/v1/sponsors/dealer/codes?cursor=…: the codes the viewer holds as a dealer, newest first (empty for anyone who deals for nobody). */
export const GET = apiRoute('/api/v1/sponsors/dealer/codes', { access: 'viewer', query: listApiQuerySchema }, async ({ viewer, query }) => dealerCodesRead.get(viewer.id, query.cursor ?? null));
