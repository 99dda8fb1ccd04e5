import { after } from 'next/server';
import { processGlobal } from '@/lib/process-global';
import { newRequestMetrics, runWithMetrics } from '@/lib/metrics/context';
import { logger } from '@/lib/metrics/logger';
import type { AnyJobDefinition } from './define';
import { jobsForEvent } from '@/lib/modules/registry';
import { createQueuedRuns, markAttemptFailed, markRunning, markSucceeded, runGaveUp, runJobLogic, runMeasuredAttempt } from './runs';

/**
 * The inline backend: jobs run in this process, after the response has been sent (Next's
 * `after()`), or on the next turn of the event loop outside a request (scripts, tests, crons),
 * with a small retry loop.
 *
 * BEST EFFORT. Nothing is persisted but the job_runs row: a job queued or retrying when the
 * process stops (deploy, crash, scale-in) is lost and its row stays queued/running until the
 * daily cleanup removes it. Inngest's flow control (concurrency, debounce, batching,
 * throttling, priority) does not apply: every event runs every job it triggers, at once.
 * Use the Inngest backend where a lost or duplicated run matters.
 */
export interface InlineJobOptions {
  /** Attempts at most, whatever a job's `retries` say (Inngest honours those in full). */
  maxAttempts: number;
  /** Wait before retry n: backoffMs × 2^(n−1). */
  backoffMs: number;
}

const DEFAULTS: InlineJobOptions = { maxAttempts: 3, backoffMs: 500 };
// Per process, not per bundle (lib/process-global.ts): every route enqueues into the same set.
const state = processGlobal('inlineJobs', () => ({ options: { ...DEFAULTS }, pending: new Set<Promise<void>>() }));
const pending = state.pending;

/** Tunes the retry loop (tests use a tiny backoff). Returns a function that restores the defaults. */
export function configureInlineJobs(overrides: Partial<InlineJobOptions>): () => void {
  state.options = { ...state.options, ...overrides };
  return () => {
    state.options = { ...DEFAULTS };
  };
}

/** Resolves once every inline job scheduled so far (and any they schedule) has finished. */
export async function settleInlineJobs(): Promise<void> {
  while (pending.size > 0) await Promise.all([...pending]);
}

/**
 * Queues the runs of every job these events trigger (the job_runs rows of all of them in one
 * statement, written before this returns) and schedules them. The payloads were validated by
 * the caller.
 */
export async function enqueueInline(events: readonly { name: string; data: unknown; id: string }[]): Promise<string[]> {
  const runs = events.flatMap((event) => jobsForEvent(event.name).map((job) => ({ job, payload: event.data, eventId: event.id as string | null })));
  const { runIds } = await queue(runs);
  return runIds;
}

/** Runs a scheduled job (the inline cron timer): resolves when the run has finished. */
export async function runCronInline(job: AnyJobDefinition): Promise<string> {
  const { runIds, done } = await queue([{ job, payload: {}, eventId: null }]);
  await done;
  return runIds[0]!;
}

interface PlannedRun {
  job: AnyJobDefinition;
  payload: unknown;
  eventId: string | null;
}

async function queue(planned: PlannedRun[]): Promise<{ runIds: string[]; done: Promise<unknown> }> {
  const rows = await createQueuedRuns(planned.map((run) => ({ jobName: run.job.name, backend: 'inline', eventId: run.eventId, payload: run.payload })));
  const done = rows.map((row, index) => {
    const { job, payload } = planned[index]!;
    return schedule(job.name, () => runInline(job, row.id, payload));
  });
  return { runIds: rows.map((row) => row.id), done: Promise.all(done) };
}

function schedule(jobName: string, task: () => Promise<void>): Promise<void> {
  let settle!: () => void;
  const done = new Promise<void>((resolve) => (settle = resolve));
  pending.add(done);
  const go = async () => {
    try {
      // Out of the caller's request: the bookkeeping statements are not that request's, and
      // the job's own statements are counted by runMeasuredAttempt.
      await runWithMetrics(newRequestMetrics(`job-runner:${jobName}`, 'task'), task);
    } catch (error) {
      logger.error({ err: error, job: jobName }, 'inline job: bookkeeping failed');
    } finally {
      pending.delete(done);
      settle();
    }
  };
  try {
    // Inside a request: once the response has been sent (the platform keeps the function alive).
    after(go);
  } catch {
    // Outside a request (`after` throws): on the next turn of the event loop.
    setImmediate(() => void go());
  }
  return done;
}

/** The retry loop of one run. Throws only when job_runs cannot be written. */
export async function runInline(job: AnyJobDefinition, runId: string, payload: unknown): Promise<void> {
  const attempts = Math.min(job.retries, state.options.maxAttempts - 1) + 1;
  for (let attempt = 1; ; attempt++) {
    await markRunning(runId, attempt, new Date());
    const outcome = await runMeasuredAttempt(job, () => runJobLogic(job, [payload]));
    if (outcome.ok) {
      await markSucceeded(runId, outcome.durationMs);
      return;
    }
    // Inngest's NonRetriableError means the same here (matched by name: the SDK is not loaded inline).
    const final = attempt >= attempts || (outcome.error as Error | undefined)?.name === 'NonRetriableError';
    await markAttemptFailed(runId, outcome.error, final, outcome.durationMs);
    const log = { job: job.name, runId, attempt, of: attempts, err: outcome.error };
    if (final) {
      logger.error(log, 'inline job failed');
      await runGaveUp(job, [payload], outcome.error);
      return;
    }
    logger.warn(log, 'inline job attempt failed; retrying');
    await new Promise((resolve) => setTimeout(resolve, state.options.backoffMs * 2 ** (attempt - 1)));
  }
}
