'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FieldFrame, fieldIds, invalidProps } from '@/components/ui/field-frame';
import { FormMessage } from '@/components/ui/form-message';
import { SelectField } from '@/components/ui/select-field';
import type { FormState } from '@/lib/validation';
import { WISHLIST_EVENT_TYPES, WISHLIST_VISIBILITIES, type WishlistCard } from '@/lib/wishlists/types';
import { EVENT_LABELS, VISIBILITY_LABELS } from './format';

type Action = (previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;

/** Create or edit a list. Works without JavaScript; errors come back per field. */
export function WishlistForm({ action, list, submitLabel }: { action: Action; list?: WishlistCard; submitLabel: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state?.values ?? {
    name: list?.name ?? '',
    description: list?.description ?? '',
    visibility: list?.visibility ?? 'partner_only',
    eventType: list?.eventType ?? '',
    eventDate: list?.eventDate ?? '',
  };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-1" noValidate>
      <FormMessage state={state} />
      <Field label="Name" name="name" required maxLength={120} defaultValue={values.name} error={errors.name} />
      <FieldFrame
        name="description"
        label={
          <>
            Description <span className="font-normal text-slate-600">(optional)</span>
          </>
        }
        error={errors.description}
      >
        <textarea
          id={fieldIds('description').id}
          name="description"
          rows={3}
          maxLength={2000}
          defaultValue={values.description}
          {...invalidProps('description', errors.description)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
      </FieldFrame>
      <SelectField
        label="Who can see it"
        name="visibility"
        defaultValue={values.visibility}
        error={errors.visibility}
        options={WISHLIST_VISIBILITIES.map((v) => ({ value: v, label: VISIBILITY_LABELS[v] }))}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Occasion"
          name="eventType"
          defaultValue={values.eventType}
          error={errors.eventType}
          options={[{ value: '', label: 'None' }, ...WISHLIST_EVENT_TYPES.map((t) => ({ value: t, label: EVENT_LABELS[t] }))]}
        />
        <Field label="Date" name="eventDate" type="date" defaultValue={values.eventDate} error={errors.eventDate} />
      </div>
      <Button type="submit" disabled={pending} className="mt-2 self-start">
        {pending ? 'Saving…' : submitLabel}
      </Button>
    </form>
  );
}
