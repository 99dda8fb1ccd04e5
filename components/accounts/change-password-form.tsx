'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { PasswordChanged } from '@/lib/accounts/mutations';
import type { FormState } from '@/lib/validation';

type ChangeAction = (previous: FormState<PasswordChanged>, formData: FormData) => Promise<FormState<PasswordChanged>>;

function success(value: PasswordChanged): string {
  const sessions = value.signedOut === 1 ? '1 other session was' : `${value.signedOut} other sessions were`;
  const tokens = value.revokedTokens === 0 ? '' : ` ${value.revokedTokens === 1 ? '1 API token was' : `${value.revokedTokens} API tokens were`} revoked.`;
  return `Your password is changed. ${sessions} signed out.${tokens}`;
}

export function ChangePasswordForm({ action }: { action: ChangeAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  // A new form (empty fields) after each success; the fields are kept after a failure.
  const key = state?.ok ? JSON.stringify(state.value) : 'form';
  return (
    <form key={key} action={formAction} className="flex flex-col gap-1" noValidate aria-label="Change your password">
      <FormMessage state={state} success={state?.ok ? success(state.value) : undefined} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" required minLength={8} maxLength={128} error={errors.newPassword} />
      <Field label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <label className="mb-3 flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" name="revokeTokens" defaultChecked={state && !state.ok ? state.values?.revokeTokens === 'on' : false} className="size-4" />
        Also revoke all my API tokens (scripts using them stop working)
      </label>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
