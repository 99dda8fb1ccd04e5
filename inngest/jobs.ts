import { NonRetriableError } from 'inngest';
import { logger } from '@/lib/metrics/logger';
import { inngestFunctionId, type JobDefinition } from '@/lib/jobs/define';
import { parseJobEvent, type AnyJobEvent } from '@/lib/jobs/events';
import {
  inngestRunRowId,
  markAttemptFailed,
  markInngestRunFailed,
  markSucceeded,
  runGaveUp,
  runJobLogic,
  runMeasuredAttempt,
  upsertInngestRunning,
} from '@/lib/jobs/runs';
import { eventType } from 'inngest';
import { inngest } from './client';

const SCHEDULED = 'inngest/scheduled.timer';

/**
 * Wraps a job definition in an Inngest function: its event (and cron) as triggers, its retries
 * and flow control, and its logic in one `step.run` (retried by Inngest; each attempt is one
 * measured request and updates the run's job_runs row). When Inngest gives up, onFailure
 * marks the row failed even if the logic never started (e.g. an event that failed validation).
 */
export function createJobFunction<E extends AnyJobEvent, R>(job: JobDefinition<E, R>) {
  // The event's schema as an Inngest trigger: the SDK validates incoming payloads with it too.
  const event = eventType(job.trigger.event.name, { schema: job.trigger.event.schema });
  const triggers = job.trigger.cron ? [{ event }, { cron: job.trigger.cron }] : [{ event }];
  return inngest.createFunction(
    {
      id: inngestFunctionId(job.name),
      name: job.name,
      description: job.description,
      retries: job.retries,
      triggers,
      ...job.inngest,
      onFailure: async ({ event, error }) => {
        const original = event.data.event;
        await markInngestRunFailed(inngestRunRowId(event.data.run_id), {
          jobName: job.name,
          eventId: original.id ?? null,
          payload: original.data,
          error,
        });
        // The job's own final state, for a payload that was valid (an invalid one changed nothing).
        let payload: unknown;
        try {
          payload = parseJobEvent(job.trigger.event, (original.name as string) === SCHEDULED ? {} : original.data);
        } catch {
          return;
        }
        await runGaveUp(job, [payload], error);
      },
    },
    async ({ event, events: batch, step, runId, attempt, maxAttempts }) => {
      // A scheduled run gets Inngest's timer event: the job's payload is then `{}`.
      const payloads = batch.map((e) => parseJobEvent(job.trigger.event, (e.name as string) === SCHEDULED ? {} : e.data));
      const rowId = inngestRunRowId(runId);
      const number = attempt + 1;
      const attempts = maxAttempts ?? job.retries + 1;
      return step.run(job.name, async () => {
        await upsertInngestRunning(rowId, {
          jobName: job.name,
          eventId: event.id ?? null,
          payload: payloads.length === 1 ? payloads[0] : payloads,
          attempt: number,
          queuedAt: typeof event.ts === 'number' ? new Date(event.ts) : new Date(),
          startedAt: new Date(),
        });
        const outcome = await runMeasuredAttempt(job, () => runJobLogic(job, payloads));
        if (outcome.ok) {
          await markSucceeded(rowId, outcome.durationMs);
          return outcome.result;
        }
        // Inngest does not retry a NonRetriableError: this attempt is the last.
        const final = number >= attempts || outcome.error instanceof NonRetriableError;
        await markAttemptFailed(rowId, outcome.error, final, outcome.durationMs);
        logger[final ? 'error' : 'warn']({ job: job.name, runId, attempt: number, of: attempts, err: outcome.error }, 'job attempt failed');
        throw outcome.error;
      });
    },
  );
}
