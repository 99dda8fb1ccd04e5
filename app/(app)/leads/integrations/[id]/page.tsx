import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LeadsHeader } from '@/components/leads/header';
import { SourceDetail } from '@/components/leads/integrations';
import { RowsSkeletonOf } from '@/components/leads/views';
import { removeIntegrationAction, searchNowAction, setIntegrationStatusAction } from '../../actions';

export const metadata: Metadata = { title: 'Source · Leads' };

const actions = { searchNow: searchNowAction, setStatus: setIntegrationStatusAction, remove: removeIntegrationAction };

// Another person's source is answered 404 by proxy.ts before anything streams.
export default function SourcePage({ params }: PageProps<'/leads/integrations/[id]'>) {
  return (
    <div className="flex flex-col gap-6">
      <LeadsHeader title="Source" current="/leads/integrations" />
      <Suspense fallback={<RowsSkeletonOf rows={10} rowClass="h-8" />}>
        <SourceDetail id={params.then((p) => p.id)} actions={actions} />
      </Suspense>
    </div>
  );
}
