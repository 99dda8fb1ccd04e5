'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn, signOut, signUp, type FormResult } from '@/lib/auth/mutations';
import { safeRedirectPath } from '@/lib/auth/schemas';

export type FormState = (FormResult & { values?: Record<string, string> }) | null;

function submitted(formData: FormData, fields: string[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [field, String(formData.get(field) ?? '')]));
}

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submitted(formData, ['email', 'password']);
  const result = await signIn(values, await headers());
  // The password is never sent back to the form.
  if (!result.ok) return { ...result, values: { email: values.email ?? '' } };
  redirect(safeRedirectPath(formData.get('next')) as '/');
}

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = submitted(formData, ['name', 'email', 'password']);
  const result = await signUp(values, await headers());
  if (!result.ok) return { ...result, values: { name: values.name ?? '', email: values.email ?? '' } };
  redirect(safeRedirectPath(formData.get('next')) as '/');
}

export async function signOutAction(): Promise<void> {
  await signOut(await headers());
  redirect('/sign-in');
}
