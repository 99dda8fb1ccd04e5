import type { Metadata } from 'next';
import { SponsorAnalysesPage } from '@/components/sponsors/pages';

export const metadata: Metadata = { title: 'Sponsored analyses' };

export default function AnalysesPage({ params, searchParams }: PageProps<'/sponsors/[id]/analyses'>) {
  return <SponsorAnalysesPage id={params.then((p) => p.id)} search={searchParams} />;
}
