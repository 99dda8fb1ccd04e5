import { apiRoute } from '@/lib/api/route';
import { answer, asFields, jsonBody, sponsorOr404 } from '@/lib/sponsors/api';
import { generateCodes } from '@/lib/sponsors/mutations';
import { sponsorCodesRead } from '@/lib/sponsors/queries';
import { codesApiQuerySchema } from '@/lib/sponsors/schemas';

/** GET /api/v1/sponsors/:id/codes?status=sent&cursor=…: the sponsor's codes, newest first, 25 a page (`next` is the following page's cursor). */
export const GET = apiRoute<{ id: string }, typeof codesApiQuerySchema>('/api/v1/sponsors/[id]/codes', { access: 'viewer', query: codesApiQuerySchema }, async ({ viewer, params, query }) => {
  await sponsorOr404(viewer, params.id);
  return sponsorCodesRead.get(params.id, query.status ?? 'all', query.cursor ?? null);
});

/** POST /api/v1/sponsors/:id/codes {"count": 50, "tier": "medium", "validDays": 180}: a batch of new codes (owners and managers). 201 {created}. */
export const POST = apiRoute<{ id: string }>('/api/v1/sponsors/[id]/codes', { access: 'viewer' }, async ({ request, viewer, params }) =>
  answer(await generateCodes(viewer.id, params.id, asFields(await jsonBody(request), ['count', 'tier', 'validDays'])), 201),
);
