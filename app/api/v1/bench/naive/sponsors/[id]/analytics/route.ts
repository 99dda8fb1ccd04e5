import { ApiError } from '@/lib/api-errors';
import { apiRoute } from '@/lib/api/route';
import { isBenchMode } from '@/lib/bench-mode';
import { rangeOr400 } from '@/lib/sponsors/api';
import { loadNaiveSponsorAnalytics } from '@/lib/sponsors/naive';
import { loadSponsorMembership } from '@/lib/sponsors/queries';
import { analyticsApiQuerySchema } from '@/lib/sponsors/schemas';

/**
 * GET /api/v1/bench/naive/sponsors/:id/analytics: the benchmark's naive baseline of
 * GET /api/v1/sponsors/:id/analytics (the same JSON, from lib/sponsors/naive.ts, nothing cached).
 * 404 unless the server runs with BRISK_BENCH=1.
 */
export const GET = apiRoute<{ id: string }, typeof analyticsApiQuerySchema>(
  '/api/v1/bench/naive/sponsors/[id]/analytics',
  { access: 'viewer', query: analyticsApiQuerySchema, available: isBenchMode },
  async ({ viewer, params, query }) => {
    const membership = /^[0-9a-f-]{36}$/i.test(params.id) ? await loadSponsorMembership(viewer.id, params.id) : null;
    if (!membership || (membership.role === null && viewer.role !== 'admin')) throw new ApiError(404, 'Not found.');
    return loadNaiveSponsorAnalytics({ id: membership.sponsorId, name: membership.name }, await rangeOr400(query));
  },
);
