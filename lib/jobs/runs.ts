import { createHash, randomUUID } from 'node:crypto';
import { prisma } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { logger } from '@/lib/metrics/logger';
import { measure } from '@/lib/metrics/request';
import type { AnyJobDefinition } from './define';

/**
 * job_runs: one row per run of a job, written by both backends and read by the ops console.
 *
 *   queued ──► running ──► succeeded
 *     ▲           │
 *     └─ retry ◄──┤ (error kept, attempt n)
 *                 └──────► failed (error of the last attempt)
 *
 * - attempt: the attempt in progress or last made (1-based); 0 while first queued.
 * - started_at: the start of the first attempt; finished_at: when it succeeded or gave up.
 * - duration_ms: the run time of the last attempt (finished_at − started_at also counts the
 *   waits between retries).
 * - error: the last attempt's error while retrying or failed; cleared on success.
 *
 * The Inngest backend has no queued phase here: its row appears when the first attempt
 * starts (queued_at is the event's time), since Inngest queues, debounces and batches events
 * out of our sight.
 */
export type JobBackendName = 'inngest' | 'inline';

const MAX_ERROR_LENGTH = 2_000;

export function errorMessage(error: unknown): string {
  const message =
    error instanceof Error ? (error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message) : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH - 1)}…` : message;
}

/** JSON for the payload column (job payloads are validated plain objects). */
export function payloadJson(payload: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(payload ?? {})) as Prisma.InputJsonValue;
}

/**
 * The rows of queued runs, in one statement however many (the jobs of several events), in the
 * order given.
 */
export async function createQueuedRuns(runs: readonly { jobName: string; backend: JobBackendName; eventId: string | null; payload: unknown }[]): Promise<{ id: string }[]> {
  if (runs.length === 0) return [];
  const data = runs.map((run) => ({ id: randomUUID(), jobName: run.jobName, backend: run.backend, eventId: run.eventId, status: 'queued' as const, attempt: 0, payload: payloadJson(run.payload) }));
  await prisma.jobRun.createMany({ data });
  return data.map((row) => ({ id: row.id }));
}

export async function markRunning(id: string, attempt: number, startedAt: Date): Promise<void> {
  await prisma.jobRun.update({
    where: { id },
    data: { status: 'running', attempt, ...(attempt === 1 ? { startedAt } : {}) },
  });
}

export async function markSucceeded(id: string, durationMs: number): Promise<void> {
  await prisma.jobRun.update({
    where: { id },
    data: { status: 'succeeded', error: null, finishedAt: new Date(), durationMs: Math.round(durationMs) },
  });
}

/** A failed attempt: back to queued for a retry, or failed for good. */
export async function markAttemptFailed(id: string, error: unknown, final: boolean, durationMs: number): Promise<void> {
  await prisma.jobRun.update({
    where: { id },
    data: final
      ? { status: 'failed', error: errorMessage(error), finishedAt: new Date(), durationMs: Math.round(durationMs) }
      : { status: 'queued', error: errorMessage(error), durationMs: Math.round(durationMs) },
  });
}

/**
 * The row of an Inngest run. Its id is derived from Inngest's run id, so that every attempt
 * (each its own HTTP request, possibly on another instance) finds the same row.
 */
export function inngestRunRowId(runId: string): string {
  const hex = createHash('sha256').update(`inngest-run:${runId}`).digest('hex');
  // An RFC 9562 version 8 (custom) UUID.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An Inngest attempt starts: create the run's row on the first attempt, update it after. */
export async function upsertInngestRunning(
  id: string,
  input: { jobName: string; eventId: string | null; payload: unknown; attempt: number; queuedAt: Date; startedAt: Date },
): Promise<void> {
  await prisma.jobRun.upsert({
    where: { id },
    create: {
      id,
      jobName: input.jobName,
      backend: 'inngest',
      eventId: input.eventId,
      status: 'running',
      attempt: input.attempt,
      payload: payloadJson(input.payload),
      queuedAt: input.queuedAt,
      startedAt: input.startedAt,
    },
    update: { status: 'running', attempt: input.attempt },
  });
}

/** Inngest gave up on a run (its onFailure handler): the row says failed, whatever it said. */
export async function markInngestRunFailed(id: string, input: { jobName: string; eventId: string | null; payload: unknown; error: unknown }): Promise<void> {
  const now = new Date();
  await prisma.jobRun.upsert({
    where: { id },
    create: {
      id,
      jobName: input.jobName,
      backend: 'inngest',
      eventId: input.eventId,
      status: 'failed',
      attempt: 0,
      payload: payloadJson(input.payload),
      error: errorMessage(input.error),
      queuedAt: now,
      finishedAt: now,
    },
    update: { status: 'failed', error: errorMessage(input.error), finishedAt: now },
  });
}

export type AttemptOutcome<R> = { ok: true; result: R; durationMs: number } | { ok: false; error: unknown; durationMs: number };

/**
 * Runs one attempt of a job's logic as one measured request (`job:<name>`): its statements are
 * counted, it appears in the per-route metrics, and the N+1 guard applies unless the job
 * repeats a statement on purpose (an N+1 fails the attempt in tests, like any error).
 */
export async function runMeasuredAttempt<R>(job: AnyJobDefinition, fn: () => Promise<R>): Promise<AttemptOutcome<R>> {
  const route = `job:${job.name}`;
  const started = performance.now();
  try {
    const { result, sample } = await measure(route, 'job', fn, { repeatsStatements: job.repeatsStatements });
    return { ok: true, result, durationMs: sample.durationMs };
  } catch (error) {
    return { ok: false, error, durationMs: performance.now() - started };
  }
}

/** The job's logic for the payloads of one run: one event, or an Inngest batch. */
export async function runJobLogic(job: AnyJobDefinition, payloads: readonly unknown[]): Promise<unknown> {
  if (payloads.length === 1) return job.run(payloads[0] as never);
  if (job.runBatch) return job.runBatch(payloads as never[]);
  const results: unknown[] = [];
  for (const payload of payloads) results.push(await job.run(payload as never));
  return results;
}

/** After the last failed attempt: the job's onGaveUp for each payload. Never throws (it is logged). */
export async function runGaveUp(job: AnyJobDefinition, payloads: readonly unknown[], error: unknown): Promise<void> {
  if (!job.onGaveUp) return;
  for (const payload of payloads) {
    try {
      await job.onGaveUp(payload as never, error);
    } catch (failure) {
      logger.error({ job: job.name, err: failure }, 'job: onGaveUp failed');
    }
  }
}
