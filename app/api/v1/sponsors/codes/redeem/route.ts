import { apiRoute } from '@/lib/api/route';
import { answer, asFields, jsonBody } from '@/lib/sponsors/api';
import { redeemCode } from '@/lib/sponsors/mutations';

/** POST /api/v1/sponsors/codes/redeem {"code": "GRN-7KQ2-M9PX"}: redeems a code for the viewer; 201 with the subscription it started, 409 when taken or expired. */
export const POST = apiRoute('/api/v1/sponsors/codes/redeem', { access: 'viewer' }, async ({ request, viewer }) =>
  answer(await redeemCode(viewer.id, asFields(await jsonBody(request), ['code'])), 201),
);
