import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionCookie } from '@/test/sessions';
import { GET as naiveDashboardRoute } from '@/app/api/v1/bench/naive/leads/dashboard/route';
import { loadNaiveAnalytics, loadNaiveConversions, loadNaiveIntegrationStatus, loadNaiveKeywordPerformance, loadNaiveRecentLeads } from './naive';
import { loadConversionMetrics, loadIntegrationStatus, loadKeywordPerformance, loadLeadAnalytics, loadRecentLeads, todayUtc } from './queries';

/*
 * The benchmark's naive baseline (plan 001's "before") must answer exactly what Brisk answers,
 * so that the benchmark compares the work, not the results. Its statements repeat by design:
 * it is called outside a measured request here.
 */
const VIEWERS = ['usr_ada', 'usr_ben', 'usr_gus'];

afterEach(() => vi.unstubAllEnvs());

describe('the naive baseline', () => {
  it('exists only in bench mode', async () => {
    const cookie = await sessionCookie('ada@brisk.test');
    const response = await naiveDashboardRoute(new Request('http://localhost:3000/api/v1/bench/naive/leads/dashboard', { headers: { cookie } }), { params: Promise.resolve({}) });
    expect(response.status).toBe(404);
    await expect(loadNaiveRecentLeads('usr_ada')).rejects.toThrow(/BRISK_BENCH/);
  });

  it('answers every dashboard widget exactly as the real reads do', async () => {
    vi.stubEnv('BRISK_BENCH', '1');
    const today = todayUtc();
    for (const viewer of VIEWERS) {
      expect(await loadNaiveRecentLeads(viewer), viewer).toEqual(await loadRecentLeads(viewer));
      expect(await loadNaiveKeywordPerformance(viewer), viewer).toEqual(await loadKeywordPerformance(viewer));
      expect(await loadNaiveIntegrationStatus(viewer), viewer).toEqual(await loadIntegrationStatus(viewer));
      expect(await loadNaiveAnalytics(viewer, today), viewer).toEqual(await loadLeadAnalytics(viewer, today));
      expect(await loadNaiveConversions(viewer, today), viewer).toEqual(await loadConversionMetrics(viewer, today));
    }
  });
});
