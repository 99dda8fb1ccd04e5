import { apiRoute } from '@/lib/api/route';
import { answer, asFields, jsonBody } from '@/lib/sponsors/api';
import { requestAnalysis } from '@/lib/sponsors/mutations';
import { farmerAnalysesRead } from '@/lib/sponsors/queries';
import { listApiQuerySchema } from '@/lib/sponsors/schemas';

/** GET /api/v1/sponsors/analyses?cursor=…: the viewer's analyses, newest first, 20 a page, without their documents. */
export const GET = apiRoute('/api/v1/sponsors/analyses', { access: 'viewer', query: listApiQuerySchema }, async ({ viewer, query }) => farmerAnalysesRead.get(viewer.id, query.cursor ?? null));

/** POST /api/v1/sponsors/analyses {"cropType": "tomato", "location": "…", "imageUrl": "https://…"}: requests an analysis (needs a running subscription). 201 {id}. */
export const POST = apiRoute('/api/v1/sponsors/analyses', { access: 'viewer' }, async ({ request, viewer }) =>
  answer(await requestAnalysis(viewer.id, asFields(await jsonBody(request), ['cropType', 'location', 'imageUrl'])), 201),
);
