import { Cron } from 'croner';
import { processGlobal } from '@/lib/process-global';
import { logger } from '@/lib/metrics/logger';
import { jobsBackend } from './backend';
import { cronJobs } from '@/lib/modules/registry';
import { parseCron } from './define';
import { runCronInline } from './inline';

/**
 * The inline backend's crons: an in-process timer per cron job, started once per server
 * process by instrumentation.ts. With Inngest, Inngest runs the crons and this starts nothing.
 *
 * Every process runs them: with several instances a cron job runs once per instance (jobs are
 * idempotent, so that only costs work). A run that is still going when the next is due is
 * skipped (`protect`). Schedules are UTC unless they start with `TZ=<zone> `, as with Inngest.
 */
const inline = processGlobal('inlineCrons', () => ({ started: undefined as Cron[] | undefined }));

export async function startInlineCrons(): Promise<Cron[]> {
  if (inline.started) return inline.started;
  if (jobsBackend() !== 'inline') return [];
  const crons = cronJobs().map((job) => {
    const { pattern, timezone } = parseCron(job.trigger.cron!);
    return new Cron(
      pattern,
      {
        name: `brisk:${job.name}`,
        timezone: timezone ?? 'Etc/UTC',
        protect: (cron) => logger.warn({ job: job.name, startedAt: cron.currentRun() }, 'inline cron: previous run still going; skipped'),
        // The server keeps the process alive; the timers alone must not.
        unref: true,
        catch: (error) => logger.error({ err: error, job: job.name }, 'inline cron: could not run the job'),
      },
      async () => {
        await runCronInline(job);
      },
    );
  });
  inline.started = crons;
  logger.info({ crons: crons.map((cron) => ({ name: cron.name, next: cron.nextRun()?.toISOString() })) }, 'inline crons started');
  return crons;
}

/** The crons this process runs (none until started, and with Inngest). */
export function inlineCrons(): readonly Cron[] {
  return inline.started ?? [];
}

export function stopInlineCrons(): void {
  for (const cron of inline.started ?? []) cron.stop();
  inline.started = undefined;
}
