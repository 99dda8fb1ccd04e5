import type { InngestFunction } from 'inngest';
import { parseJobEvent, type AnyJobEvent, type JobEventData } from './events';

/** Inngest flow control a job may ask for; the inline backend ignores all of it (see inline.ts). */
export type InngestJobOptions = Pick<
  InngestFunction.Options,
  'concurrency' | 'debounce' | 'batchEvents' | 'throttle' | 'rateLimit' | 'idempotency' | 'priority' | 'timeouts' | 'singleton'
>;

/** Retries after the first attempt (Inngest's range: 0 to 20). */
export type JobRetries = NonNullable<InngestFunction.Options['retries']>;

/**
 * A background job, as both backends run it: declared in its module's manifest next to the event
 * that triggers it, and listed once there, which is what both the inline backend and the Inngest
 * functions read (lib/modules/registry.ts). The logic (`run`) is a plain, idempotent function of
 * `lib/<module>/jobs.ts`: it may run more than once for one event (retries, a redelivered event,
 * an operator re-running it), so it must converge on the same result.
 */
export interface JobDefinition<E extends AnyJobEvent = AnyJobEvent, R = unknown> {
  /** `<module>/<job>`, e.g. `wishlists/extract-item-metadata`: job_runs.job_name and the metrics route `job:<name>`. */
  name: string;
  description: string;
  /**
   * The event that runs the job. A cron job names its schedule too (UTC, or with a
   * `TZ=Europe/Paris ` prefix); its event's payload must accept `{}`, which is what a
   * scheduled run receives, and the event lets an operator run the job by hand.
   */
  trigger: { event: E; cron?: string };
  /** Retries after the first attempt. Inngest honours all of them; inline caps them (inline.ts). */
  retries: JobRetries;
  /** Flow control for Inngest: concurrency keys, debounce, batching, throttling, priority… */
  inngest?: InngestJobOptions;
  /**
   * For jobs that repeat one statement on purpose, such as a delete in bounded batches: the
   * N+1 guard would otherwise fail them in tests and warn in production. Statements are still
   * counted.
   */
  repeatsStatements?: boolean;
  /** The job logic: plain, idempotent, JSON-serialisable result. */
  run(payload: JobEventData<E>): Promise<R>;
  /** With `inngest.batchEvents`: one call for the whole batch (else `run` once per event, in order). */
  runBatch?(payloads: JobEventData<E>[]): Promise<unknown>;
  /**
   * Once every attempt has failed (both backends): leaves the data in a final state that people
   * can see, instead of a "pending" that never ends. Must not depend on what failed.
   */
  onGaveUp?(payload: JobEventData<E>, error: unknown): Promise<void>;
}

/** Any job, whatever its event and result (method parameters are bivariant). */
export type AnyJobDefinition = JobDefinition<AnyJobEvent, unknown>;

const JOB_NAME = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/;

/** Declares a job; checks what types cannot (the name's form, a cron job's empty payload). */
export function defineJob<E extends AnyJobEvent, R>(job: JobDefinition<E, R>): JobDefinition<E, R> {
  if (!JOB_NAME.test(job.name)) throw new Error(`Job name "${job.name}" must look like <module>/<job> (lowercase, dashes)`);
  if (job.trigger.cron !== undefined) {
    try {
      parseJobEvent(job.trigger.event, {});
    } catch (error) {
      throw new Error(`Cron job "${job.name}": its event "${job.trigger.event.name}" must accept an empty payload ({}): ${(error as Error).message}`);
    }
  }
  return job;
}

/** Inngest function ids are slugs: `people/warm-user-cache` → `people-warm-user-cache`. */
export function inngestFunctionId(jobName: string): string {
  return jobName.replace(/\//g, '-');
}

/** Splits `TZ=Europe/Paris 0 3 * * *` into croner's pattern and timezone. */
export function parseCron(expression: string): { pattern: string; timezone?: string } {
  const match = /^TZ=(\S+)\s+(.+)$/.exec(expression.trim());
  return match ? { pattern: match[2]!, timezone: match[1]! } : { pattern: expression.trim() };
}
