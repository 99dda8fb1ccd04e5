import { apiRoute } from '@/lib/api/route';
import { isBenchMode } from '@/lib/bench-mode';
import { loadNaiveChannelDashboard } from '@/lib/channels/naive';
import { channelsApiQuerySchema } from '@/lib/channels/schemas';

/**
 * GET /api/v1/bench/naive/channels: the benchmark's naive baseline of GET /api/v1/channels (the
 * same JSON, from lib/channels/naive.ts). 404 unless the server runs with BRISK_BENCH=1.
 */
export const GET = apiRoute('/api/v1/bench/naive/channels', { access: 'viewer', query: channelsApiQuerySchema, available: isBenchMode }, async ({ viewer, query }) =>
  loadNaiveChannelDashboard(viewer.id, query.period),
);
