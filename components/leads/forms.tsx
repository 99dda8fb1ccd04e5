'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

/*
 * The Leads forms: server actions from the page (formAction), working without JavaScript,
 * errors per field, the submitted values put back on failure.
 */
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

export function MoveMentionForm<T>({ action, keywords, current, title, id }: { action: Action<T>; keywords: { id: string; text: string }[]; current: string; title: string; id: string }) {
  const [state, submit, pending] = useActionState<FormState<T>, FormData>(action, null);
  const others = keywords.filter((keyword) => keyword.id !== current);
  if (others.length === 0) return null;
  return (
    <form action={submit} className="flex items-end gap-2" aria-label={`Move “${title}” to another keyword`}>
      <label htmlFor={`move-${id}`} className="sr-only">
        Move “{title}” to the keyword
      </label>
      <select id={`move-${id}`} name="keyword" className="h-8 w-40 rounded-md border border-slate-300 bg-white px-2 text-sm">
        {others.map((keyword) => (
          <option key={keyword.id} value={keyword.id}>
            {keyword.text}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" className="h-8 px-3" disabled={pending} aria-label={`Move “${title}”`}>
        {pending ? 'Moving…' : 'Move'}
      </Button>
      {state && !state.ok && (
        <span role="status" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
