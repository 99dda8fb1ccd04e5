import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LeadsHeader } from '@/components/leads/header';
import { PipelineSection } from '@/components/leads/pipeline';
import { RowsSkeletonOf } from '@/components/leads/views';
import { setLeadStatusAction, setThresholdAction } from '../actions';

export const metadata: Metadata = { title: 'Pipeline · Leads' };

export default function PipelinePage() {
  return (
    <div className="flex flex-col gap-6">
      <LeadsHeader title="Pipeline" current="/leads/pipeline" />
      <Suspense fallback={<RowsSkeletonOf rows={8} rowClass="h-20" />}>
        <PipelineSection actions={{ move: setLeadStatusAction, threshold: setThresholdAction }} />
      </Suspense>
    </div>
  );
}
