import { apiRoute } from '@/lib/api/route';
import { answer, asFields, jsonBody } from '@/lib/sponsors/api';
import { sendMessage } from '@/lib/sponsors/mutations';

/** POST /api/v1/sponsors/analyses/:id/messages {"body": "…"}: writes to the other side of the analysis (its farmer, or its sponsor). 201 {id}. */
export const POST = apiRoute<{ id: string }>('/api/v1/sponsors/analyses/[id]/messages', { access: 'viewer' }, async ({ request, viewer, params }) =>
  answer(await sendMessage(viewer.id, params.id, asFields(await jsonBody(request), ['body'])), 201),
);
