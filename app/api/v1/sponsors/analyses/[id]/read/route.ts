import { apiRoute } from '@/lib/api/route';
import { answer } from '@/lib/sponsors/api';
import { markThreadRead } from '@/lib/sponsors/mutations';

/** POST /api/v1/sponsors/analyses/:id/read: marks the viewer's unread messages about the analysis as read. {marked}. */
export const POST = apiRoute<{ id: string }>('/api/v1/sponsors/analyses/[id]/read', { access: 'viewer' }, async ({ viewer, params }) => answer(await markThreadRead(viewer.id, params.id)));
