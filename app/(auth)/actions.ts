'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut, signUp } from '@/lib/auth/mutations';
import { safeRedirectPath } from '@/lib/auth/schemas';
import { formValues, isFormData, notAForm, type FormState } from '@/lib/validation';

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return notAForm();
  const values = formValues(formData, ['email', 'password']);
  const result = await signIn(values, await headers());
  // The password is never sent back to the form.
  if (!result.ok) return { ...result, values: { email: values.email ?? '' } };
  redirect(safeRedirectPath(formData.get('next')) as '/');
}

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  if (!isFormData(formData)) return notAForm();
  const values = formValues(formData, ['name', 'email', 'password']);
  const result = await signUp(values, await headers());
  if (!result.ok) return { ...result, values: { name: values.name ?? '', email: values.email ?? '' } };
  redirect(safeRedirectPath(formData.get('next')) as '/');
}

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect('/sign-in');
}
