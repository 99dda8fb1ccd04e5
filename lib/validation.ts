import { z } from 'zod';

/**
 * The outcome of a write a person asked for: success with a value, or a message and the
 * fields at fault. `code` lets callers map it (a missing record is a 404 in the API).
 */
export type MutationResult<T = undefined> =
  | { ok: true; value: T }
  | { ok: false; code: 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'unavailable'; message: string; fieldErrors: Record<string, string> };

export type MutationFailure = Extract<MutationResult, { ok: false }>;

export const ok = <T>(value: T): MutationResult<T> => ({ ok: true, value });

export function fail(code: MutationFailure['code'], message: string, fieldErrors: Record<string, string> = {}): MutationFailure {
  return { ok: false, code, message, fieldErrors };
}

/** A zod error as a form failure: the first message of each field. */
export function invalid(error: z.ZodError): MutationFailure {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
  return fail('invalid', 'Please correct the highlighted fields.', fieldErrors);
}

/** What a form shows after a submission: the result, and the values to put back in the fields. */
export type FormState<T = undefined> = (MutationResult<T> & { values?: Record<string, string> }) | null;

/** The named fields of a submitted form, as strings (absent fields are empty). */
export function formValues(formData: FormData, fields: readonly string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, String(formData.get(field) ?? '')]));
}

/** Ids in URLs and forms: anything that is not a UUID names nothing (a 404, never a 500). */
// Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts (seeded ids are md5-derived, not RFC 4122).
export const uuidSchema = z.guid('Not a valid id.');
export const isUuid = (value: unknown): value is string => uuidSchema.safeParse(value).success;
