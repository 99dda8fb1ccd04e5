import type { Metadata } from 'next';
import { FarmerAnalysesPage } from '@/components/sponsors/pages';
import { requestAnalysisAction } from '../actions';

export const metadata: Metadata = { title: 'My analyses' };

export default function MyAnalysesPage({ searchParams }: PageProps<'/sponsors/analyses'>) {
  return <FarmerAnalysesPage search={searchParams} request={requestAnalysisAction} />;
}
