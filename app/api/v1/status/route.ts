import { apiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { isDatabaseUnavailable } from '@/lib/db/errors';
import { getServerStatus } from '@/lib/projects/queries';

/**
 * GET /api/v1/status: the server, its database and its modules (plan 004's `server:status`,
 * cached 2 minutes, never served unconfirmed): 503 while the database cannot be reached.
 */
export const GET = apiRoute('/api/v1/status', { access: 'viewer' }, async () => {
  try {
    return await getServerStatus();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return apiError(503, 'The database cannot be reached right now.');
  }
});
