'use client';

import { useActionState, useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

type Action = (previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;

/** Add an item by name, by link, or both: a link is read in the background for its details. */
export function ItemForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const form = useRef<HTMLFormElement>(null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  useEffect(() => {
    if (state?.ok) form.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-1" noValidate aria-label="Add an item">
      <FormMessage state={state} success="Added." />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Name" name="name" maxLength={200} placeholder="Leave empty to use the page title" defaultValue={values.name} error={errors.name} />
        <Field label="Link" name="url" type="url" inputMode="url" placeholder="https://" defaultValue={values.url} error={errors.url} />
        <Field label="Price" name="price" inputMode="decimal" placeholder="24.99" defaultValue={values.price} error={errors.price} />
        <Field label="Currency" name="currency" maxLength={3} placeholder="EUR" defaultValue={values.currency} error={errors.currency} />
        <Field label="Notes (optional)" name="notes" maxLength={500} placeholder="Size, colour, edition…" defaultValue={values.notes} error={errors.notes} className="sm:col-span-2" />
      </div>
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Adding…' : 'Add item'}
      </Button>
    </form>
  );
}
