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

/**
 * Whether a server action's last argument is the form it expects. A client can call an action
 * with any arguments (Next decodes them from the request body), so a form action checks this
 * before reading fields and answers NOT_A_FORM otherwise.
 */
export const isFormData = (value: unknown): value is FormData => value instanceof FormData;

export const notAForm = (): MutationFailure => fail('invalid', 'The form did not arrive as a form: reload the page and send it again.');

/** The named fields of a submitted form, as strings (absent fields are empty; so is every field of something that is not a form). */
export function formValues(formData: unknown, fields: readonly string[]): Record<string, string> {
  const form = isFormData(formData) ? formData : null;
  return Object.fromEntries(fields.map((field) => [field, String(form?.get(field) ?? '')]));
}

/**
 * Whether text can be stored as it was sent: PostgreSQL's text cannot hold NUL (the write fails),
 * and a lone surrogate is not Unicode at all (UTF-8 encoders silently store U+FFFD instead).
 */
export const isStorableText = (value: string): boolean => !value.includes('\u0000') && value.isWellFormed();

export const UNSTORABLE_TEXT = 'This text contains a character that cannot be stored (a NUL or half of an emoji): remove it and try again.';

/**
 * The schema of text people send (names, descriptions, notes, links): a string PostgreSQL can
 * store as it is (isStorableText), refused with a message otherwise. Chain `.trim()`, `.min()`,
 * `.max()` as on `z.string()`.
 */
export const text = (message?: string) => z.string(message).refine(isStorableText, UNSTORABLE_TEXT);

/** Ids in URLs and forms: anything that is not a UUID names nothing (a 404, never a 500). */
// Any 8-4-4-4-12 hex id, as PostgreSQL's uuid type accepts (seeded ids are md5-derived, not RFC 4122).
export const uuidSchema = z.guid('Not a valid id.');
export const isUuid = (value: unknown): value is string => uuidSchema.safeParse(value).success;
