import { apiRoute } from '@/lib/api/route';
import { getProjectList } from '@/lib/projects/queries';

/** GET /api/v1/projects: the projects the viewer (or the token's owner) is a member of, with their role. */
export const GET = apiRoute('/api/v1/projects', { access: 'viewer' }, async ({ viewer }) => ({ projects: await getProjectList(viewer.id) }));
