import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as naiveRoute } from '@/app/api/v1/bench/naive/sponsors/[id]/analytics/route';
import { NotInBenchModeError } from '@/lib/bench-mode';
import { demoSponsorId } from '@/prisma/seed/sponsors-demo';
import { sessionCookie } from '@/test/sessions';
import { loadNaiveSponsorAnalytics } from './naive';
import { loadSponsorAnalytics } from './queries';
import { addDays, dayString } from './schemas';
import type { AnalyticsRange } from './types';

/*
 * The benchmark's naive baseline (plan 003's GetSponsorTemporalAnalyticsQuery: every row of the
 * sponsor loaded, filtered in memory) must answer exactly what the SQL aggregates answer, or the
 * benchmark compares different work.
 */

afterEach(() => {
  vi.unstubAllEnvs();
});

const today = dayString(new Date());
const SPONSORS = ['greenleaf', 'agrinova', 'terra'].map((key) => ({ id: demoSponsorId(key), name: key }));
const RANGES: AnalyticsRange[] = [
  { from: addDays(today, -89), to: today, bucket: 'week' },
  { from: addDays(today, -29), to: today, bucket: 'day' },
  { from: addDays(today, -364), to: today, bucket: 'month' },
  { from: addDays(today, -500), to: addDays(today, -200), bucket: 'week' },
  { from: '2020-01-01', to: '2020-03-01', bucket: 'day' },
];

describe('in bench mode', () => {
  it('the naive analytics equal the SQL analytics for every demo sponsor and range', async () => {
    vi.stubEnv('BRISK_BENCH', '1');
    for (const sponsor of SPONSORS) {
      for (const range of RANGES) {
        expect(await loadNaiveSponsorAnalytics(sponsor, range), `${sponsor.name} ${JSON.stringify(range)}`).toEqual(await loadSponsorAnalytics(sponsor, range));
      }
    }
    // Fifteen runs of the naive loader, which is slow by design: each loads every row of its sponsor.
  }, 120_000);
});

describe('outside bench mode', () => {
  it('the naive loader refuses to run and its route answers 404, even to a member', async () => {
    vi.stubEnv('BRISK_BENCH', '');
    await expect(loadNaiveSponsorAnalytics(SPONSORS[0]!, RANGES[0]!)).rejects.toBeInstanceOf(NotInBenchModeError);
    const cookie = await sessionCookie('sofia@brisk.test');
    const id = SPONSORS[0]!.id;
    const response = await naiveRoute(new Request(`http://localhost:3000/api/v1/bench/naive/sponsors/${id}/analytics`, { headers: { cookie } }), { params: Promise.resolve({ id }) });
    expect(response.status).toBe(404);
  });
});
