import { APIError } from 'better-auth/api';
import { z } from 'zod';
import { auth } from './auth';
import { signInSchema, signUpSchema } from './schemas';

/** The result of a form submission: field errors and a form-level message, or success. */
export type FormResult = { ok: true } | { ok: false; message: string; fieldErrors: Record<string, string> };

function invalid(error: z.ZodError): FormResult {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors };
}

export async function signIn(input: unknown, requestHeaders: Headers): Promise<FormResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await auth.api.signInEmail({ body: parsed.data, headers: requestHeaders });
    return { ok: true };
  } catch (error) {
    // One message for unknown e-mail and wrong password: never confirm that an account exists.
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) {
      return { ok: false, message: 'Wrong e-mail or password.', fieldErrors: {} };
    }
    throw error;
  }
}

export async function signUp(input: unknown, requestHeaders: Headers): Promise<FormResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await auth.api.signUpEmail({ body: parsed.data, headers: requestHeaders });
    return { ok: true };
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 422) {
      return { ok: false, message: 'An account with this e-mail address already exists. Sign in instead.', fieldErrors: { email: 'Already registered.' } };
    }
    if (error instanceof APIError && error.statusCode === 400) {
      return { ok: false, message: error.message || 'These details were not accepted.', fieldErrors: {} };
    }
    throw error;
  }
}

export async function signOut(requestHeaders: Headers): Promise<void> {
  await auth.api.signOut({ headers: requestHeaders });
}
