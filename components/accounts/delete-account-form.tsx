'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

type DeleteAction = (previous: FormState, formData: FormData) => Promise<FormState>;

/** On success the action signs out and goes to the sign-in page: only failures come back. */
export function DeleteAccountForm({ action }: { action: DeleteAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate aria-label="Delete your account">
      <FormMessage state={state} />
      <Field label="Your password, to confirm" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <Button type="submit" variant="danger" disabled={pending} className="self-start">
        {pending ? 'Deleting…' : 'Delete my account'}
      </Button>
    </form>
  );
}
