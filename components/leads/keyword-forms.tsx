'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

/* The keywords page’s forms (server actions from the page: formAction; they work without JavaScript). */
type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

export function AddKeywordForm<T>({ action }: { action: Action<T> }) {
  const [state, submit, pending] = useActionState<FormState<T>, FormData>(action, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form ref={form} action={submit} className="flex flex-wrap items-start gap-3" noValidate aria-label="Add a keyword">
      <Field label="Keyword or phrase" name="text" maxLength={80} placeholder="e.g. CRM, lead generation" defaultValue={state && !state.ok ? state.values?.text : undefined} error={errors.text} className="w-72" />
      <Button type="submit" disabled={pending} className="mt-7">
        {pending ? 'Adding…' : 'Add keyword'}
      </Button>
      <div className="basis-full">
        <FormMessage state={state} success="Added: it is matched from the next search on." />
      </div>
    </form>
  );
}

export function RenameKeywordForm<T>({ action, text, id }: { action: Action<T>; text: string; id: string }) {
  const [state, submit, pending] = useActionState<FormState<T>, FormData>(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const message = state && !state.ok ? (errors.text ?? state.message) : null;
  return (
    <form action={submit} className="flex items-center gap-2" noValidate aria-label={`Rename ${text}`}>
      <label htmlFor={`rename-${id}`} className="sr-only">
        New text for {text}
      </label>
      <input
        id={`rename-${id}`}
        name="text"
        defaultValue={state && !state.ok ? state.values?.text : text}
        maxLength={80}
        aria-invalid={message ? true : undefined}
        className="h-8 w-40 rounded-md border border-slate-300 px-2 text-sm"
      />
      <Button type="submit" variant="secondary" className="h-8 px-3" disabled={pending} aria-label={`Save ${text}`}>
        {pending ? 'Saving…' : 'Save'}
      </Button>
      <span role="status" className="text-xs text-red-700">
        {message}
      </span>
    </form>
  );
}
