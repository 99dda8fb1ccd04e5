'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

type Action = (previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;

/** Add or edit a channel: its title and its handle. Works without JavaScript; errors come back per field. */
export function ChannelForm({ action, channel, submitLabel }: { action: Action; channel?: { title: string; handle: string }; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state?.values ?? { title: channel?.title ?? '', handle: channel?.handle ?? '' };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-1" noValidate>
      <FormMessage state={state} />
      <Field label="Title" name="title" required maxLength={120} defaultValue={values.title} error={errors.title} />
      <Field
        label="Handle"
        name="handle"
        required
        maxLength={33}
        autoCapitalize="none"
        spellCheck={false}
        placeholder="@your_channel"
        defaultValue={values.handle}
        error={errors.handle}
      />
      <Button type="submit" disabled={pending} className="mt-2 self-start">
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}
