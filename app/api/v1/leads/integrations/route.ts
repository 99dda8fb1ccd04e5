import { apiRoute } from '@/lib/api/route';
import { integrationsRead } from '@/lib/leads/queries';

/** GET /api/v1/leads/integrations: the viewer's feed sources with their health. */
export const GET = apiRoute('/api/v1/leads/integrations', { access: 'viewer' }, async ({ viewer }) => ({ integrations: await integrationsRead.get(viewer.id) }));
