import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LeadsHeader } from '@/components/leads/header';
import { MentionsBrowser } from '@/components/leads/mentions';
import { RowsSkeletonOf } from '@/components/leads/views';
import { deleteMentionAction, moveMentionAction, promoteMentionAction } from '../actions';

export const metadata: Metadata = { title: 'Mentions · Leads' };

export default function MentionsPage({ searchParams }: PageProps<'/leads/mentions'>) {
  return (
    <div className="flex flex-col gap-6">
      <LeadsHeader title="Mentions" current="/leads/mentions" />
      <Suspense fallback={<RowsSkeletonOf rows={8} rowClass="h-28" />}>
        <MentionsBrowser searchParams={searchParams} actions={{ promote: promoteMentionAction, move: moveMentionAction, remove: deleteMentionAction }} />
      </Suspense>
    </div>
  );
}
