import type { Metadata } from 'next';
import { Suspense } from 'react';
import { AnalysisSkeleton, AnalysisView } from '@/components/sponsors/analysis';
import { markThreadReadAction, sendMessageAction } from '../../actions';

export const metadata: Metadata = { title: 'Plant analysis' };

const actions = { send: sendMessageAction, markRead: markThreadReadAction };

// An analysis the viewer may not see is answered 404 by proxy.ts before anything streams.
export default function AnalysisPage({ params }: PageProps<'/sponsors/analyses/[analysisId]'>) {
  return (
    <Suspense fallback={<AnalysisSkeleton />}>
      <AnalysisView id={params.then((p) => p.analysisId)} actions={actions} />
    </Suspense>
  );
}
