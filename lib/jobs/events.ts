import type { z } from 'zod';

/**
 * A job event: its name and the schema of its payload. Each is declared once, by the module
 * (or platform part) that sends it, with `defineEvent`, and referenced as a value by the code
 * that sends it (`sendEvent(itemUrlAdded, { itemId })`) and by the jobs it triggers, so a
 * payload and its handlers can never disagree about a name.
 *
 * Names are `<module>/<noun>.<verb in the past>`; a cron job has an event of its own too, so that
 * an operator can run it by hand. Schemas must not transform (no `.default()`, `.transform()`,
 * coercion): Inngest refuses schemas whose input and output types differ, and the payload
 * stored in job_runs is what was sent.
 */
/** A payload is an object (Inngest's events carry `data` objects). */
export type EventSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

export interface JobEvent<N extends string = string, S extends EventSchema = EventSchema> {
  readonly name: N;
  readonly schema: S;
}

export type AnyJobEvent = JobEvent<string, EventSchema>;
export type JobEventData<E extends AnyJobEvent> = z.output<E['schema']>;

const EVENT_NAME = /^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

export function defineEvent<N extends string, S extends EventSchema>(name: N, schema: S): JobEvent<N, S> {
  if (!EVENT_NAME.test(name)) throw new Error(`Event name "${name}" must look like <module>/<noun>.<verb> (lowercase, dashes)`);
  return { name, schema };
}

/** An event whose payload does not match its schema. */
export class InvalidJobEventError extends Error {
  constructor(
    public readonly eventName: string,
    public readonly issues: string[],
  ) {
    super(`Invalid job event "${eventName}": ${issues.join('; ')}`);
    this.name = 'InvalidJobEventError';
  }
}

/** Validates an event's payload against its schema. Throws InvalidJobEventError. */
export function parseJobEvent<E extends AnyJobEvent>(event: E, data: unknown): JobEventData<E> {
  const result = event.schema.safeParse(data);
  if (!result.success) {
    throw new InvalidJobEventError(
      event.name,
      result.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`),
    );
  }
  return result.data as JobEventData<E>;
}
