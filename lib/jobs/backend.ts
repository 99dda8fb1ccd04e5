import { randomUUID } from 'node:crypto';
import { after } from 'next/server';
import { env, type JobsBackend } from '@/lib/env';
import { logger } from '@/lib/metrics/logger';
import { parseJobEvent, type JobEventData, type JobEventName } from './events';
import { enqueueInline } from './inline';

export type { JobsBackend } from '@/lib/env';

/** The configured backend: JOBS_BACKEND, else `inngest` when Inngest is configured, else `inline`. */
export function jobsBackend(): JobsBackend {
  return env().jobsBackend;
}

export type SendEventResult =
  /** ids: the event ids Inngest assigned. */
  | { backend: 'inngest'; ids: string[] }
  /** ids: the event id; runIds: the job_runs rows queued for it (one per triggered job). */
  | { backend: 'inline'; ids: [string]; runIds: string[] };

/** Inngest did not take the event. It may still have been accepted: nothing was run inline. */
export class JobEventSendError extends Error {
  constructor(
    public readonly eventName: string,
    cause: unknown,
  ) {
    super(`Sending the event "${eventName}" to Inngest failed (not run inline: Inngest may have accepted it): ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'JobEventSendError';
  }
}

/**
 * Sends an event of the catalogue, which runs every job it triggers.
 *
 * - The payload is validated first: an invalid one throws InvalidJobEventError and nothing is
 *   sent, queued or written.
 * - `inngest`: `inngest.send`. A failure throws JobEventSendError; it never falls back to
 *   running inline, since Inngest may have accepted the event before the failure.
 * - `inline`: a queued job_runs row per triggered job, then the jobs run after the response
 *   (best effort: see lib/jobs/inline.ts).
 *
 * `options.backend` overrides the configured backend (tests).
 */
export async function sendEvent<N extends JobEventName>(name: N, data: JobEventData<N>, options: { backend?: JobsBackend } = {}): Promise<SendEventResult> {
  const payload = parseJobEvent(name, data);
  const backend = options.backend ?? jobsBackend();
  if (backend === 'inngest') {
    // Loaded on first use: the inline backend never loads the Inngest SDK.
    const { inngest } = await import('@/inngest/client');
    try {
      const { ids } = await inngest.send({ name, data: payload });
      return { backend, ids };
    } catch (error) {
      throw new JobEventSendError(name, error);
    }
  }
  const eventId = randomUUID();
  const runIds = await enqueueInline(name, payload, eventId);
  return { backend, ids: [eventId], runIds };
}

/**
 * sendEvent for paths that must not wait for Inngest nor fail because of it (sign-in): the
 * payload is validated at once (an invalid one throws), then
 * - `inngest`, inside a request: sent after the response, a failure logged;
 * - otherwise: sent now, like sendEvent (the inline backend already runs jobs after the
 *   response; only its job_runs rows are written now).
 */
export async function sendEventAfterResponse<N extends JobEventName>(name: N, data: JobEventData<N>, options: { backend?: JobsBackend } = {}): Promise<void> {
  const payload = parseJobEvent(name, data);
  const backend = options.backend ?? jobsBackend();
  if (backend === 'inngest') {
    const send = async () => {
      try {
        await sendEvent(name, payload, { backend });
      } catch (error) {
        logger.error({ err: error, event: name }, 'job event not sent');
      }
    };
    try {
      after(send);
      return;
    } catch {
      // Outside a request: send now.
    }
  }
  await sendEvent(name, payload, { backend });
}
