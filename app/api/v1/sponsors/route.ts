import { apiRoute } from '@/lib/api/route';
import { sponsorRolesRead } from '@/lib/sponsors/queries';

/** GET /api/v1/sponsors: the sponsors the viewer belongs to (with their role) and deals for. */
export const GET = apiRoute('/api/v1/sponsors', { access: 'viewer' }, async ({ viewer }) => sponsorRolesRead.get(viewer.id));
