import type { Metadata } from 'next';
import { WishlistDashboard } from '@/components/wishlists/dashboard';
import { loadNaiveActivityFeed, loadNaiveActivityStats, loadNaiveDashboard, loadNaiveUpcomingEvents } from '@/lib/wishlists/naive';
import { wishlistSortSchema } from '@/lib/wishlists/schemas';
import { benchOnly } from '../gate';

export const metadata: Metadata = { title: 'Wishlists (naive baseline)' };

const naive = {
  dashboard: benchOnly(loadNaiveDashboard),
  feed: benchOnly(loadNaiveActivityFeed),
  stats: benchOnly(loadNaiveActivityStats),
  upcoming: benchOnly(loadNaiveUpcomingEvents),
};

/**
 * The benchmark's naive baseline of /wishlists (npm run bench; 404 unless BRISK_BENCH=1): the
 * same dashboard component as app/(app)/wishlists/page.tsx, fed by lib/wishlists/naive.ts, so
 * that only the data path differs.
 */
export default function NaiveWishlistsPage({ searchParams }: PageProps<'/bench/naive/wishlists'>) {
  return <WishlistDashboard sort={searchParams.then((params) => wishlistSortSchema.parse(params.sort))} all={searchParams.then((params) => params.all === '1')} loaders={naive} />;
}
