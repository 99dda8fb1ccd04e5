'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

/* The pipeline’s threshold form (server actions from the page: formAction; they work without JavaScript). */
type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

export function ThresholdForm<T>({ action, threshold }: { action: Action<T>; threshold: number }) {
  const [state, submit, pending] = useActionState<FormState<T>, FormData>(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={submit} className="flex flex-wrap items-start gap-3" noValidate aria-label="Lead threshold">
      <Field
        label="Mentions scoring at least this become leads"
        name="threshold"
        type="number"
        min={0}
        max={100}
        inputMode="numeric"
        defaultValue={state && !state.ok ? state.values?.threshold : String(threshold)}
        error={errors.threshold}
        className="w-80"
      />
      <Button type="submit" variant="secondary" disabled={pending} className="mt-7">
        {pending ? 'Saving…' : 'Save threshold'}
      </Button>
      <div className="basis-full">
        <FormMessage state={state} success="Saved: it applies to the next searches." />
      </div>
    </form>
  );
}
