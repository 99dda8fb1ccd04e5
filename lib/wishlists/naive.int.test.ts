import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as naiveDetailRoute } from '@/app/api/v1/bench/naive/wishlists/[id]/route';
import { GET as naiveDashboardRoute } from '@/app/api/v1/bench/naive/wishlists/route';
import { NotInBenchModeError } from '@/lib/bench-mode';
import { demoListId } from '@/prisma/seed/shared';
import { DEMO_LISTS } from '@/prisma/seed/wishlists';
import { sessionCookie } from '@/test/sessions';
import { loadNaiveActivityFeed, loadNaiveActivityStats, loadNaiveDashboard, loadNaiveUpcomingEvents, loadNaiveWishlistDetail } from './naive';
import { loadActivityFeed, loadActivityStats, loadUpcomingEvents, loadWishlistDashboard, loadWishlistDetail } from './queries';
import { WISHLIST_SORTS } from './types';

/*
 * The benchmark's naive baseline (npm run bench) must return exactly what the real queries
 * return, or the benchmark compares different work. Its statements repeat on purpose, so it is
 * called here outside any measured request (the N+1 guard fails tests); it is measured only by
 * the benchmark.
 */

const VIEWERS = ['usr_ada', 'usr_ben', 'usr_chloe', 'usr_dev', 'usr_gus', 'usr_admin'];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('outside bench mode (BRISK_BENCH unset)', () => {
  it('the naive API routes answer 404, even to a signed-in viewer', async () => {
    vi.stubEnv('BRISK_BENCH', '');
    const cookie = await sessionCookie('ada@brisk.test');
    const id = demoListId('ada-birthday');
    const dashboard = await naiveDashboardRoute(new Request('http://localhost:3000/api/v1/bench/naive/wishlists', { headers: { cookie } }), { params: Promise.resolve({}) });
    expect(dashboard.status).toBe(404);
    const detail = await naiveDetailRoute(new Request(`http://localhost:3000/api/v1/bench/naive/wishlists/${id}`, { headers: { cookie } }), { params: Promise.resolve({ id }) });
    expect(detail.status).toBe(404);
    const anonymous = await naiveDashboardRoute(new Request('http://localhost:3000/api/v1/bench/naive/wishlists'), { params: Promise.resolve({}) });
    expect(anonymous.status).toBe(404);
  });

  it('the naive loaders refuse to run', async () => {
    vi.stubEnv('BRISK_BENCH', '0');
    await expect(loadNaiveDashboard('usr_ada', 'updated_desc')).rejects.toBeInstanceOf(NotInBenchModeError);
    await expect(loadNaiveWishlistDetail('usr_ada', demoListId('ada-birthday'))).rejects.toBeInstanceOf(NotInBenchModeError);
    await expect(loadNaiveActivityFeed('usr_ada', 'mine')).rejects.toBeInstanceOf(NotInBenchModeError);
    await expect(loadNaiveActivityStats('usr_ada')).rejects.toBeInstanceOf(NotInBenchModeError);
    await expect(loadNaiveUpcomingEvents('usr_ada')).rejects.toBeInstanceOf(NotInBenchModeError);
  });
});

describe('in bench mode, the naive baseline returns what the real queries return', () => {
  it('the dashboard lists, in every order', async () => {
    vi.stubEnv('BRISK_BENCH', '1');
    for (const viewer of VIEWERS) {
      for (const sort of WISHLIST_SORTS) {
        expect(await loadNaiveDashboard(viewer, sort), `${viewer} ${sort}`).toEqual(await loadWishlistDashboard(viewer, sort));
      }
    }
  });

  it('the activity feeds, weekly stats and upcoming events', async () => {
    vi.stubEnv('BRISK_BENCH', '1');
    for (const viewer of VIEWERS) {
      for (const whose of ['mine', 'friends'] as const) {
        expect(await loadNaiveActivityFeed(viewer, whose), `${viewer} ${whose}`).toEqual(await loadActivityFeed(viewer, whose));
      }
      // `at` is "now", taken by each call: the counts of every period must match.
      const stats = await loadActivityStats(viewer);
      expect({ ...(await loadNaiveActivityStats(viewer)), at: stats.at }, viewer).toEqual(stats);
      expect(await loadNaiveUpcomingEvents(viewer), viewer).toEqual(await loadUpcomingEvents(viewer));
    }
  });

  it('every demo list as every viewer sees it (or does not)', async () => {
    vi.stubEnv('BRISK_BENCH', '1');
    for (const viewer of VIEWERS) {
      for (const list of DEMO_LISTS) {
        const id = demoListId(list.key);
        expect(await loadNaiveWishlistDetail(viewer, id), `${viewer} ${list.key}`).toEqual(await loadWishlistDetail(viewer, id));
      }
      expect(await loadNaiveWishlistDetail(viewer, 'not-a-uuid')).toBeNull();
    }
  });
});
