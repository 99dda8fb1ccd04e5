'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

/* The sources page’s form (server actions from the page: formAction; they work without JavaScript). */
type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

export function AddSourceForm<T>({ action }: { action: Action<T> }) {
  const [state, submit, pending] = useActionState<FormState<T>, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  return (
    <form ref={form} action={submit} className="flex flex-col gap-1" noValidate aria-label="Add a source">
      <div className="grid gap-x-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Field label="Feed address (RSS, Atom or JSON Feed)" name="url" type="url" inputMode="url" placeholder="https://example.com/feed.xml" defaultValue={values.url} error={errors.url} />
        <Field label="Name (optional)" name="name" maxLength={120} placeholder="Taken from the address" defaultValue={values.name} error={errors.name} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add source'}
        </Button>
        <FormMessage state={state} success="Added: its first search has started." />
      </div>
    </form>
  );
}
