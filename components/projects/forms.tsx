'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FieldFrame, fieldIds } from '@/components/ui/field-frame';
import { FormMessage } from '@/components/ui/form-message';
import { SelectField } from '@/components/ui/select-field';
import { MEMBER_ROLES, ROLE_LABELS } from '@/lib/projects/types';
import type { FormState } from '@/lib/validation';

/* The Projects module's forms: each works without JavaScript, and errors come back per field. */

type Action<T = undefined> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

export function CreateProjectForm({ action }: { action: Action<{ id: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate aria-label="New project">
      <FormMessage state={state} />
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Project name" name="name" required maxLength={120} className="min-w-64 flex-1" defaultValue={state?.values?.name ?? ''} error={errors.name} />
        <Button type="submit" disabled={pending} className="mt-7">
          {pending ? 'Creating…' : 'Create project'}
        </Button>
      </div>
    </form>
  );
}

export function RenameProjectForm({ action, name }: { action: Action; name: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate aria-label="Rename the project">
      <FormMessage state={state} success="Renamed." />
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Name" name="projectName" required maxLength={120} className="min-w-56 flex-1" defaultValue={state?.values?.projectName ?? name} error={errors.name} />
        <Button type="submit" variant="secondary" disabled={pending} className="mt-7">
          {pending ? 'Saving…' : 'Rename'}
        </Button>
      </div>
    </form>
  );
}

export function InviteMemberForm({ action }: { action: Action<{ userId: string }> }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate aria-label="Invite a member">
      <FormMessage state={state} success="Added: they see the project now." />
      <div className="flex flex-wrap items-start gap-3">
        <Field label="E-mail of their Brisk account" name="email" type="email" autoComplete="off" required className="min-w-64 flex-1" defaultValue={state && !state.ok ? state.values?.email : ''} error={errors.email} />
        <SelectField label="Role" name="role" defaultValue={state && !state.ok ? state.values?.role : 'viewer'} error={errors.role} options={MEMBER_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        <Button type="submit" disabled={pending} className="mt-7">
          {pending ? 'Inviting…' : 'Invite'}
        </Button>
      </div>
    </form>
  );
}

/** A dashboard's title and visibility: a new one (create), or an existing one's settings. */
export function DashboardForm<T>({ action, title = '', isPublic = false, submitLabel, success }: { action: Action<T>; title?: string; isPublic?: boolean; submitLabel: string; success?: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const publicId = fieldIds('isPublic').id;
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate aria-label={submitLabel}>
      <FormMessage state={state} success={success} />
      <div className="flex flex-wrap items-start gap-3">
        <Field label="Title" name="title" required maxLength={120} className="min-w-56 flex-1" defaultValue={state?.values?.title ?? title} error={errors.title} />
        <FieldFrame name="isPublic" label="Public" error={errors.isPublic}>
          <label htmlFor={publicId} className="flex h-10 items-center gap-2 text-sm text-slate-800">
            <input id={publicId} name="isPublic" type="checkbox" defaultChecked={state?.values ? state.values.isPublic === 'on' : isPublic} className="size-4" />
            Anyone with the link can view it
          </label>
        </FieldFrame>
        <Button type="submit" disabled={pending} className="mt-7">
          {pending ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}
