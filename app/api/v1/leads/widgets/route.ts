import { apiRoute } from '@/lib/api/route';
import { getLeadsWidgets } from '@/lib/leads/queries';

/** GET /api/v1/leads/widgets: plan 001's widgets JSON (recent leads, keyword performance, integration status, conversion metrics). */
export const GET = apiRoute('/api/v1/leads/widgets', { access: 'viewer' }, async ({ viewer }) => getLeadsWidgets(viewer.id));
