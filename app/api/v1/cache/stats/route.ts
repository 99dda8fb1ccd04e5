import { apiRoute } from '@/lib/api/route';
import { getCacheStats } from '@/lib/ops/queries';

/**
 * GET /api/v1/cache/stats (admins, by session or API token; 404 to other users, 401 signed
 * out): the data cache's layers (L1 memory, L2 Redis and whether it is up), reads and hit rate
 * by kind and in total, and Redis's own keyspace counters.
 */
export const GET = apiRoute('/api/v1/cache/stats', { access: 'admin' }, () => getCacheStats());
