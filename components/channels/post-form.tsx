'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FieldFrame, fieldIds, invalidProps } from '@/components/ui/field-frame';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';

type Action = (previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;

/** Publish a post now, or record one published earlier (UTC). */
export function PostForm({ action }: { action: Action }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  return (
    <form action={formAction} className="flex max-w-2xl flex-col gap-1" noValidate aria-label="Publish a post">
      <FormMessage state={state} success="Published." />
      <FieldFrame name="text" label="Text" error={errors.text}>
        <textarea
          id={fieldIds('text').id}
          name="text"
          rows={3}
          maxLength={4096}
          required
          defaultValue={values.text}
          {...invalidProps('text', errors.text)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
      </FieldFrame>
      <Field
        label="Published at (UTC; empty: now)"
        name="publishedAt"
        placeholder="2026-11-23 18:05"
        autoComplete="off"
        defaultValue={values.publishedAt}
        error={errors.publishedAt}
        className="max-w-xs"
      />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? 'Publishing…' : 'Publish post'}
      </Button>
    </form>
  );
}
