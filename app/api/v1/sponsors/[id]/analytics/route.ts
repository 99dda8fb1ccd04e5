import { apiRoute } from '@/lib/api/route';
import { rangeOr400, sponsorOr404 } from '@/lib/sponsors/api';
import { getSponsorAnalytics } from '@/lib/sponsors/queries';
import { analyticsApiQuerySchema } from '@/lib/sponsors/schemas';

/**
 * GET /api/v1/sponsors/:id/analytics?from=2026-08-26&to=2026-11-23&bucket=week: codes distributed
 * and redeemed, analyses, messages per bucket; redemption rate, ROI, messaging, dealer performance
 * and crops over the range (default: the last 90 days by week). Members and administrators; 404
 * to anyone else. At most 4 statements cold, none warm.
 */
export const GET = apiRoute<{ id: string }, typeof analyticsApiQuerySchema>(
  '/api/v1/sponsors/[id]/analytics',
  { access: 'viewer', query: analyticsApiQuerySchema },
  async ({ viewer, params, query }) => {
    const access = await sponsorOr404(viewer, params.id);
    return getSponsorAnalytics(access, await rangeOr400(query));
  },
);
