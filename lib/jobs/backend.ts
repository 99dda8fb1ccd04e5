import { randomUUID } from 'node:crypto';
import { after } from 'next/server';
import { env, type JobsBackend } from '@/lib/env';
import { logger } from '@/lib/metrics/logger';
import { parseJobEvent, type AnyJobEvent, type JobEventData } from './events';
import { enqueueInline } from './inline';

export type { JobsBackend } from '@/lib/env';

/** The configured backend: JOBS_BACKEND, else `inngest` when Inngest is configured, else `inline`. */
export function jobsBackend(): JobsBackend {
  return env().jobsBackend;
}

/** One event to send: the event and its payload. */
export interface OutgoingEvent<E extends AnyJobEvent = AnyJobEvent> {
  event: E;
  data: JobEventData<E>;
}

/** Pairs an event with its payload, typed (for sendEvents). */
export const outgoing = <E extends AnyJobEvent>(event: E, data: JobEventData<E>): OutgoingEvent => ({ event, data });

export type SendEventsResult =
  /** ids: the event ids Inngest assigned, in order. */
  | { backend: 'inngest'; ids: string[] }
  /** ids: an event id per event, in order; runIds: the job_runs rows queued (one per triggered job). */
  | { backend: 'inline'; ids: string[]; runIds: string[] };

/** Inngest did not take the events. They may still have been accepted: nothing was run inline. */
export class JobEventSendError extends Error {
  constructor(
    public readonly eventNames: string[],
    cause: unknown,
  ) {
    super(
      `Sending ${eventNames.map((name) => `"${name}"`).join(', ')} to Inngest failed (not run inline: Inngest may have accepted it): ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'JobEventSendError';
  }
}

/**
 * Sends events, which run every job they trigger, in one call whatever their number (a write
 * that concerns twenty friends sends twenty events in one request to Inngest, or queues their
 * job_runs rows in one statement).
 *
 * - Every payload is validated first: an invalid one throws InvalidJobEventError and nothing is
 *   sent, queued or written.
 * - `inngest`: one `inngest.send`. A failure throws JobEventSendError; it never falls back to
 *   running inline, since Inngest may have accepted the events before the failure.
 * - `inline`: the job_runs rows of every triggered job in one statement, then the jobs run after
 *   the response (best effort: see lib/jobs/inline.ts).
 *
 * `options.backend` overrides the configured backend (tests).
 */
export async function sendEvents(events: readonly OutgoingEvent[], options: { backend?: JobsBackend } = {}): Promise<SendEventsResult> {
  const payloads = events.map(({ event, data }) => ({ name: event.name, data: parseJobEvent(event, data) as Record<string, unknown> }));
  const backend = options.backend ?? jobsBackend();
  if (payloads.length === 0) return backend === 'inngest' ? { backend, ids: [] } : { backend, ids: [], runIds: [] };
  if (backend === 'inngest') {
    // Loaded on first use: the inline backend never loads the Inngest SDK.
    const { inngest } = await import('@/inngest/client');
    try {
      const { ids } = await inngest.send(payloads);
      return { backend, ids };
    } catch (error) {
      throw new JobEventSendError(
        payloads.map((p) => p.name),
        error,
      );
    }
  }
  const withIds = payloads.map((payload) => ({ ...payload, id: randomUUID() }));
  const runIds = await enqueueInline(withIds);
  return { backend, ids: withIds.map((p) => p.id), runIds };
}

/** Sends one event: sendEvents with a list of one. */
export function sendEvent<E extends AnyJobEvent>(event: E, data: JobEventData<E>, options: { backend?: JobsBackend } = {}): Promise<SendEventsResult> {
  return sendEvents([{ event, data }], options);
}

/**
 * sendEvent for paths that must not wait for Inngest nor fail because of it (sign-in): the
 * payload is validated at once (an invalid one throws), then
 * - `inngest`, inside a request: sent after the response, a failure logged;
 * - otherwise: sent now, like sendEvent (the inline backend already runs jobs after the
 *   response; only its job_runs rows are written now).
 */
export async function sendEventAfterResponse<E extends AnyJobEvent>(event: E, data: JobEventData<E>, options: { backend?: JobsBackend } = {}): Promise<void> {
  const payload = parseJobEvent(event, data);
  const backend = options.backend ?? jobsBackend();
  if (backend === 'inngest') {
    const send = async () => {
      try {
        await sendEvent(event, payload, { backend });
      } catch (error) {
        logger.error({ err: error, event: event.name }, 'job event not sent');
      }
    };
    try {
      after(send);
      return;
    } catch {
      // Outside a request: send now.
    }
  }
  await sendEvent(event, payload, { backend });
}
