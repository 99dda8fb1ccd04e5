import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { getUserProfile } from '@/lib/projects/queries';

/**
 * GET /api/v1/auth/me: who the session or the API token acts for (plan 004's phase 5A: the token's
 * owner cached 5 minutes and dropped when the token is revoked or its owner's password changes;
 * the profile cached 5 minutes).
 */
export const GET = apiRoute('/api/v1/auth/me', { access: 'viewer' }, async ({ viewer }) => {
  const user = await getUserProfile(viewer.id);
  if (!user) throw new ApiError(401, 'This account does not exist any more.');
  return { user };
});
