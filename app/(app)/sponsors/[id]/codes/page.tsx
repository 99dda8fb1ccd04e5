import type { Metadata } from 'next';
import { SponsorCodesPage } from '@/components/sponsors/pages';
import { assignCodesAction, distributeCodeAction, generateCodesAction } from '../../actions';

export const metadata: Metadata = { title: 'Sponsorship codes' };

const actions = { generate: generateCodesAction, assign: assignCodesAction, distribute: distributeCodeAction };

export default function CodesPage({ params, searchParams }: PageProps<'/sponsors/[id]/codes'>) {
  return <SponsorCodesPage id={params.then((p) => p.id)} search={searchParams} actions={actions} />;
}
