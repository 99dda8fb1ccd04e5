'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SelectField } from '@/components/ui/select-field';
import { TOKEN_LIFETIMES, type CreatedToken } from '@/lib/api-tokens/types';
import type { FormState } from '@/lib/validation';

type CreateAction = (previous: FormState<CreatedToken>, formData: FormData) => Promise<FormState<CreatedToken>>;

const LIFETIME_OPTIONS = Object.entries(TOKEN_LIFETIMES).map(([value, { label }]) => ({ value, label }));

/** The form that creates a token, and the one place its secret is ever shown. */
export function CreateTokenForm({ action }: { action: CreateAction }) {
  const [state, formAction, pending] = useActionState(action, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state && !state.ok ? state.values : undefined;
  return (
    <div className="flex flex-col gap-3">
      <form action={formAction} className="flex flex-col gap-1" noValidate aria-label="Create an API token">
        <FormMessage state={state && !state.ok ? state : null} />
        <div className="flex flex-wrap items-start gap-3">
          <Field label="Name" name="name" required maxLength={60} autoComplete="off" placeholder="e.g. Prometheus scraper" className="min-w-64 flex-1" defaultValue={values?.name ?? ''} error={errors.name} />
          <SelectField label="Expires" name="lifetime" options={LIFETIME_OPTIONS} defaultValue={values?.lifetime ?? '90'} error={errors.lifetime} className="w-40" />
          <Button type="submit" disabled={pending} className="mt-7">
            {pending ? 'Creating…' : 'Create token'}
          </Button>
        </div>
      </form>
      {state?.ok && <NewSecret token={state.value} />}
    </div>
  );
}

function NewSecret({ token }: { token: CreatedToken }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-4" data-testid="new-token">
      <p className="text-sm font-medium text-emerald-900">
        “{token.name}” is ready. Copy it now: Brisk keeps only a hash, so it cannot show this token again.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code className="rounded bg-white px-2 py-1 font-mono text-sm break-all text-slate-900 ring-1 ring-emerald-200" data-testid="new-token-secret">
          {token.secret}
        </code>
        <Button variant="secondary" className="h-8 px-3" onClick={copy}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {copied === 'failed' && <p className="mt-1 text-xs text-red-700">The browser refused to copy: select the token and copy it yourself.</p>}
      <p className="mt-2 text-xs text-slate-700">
        Send it as <code className="font-mono">Authorization: Bearer {token.secret.slice(0, 10)}…</code>
        {token.expiresAt ? '' : ' It never expires: revoke it when it is no longer needed.'}
      </p>
    </div>
  );
}
