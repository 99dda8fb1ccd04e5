'use client';

import { useActionState, useEffect, useId, useRef } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import { FieldFrame, controlClass, fieldIds, invalidProps } from '@/components/ui/field-frame';
import { FormMessage } from '@/components/ui/form-message';
import { SelectField } from '@/components/ui/select-field';
import type { FormState } from '@/lib/validation';

/**
 * Every form of the Sponsors pages, from a description of its fields (plain data, so that one
 * small client island serves them all): a server action made with formAction (lib/api/action.ts),
 * its field errors under each field, the submitted values put back when it fails, and a success
 * line. On success the page refreshes with the new data (or the action redirects).
 */
/** Any form server action: its result type does not matter to the form (never: it accepts every previous state). */
export type FormAction = (previous: FormState<never>, formData: FormData) => Promise<FormState<unknown>>;

export type FormField =
  | { kind: 'input'; name: string; label: string; type?: 'text' | 'number' | 'email' | 'url' | 'date'; placeholder?: string; defaultValue?: string; min?: number; max?: number; maxLength?: number; autoComplete?: string }
  | { kind: 'select'; name: string; label: string; options: { value: string; label: string }[]; defaultValue?: string }
  | { kind: 'textarea'; name: string; label: string; rows: number; maxLength: number; placeholder?: string };

export function ActionForm({
  action,
  fields,
  submit,
  pending: pendingLabel,
  success,
  label,
  grid = 'sm:grid-cols-3',
}: {
  /** A server action made with formAction, of any result type. */
  action: FormAction;
  fields: FormField[];
  submit: string;
  pending: string;
  success?: string;
  /** The form's accessible name. */
  label: string;
  /** Columns of the fields (Tailwind grid classes). */
  grid?: string;
}) {
  const [state, formAction, pending] = useActionState(action as (previous: FormState<unknown>, formData: FormData) => Promise<FormState<unknown>>, null);
  const form = useRef<HTMLFormElement>(null);
  // Several of these forms share a page (and field names): their ids are scoped to the form.
  const scope = useId();
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = (state && !state.ok ? state.values : undefined) ?? {};
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={formAction} className="flex flex-col gap-1" noValidate aria-label={label}>
      <div className={cn('grid gap-x-4', grid)}>
        {fields.map((field) => {
          const value = values[field.name] ?? (field.kind === 'textarea' ? undefined : field.defaultValue);
          if (field.kind === 'select') return <SelectField key={field.name} label={field.label} name={field.name} scope={scope} options={field.options} defaultValue={value} error={errors[field.name]} />;
          if (field.kind === 'textarea') {
            return (
              <FieldFrame key={field.name} name={field.name} scope={scope} label={field.label} error={errors[field.name]} className="sm:col-span-full">
                <textarea
                  id={fieldIds(field.name, scope).id}
                  name={field.name}
                  rows={field.rows}
                  maxLength={field.maxLength}
                  placeholder={field.placeholder}
                  defaultValue={value}
                  {...invalidProps(field.name, errors[field.name], scope)}
                  className={cn(controlClass(errors[field.name]), 'h-auto py-2 placeholder:text-slate-500')}
                />
              </FieldFrame>
            );
          }
          return (
            <Field
              key={field.name}
              label={field.label}
              name={field.name}
              scope={scope}
              type={field.type ?? 'text'}
              inputMode={field.type === 'number' ? 'numeric' : undefined}
              placeholder={field.placeholder}
              min={field.min}
              max={field.max}
              maxLength={field.maxLength}
              autoComplete={field.autoComplete}
              defaultValue={value}
              error={errors[field.name]}
            />
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? pendingLabel : submit}
        </Button>
        <FormMessage state={state} success={success} />
      </div>
    </form>
  );
}
