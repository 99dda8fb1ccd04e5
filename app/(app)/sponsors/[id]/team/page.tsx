import type { Metadata } from 'next';
import { SponsorTeamPage } from '@/components/sponsors/pages';
import { addDealerAction, addMemberAction, removeMemberAction } from '../../actions';

export const metadata: Metadata = { title: 'Sponsor team' };

const actions = { addMember: addMemberAction, removeMember: removeMemberAction, addDealer: addDealerAction };

export default function TeamPage({ params }: PageProps<'/sponsors/[id]/team'>) {
  return <SponsorTeamPage id={params.then((p) => p.id)} actions={actions} />;
}
