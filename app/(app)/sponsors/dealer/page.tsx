import type { Metadata } from 'next';
import { DealerPage } from '@/components/sponsors/pages';
import { distributeCodeAction } from '../actions';

export const metadata: Metadata = { title: 'Codes in your hands' };

export default function DealerCodesPage({ searchParams }: PageProps<'/sponsors/dealer'>) {
  return <DealerPage search={searchParams} distribute={distributeCodeAction} />;
}
