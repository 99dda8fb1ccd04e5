import { apiRoute } from '@/lib/api/route';
import { isBenchMode } from '@/lib/bench-mode';
import { loadNaiveDashboard } from '@/lib/leads/naive';

/**
 * GET /api/v1/bench/naive/leads/dashboard: the benchmark's naive baseline of GET
 * /api/v1/leads/dashboard (the same JSON, from lib/leads/naive.ts). 404 unless BRISK_BENCH=1.
 */
export const GET = apiRoute('/api/v1/bench/naive/leads/dashboard', { access: 'viewer', available: isBenchMode }, async ({ viewer }) => loadNaiveDashboard(viewer.id));
