import { z } from 'zod';

/**
 * Every event a job can be triggered by, with the schema of its payload. Event names are
 * `<module>/<noun>.<verb in the past>`; a cron job has an event of its own too, so that an
 * operator can run it by hand (`sendEvent('ops/daily-cleanup.requested', {})`).
 *
 * Schemas must not transform (no `.default()`, `.transform()`, coercion): Inngest refuses
 * schemas whose input and output types differ, and the payload stored in job_runs is what
 * was sent.
 */
export const jobEvents = {
  /** A user opened a session (sign-in, or sign-up with auto sign-in). */
  'people/user.signed-in': z.object({ userId: z.string().min(1) }),
  /** An item was saved with a new link: read the page for its details. */
  'wishlists/item.url-added': z.object({ itemId: z.guid() }),
  /** Someone in this user's circle changed something: their weekly stats are out of date. */
  'wishlists/activity-stats.stale': z.object({ userId: z.string().min(1) }),
  /** The daily cleanup is due (cron) or was requested. */
  'ops/daily-cleanup.requested': z.object({}),
} as const;

export type JobEventName = keyof typeof jobEvents;
export type JobEventData<N extends JobEventName> = z.output<(typeof jobEvents)[N]>;

export function isJobEventName(name: string): name is JobEventName {
  return Object.hasOwn(jobEvents, name);
}

/** An event that is not in the catalogue, or whose payload does not match its schema. */
export class InvalidJobEventError extends Error {
  constructor(
    public readonly eventName: string,
    public readonly issues: string[],
  ) {
    super(`Invalid job event "${eventName}": ${issues.join('; ')}`);
    this.name = 'InvalidJobEventError';
  }
}

/** Validates an event's payload against the catalogue. Throws InvalidJobEventError. */
export function parseJobEvent<N extends JobEventName>(name: N, data: unknown): JobEventData<N> {
  if (!isJobEventName(name)) {
    throw new InvalidJobEventError(String(name), [`no such event (known: ${Object.keys(jobEvents).join(', ')})`]);
  }
  const result = jobEvents[name].safeParse(data);
  if (!result.success) {
    throw new InvalidJobEventError(
      name,
      result.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`),
    );
  }
  return result.data as JobEventData<N>;
}
