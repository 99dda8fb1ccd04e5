'use client';

import type { Route } from 'next';
import Link from 'next/link';
import { useActionState } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FieldFrame, fieldIds, invalidProps } from '@/components/ui/field-frame';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/validation';
import type { ItemView } from '@/lib/wishlists/types';

type Action = (previous: FormState<{ id: string; wishlistId: string }>, formData: FormData) => Promise<FormState<{ id: string; wishlistId: string }>>;

/** Edit an item's name, link, price and notes (the same rules as adding one). Works without JavaScript. */
export function ItemEditForm({ action, item, listHref }: { action: Action; item: ItemView; listHref: Route }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = (state && !state.ok ? state.values : undefined) ?? {
    name: item.name,
    url: item.url ?? '',
    price: item.price ?? '',
    currency: item.currency ?? '',
    notes: item.notes ?? '',
  };
  return (
    <form action={formAction} className="flex max-w-xl flex-col gap-1" noValidate aria-label={`Edit ${item.name}`}>
      <FormMessage state={state} />
      <Field label="Name" name="name" maxLength={200} placeholder="Leave empty to use the page title" defaultValue={values.name} error={errors.name} />
      <Field label="Link" name="url" type="url" inputMode="url" placeholder="https://" defaultValue={values.url} error={errors.url} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <Field label="Price" name="price" inputMode="decimal" placeholder="24.99" defaultValue={values.price} error={errors.price} />
        <Field label="Currency" name="currency" maxLength={3} placeholder="EUR" defaultValue={values.currency} error={errors.currency} />
      </div>
      <FieldFrame
        name="notes"
        label={
          <>
            Notes for givers <span className="font-normal text-slate-600">(optional: size, colour, edition…)</span>
          </>
        }
        error={errors.notes}
      >
        <textarea
          id={fieldIds('notes').id}
          name="notes"
          rows={3}
          maxLength={500}
          defaultValue={values.notes}
          {...invalidProps('notes', errors.notes)}
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
        />
      </FieldFrame>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save item'}
        </Button>
        <Link href={listHref} className={buttonClass('ghost')}>
          Cancel
        </Link>
      </div>
    </form>
  );
}
