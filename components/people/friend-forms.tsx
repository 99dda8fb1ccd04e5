'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

type SendAction = (previous: FormState<{ connectionId: string }>, formData: FormData) => Promise<FormState<{ connectionId: string }>>;

export function FriendRequestForm({ action }: { action: SendAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate aria-label="Send a friend request">
      <FormMessage state={state} success="Request sent." />
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Their e-mail address" name="email" type="email" autoComplete="off" required className="min-w-64 flex-1" defaultValue={state && !state.ok ? state.values?.email : ''} error={errors.email} />
        <Button type="submit" disabled={pending} className="mt-7">
          {pending ? 'Sending…' : 'Send request'}
        </Button>
      </div>
    </form>
  );
}
