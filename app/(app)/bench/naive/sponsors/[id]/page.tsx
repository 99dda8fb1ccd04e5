import type { Metadata } from 'next';
import { cache } from 'react';
import { SponsorAnalyticsDashboard, type AnalyticsLoaders } from '@/components/sponsors/analytics';
import { loadNaiveAnalyticsParts } from '@/lib/sponsors/naive';
import type { AnalyticsRange } from '@/lib/sponsors/types';
import { benchOnly } from '../../gate';

export const metadata: Metadata = { title: 'Sponsor analytics (naive baseline)' };

// One naive load per request, shared by the widgets (React's request cache), as the plan's one handler did.
const parts = cache(benchOnly((sponsorId: string, from: string, to: string, bucket: AnalyticsRange['bucket']) => loadNaiveAnalyticsParts(sponsorId, { from, to, bucket })));
const load = (sponsorId: string, range: AnalyticsRange) => parts(sponsorId, range.from, range.to, range.bucket);
const naive: AnalyticsLoaders = {
  codes: async (sponsorId, range) => (await load(sponsorId, range)).codes,
  analyses: async (sponsorId, range) => (await load(sponsorId, range)).analyses,
  messages: async (sponsorId, range) => (await load(sponsorId, range)).messages,
};

/**
 * The benchmark's naive baseline of /sponsors/[id] (npm run bench; 404 unless BRISK_BENCH=1): the
 * same dashboard component, fed by lib/sponsors/naive.ts (every row of the sponsor, filtered in
 * memory, nothing cached), so that only the data path differs. Access is the same cached check.
 */
export default function NaiveSponsorAnalyticsPage({ params, searchParams }: PageProps<'/bench/naive/sponsors/[id]'>) {
  return <SponsorAnalyticsDashboard id={params.then((p) => p.id)} search={searchParams} loaders={naive} />;
}
