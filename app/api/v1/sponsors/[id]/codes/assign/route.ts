import { apiRoute } from '@/lib/api/route';
import { answer, asFields, jsonBody } from '@/lib/sponsors/api';
import { assignCodes } from '@/lib/sponsors/mutations';

/** POST /api/v1/sponsors/:id/codes/assign {"dealerId": "…", "count": 20}: hands codes from the stock to a dealer (owners and managers). {assigned}. */
export const POST = apiRoute<{ id: string }>('/api/v1/sponsors/[id]/codes/assign', { access: 'viewer' }, async ({ request, viewer, params }) =>
  answer(await assignCodes(viewer.id, params.id, asFields(await jsonBody(request), ['dealerId', 'count']))),
);
