import { requireViewer } from '@/lib/auth/viewer';
import { pipelineRead } from '@/lib/leads/queries';
import type { LeadStatus } from '@/lib/leads/types';
import type { FormState, MutationResult } from '@/lib/validation';
import { ThresholdForm } from './threshold-form';
import { PipelineBoard } from './pipeline-board';
import { ScoreReasons } from './score';

export interface PipelineActions {
  move: (leadId: string, status: LeadStatus) => Promise<MutationResult<{ status: LeadStatus }>>;
  threshold: (previous: FormState<{ threshold: number }>, formData: FormData) => Promise<FormState<{ threshold: number }>>;
}

/** The pipeline page's content: one cached read (columns, counts, threshold). */
export async function PipelineSection({ actions }: { actions: PipelineActions }) {
  const viewer = await requireViewer();
  const pipeline = await pipelineRead.get(viewer.id);
  return (
    <div className="flex flex-col gap-4">
      <ThresholdForm action={actions.threshold} threshold={pipeline.threshold} />
      <PipelineBoard
        columns={pipeline.columns}
        explanations={Object.fromEntries(pipeline.columns.flatMap((column) => column.leads).map((lead) => [lead.id, <ScoreReasons key={lead.id} reasons={lead.scoreReasons} score={lead.score} />]))}
        move={actions.move}
      />
    </div>
  );
}
