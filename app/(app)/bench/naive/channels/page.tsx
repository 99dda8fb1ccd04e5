import type { Metadata } from 'next';
import { ChannelsDashboard } from '@/components/channels/dashboard';
import { loadNaiveChannelList, loadNaiveDashboardDaily, loadNaiveDashboardTopPosts, loadNaiveSubscription } from '@/lib/channels/naive';
import { periodParamSchema } from '@/lib/channels/schemas';
import type { Period } from '@/lib/channels/types';
import { benchOnly } from '../gate';

export const metadata: Metadata = { title: 'Channels (naive baseline)' };

const naive = {
  list: benchOnly((viewerId: string, period: Period) => loadNaiveChannelList(viewerId, period)),
  daily: benchOnly((viewerId: string, period: Period) => loadNaiveDashboardDaily(viewerId, period)),
  topPosts: benchOnly((viewerId: string, period: Period) => loadNaiveDashboardTopPosts(viewerId, period)),
  subscription: benchOnly((viewerId: string) => loadNaiveSubscription(viewerId)),
};

/**
 * The benchmark's naive baseline of /channels (npm run bench; 404 unless BRISK_BENCH=1): the same
 * dashboard component as app/(app)/channels/page.tsx, fed by lib/channels/naive.ts (plan 002's
 * "before": post_metrics aggregated on every request, nothing cached), so that only the data path differs.
 */
export default function NaiveChannelsPage({ searchParams }: PageProps<'/bench/naive/channels'>) {
  return <ChannelsDashboard period={searchParams.then((params) => periodParamSchema.parse(params.period))} loaders={naive} />;
}
