'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { changePassword, deleteAccount, type PasswordChanged } from '@/lib/accounts/mutations';
import { signOut } from '@/lib/auth/mutations';
import { requireSession } from '@/lib/auth/viewer';
import { measure } from '@/lib/metrics/request';
import { formValues, isFormData, notAForm, type FormState } from '@/lib/validation';

// Thin wrappers: who is asking (and from which session), the mutation, what the form shows.
// Passwords are never sent back to the form.

export async function changePasswordAction(_previous: FormState<PasswordChanged>, formData: FormData): Promise<FormState<PasswordChanged>> {
  if (!isFormData(formData)) return notAForm();
  const { viewer, sessionId } = await requireSession();
  const values = formValues(formData, ['currentPassword', 'newPassword', 'confirmPassword', 'revokeTokens']);
  const requestHeaders = await headers();
  const { result } = await measure('action:changePassword', 'action', () => changePassword({ userId: viewer.id, email: viewer.email, sessionId }, values, requestHeaders));
  return result.ok ? result : { ...result, values: { revokeTokens: values.revokeTokens ?? '' } };
}

export async function deleteAccountAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return notAForm();
  const { viewer, sessionId } = await requireSession();
  const requestHeaders = await headers();
  const { result } = await measure('action:deleteAccount', 'action', () =>
    deleteAccount({ userId: viewer.id, email: viewer.email, sessionId }, formValues(formData, ['password']), requestHeaders),
  );
  if (!result.ok) return result;
  // The session is gone already; this clears its cookies.
  await signOut(requestHeaders);
  redirect('/sign-in');
}
