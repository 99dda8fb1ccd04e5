import { apiRoute } from '@/lib/api/route';
import { answer } from '@/lib/sponsors/api';
import { distributeCode } from '@/lib/sponsors/mutations';

/** POST /api/v1/sponsors/codes/:codeId/distribute: marks a code as sent to a farmer (its dealer, or the sponsor's owners and managers). */
export const POST = apiRoute<{ codeId: string }>('/api/v1/sponsors/codes/[codeId]/distribute', { access: 'viewer' }, async ({ viewer, params }) =>
  answer(await distributeCode(viewer.id, params.codeId)),
);
