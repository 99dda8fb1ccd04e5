import type { Metadata } from 'next';
import { SponsorAnalyticsDashboard } from '@/components/sponsors/analytics';

export const metadata: Metadata = { title: 'Sponsor analytics' };

// A sponsor the viewer may not see is answered 404 by proxy.ts before anything streams.
export default function SponsorAnalyticsPage({ params, searchParams }: PageProps<'/sponsors/[id]'>) {
  return <SponsorAnalyticsDashboard id={params.then((p) => p.id)} search={searchParams} />;
}
