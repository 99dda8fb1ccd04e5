import { APIError } from 'better-auth/api';
import { authHeaders } from '@/lib/security/client-address';
import { fail, invalid, ok, type MutationResult } from '@/lib/validation';
import { auth } from './auth';
import { signInSchema, signUpSchema } from './schemas';

/**
 * The sign-in form. Better Auth's endpoint checks the password through the one limiter
 * (sign-in-hooks.ts), which also sets the known-device cookie on success; a limited attempt
 * comes back as a 429 and is shown with its wait.
 */
export async function signIn(input: unknown, requestHeaders: Headers): Promise<MutationResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await auth.api.signInEmail({ body: parsed.data, headers: authHeaders(requestHeaders) });
    return ok(undefined);
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 429) return fail('forbidden', error.message);
    // One message for unknown e-mail and wrong password: never confirm that an account exists.
    if (error instanceof APIError && (error.statusCode === 401 || error.statusCode === 400)) return fail('invalid', 'Wrong e-mail or password.');
    throw error;
  }
}

export async function signUp(input: unknown, requestHeaders: Headers): Promise<MutationResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  try {
    await auth.api.signUpEmail({ body: parsed.data, headers: authHeaders(requestHeaders) });
    return ok(undefined);
  } catch (error) {
    if (error instanceof APIError && error.statusCode === 422) {
      return fail('conflict', 'An account with this e-mail address already exists. Sign in instead.', { email: 'Already registered.' });
    }
    if (error instanceof APIError && error.statusCode === 400) {
      return fail('invalid', error.message || 'These details were not accepted.');
    }
    throw error;
  }
}

export async function signOut(requestHeaders: Headers): Promise<void> {
  await auth.api.signOut({ headers: requestHeaders });
}
