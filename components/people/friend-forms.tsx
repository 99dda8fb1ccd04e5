'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { useActionButton } from '@/components/ui/use-action-button';
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

export function RespondButtons({ name, run }: { name: string; run: (response: 'accept' | 'decline') => Promise<FormState> }) {
  const { pending, error, run: runAction } = useActionButton();
  const respond = (response: 'accept' | 'decline') => runAction(() => run(response));
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button className="h-8 px-3" disabled={pending} onClick={() => respond('accept')} aria-label={`Accept ${name}`}>
          Accept
        </Button>
        <Button variant="secondary" className="h-8 px-3" disabled={pending} onClick={() => respond('decline')} aria-label={`Decline ${name}`}>
          Decline
        </Button>
      </div>
      <p role="status" className="min-h-4 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}
