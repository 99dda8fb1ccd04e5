import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as naiveRoute } from '@/app/api/v1/bench/naive/channels/route';
import { NotInBenchModeError } from '@/lib/bench-mode';
import { sessionCookie } from '@/test/sessions';
import { loadNaiveChannelDashboard, loadNaiveChannelList, loadNaiveDashboardDaily, loadNaiveDashboardTopPosts, loadNaiveSubscription } from './naive';
import { loadChannelDashboard } from './queries';
import { PERIODS } from './types';

/*
 * The benchmark's naive baseline (npm run bench) must return exactly what the real reads return,
 * or the benchmark compares different work: it aggregates post_metrics where the real reads use
 * the rollups, so the comparison also proves the rollups exact. Its statements repeat on purpose,
 * so it is called here outside any measured request.
 */

const VIEWERS = ['usr_ada', 'usr_ben', 'usr_chloe', 'usr_dev', 'usr_eunji', 'usr_farah', 'usr_gus', 'usr_admin'];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('outside bench mode (BRISK_BENCH unset)', () => {
  it('the naive API route answers 404, even to a signed-in viewer, and the loaders refuse to run', async () => {
    vi.stubEnv('BRISK_BENCH', '');
    const cookie = await sessionCookie('ada@brisk.test');
    expect((await naiveRoute(new Request('http://localhost:3000/api/v1/bench/naive/channels', { headers: { cookie } }), { params: Promise.resolve({}) })).status).toBe(404);
    for (const load of [() => loadNaiveChannelList('usr_ada', 30), () => loadNaiveDashboardDaily('usr_ada', 30), () => loadNaiveDashboardTopPosts('usr_ada', 30), () => loadNaiveSubscription('usr_ada')]) {
      await expect(load()).rejects.toBeInstanceOf(NotInBenchModeError);
    }
  });
});

describe('in bench mode', () => {
  it('the naive dashboard equals the real one for every demo viewer and period', async () => {
    vi.stubEnv('BRISK_BENCH', '1');
    const now = new Date();
    for (const viewer of VIEWERS) {
      for (const period of PERIODS) {
        expect(await loadNaiveChannelDashboard(viewer, period, now), `${viewer} ${period}`).toEqual(await loadChannelDashboard(viewer, period, now));
      }
    }
    // 24 comparisons, each aggregating post_metrics (the naive side, statements repeated on purpose):
    // 30 s was not enough on a loaded 2-core machine.
  }, 120_000);
});
