'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import type { FormState } from '@/lib/validation';
import { signInAction, signUpAction } from './actions';

/** Carries the page the visitor asked for through the form, so they land there afterwards. */
function NextField() {
  const next = useSearchParams().get('next');
  return next ? <input type="hidden" name="next" value={next} /> : null;
}

export function AuthForm({ mode }: { mode: 'sign-in' | 'sign-up' }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(mode === 'sign-in' ? signInAction : signUpAction, null);
  const errors = state && !state.ok ? state.fieldErrors : {};
  const values = state?.values ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-1" noValidate>
      <Suspense fallback={null}>
        <NextField />
      </Suspense>
      <div role="alert" aria-live="assertive" className="min-h-6 text-sm font-medium text-red-700">
        {state && !state.ok ? state.message : null}
      </div>
      {mode === 'sign-up' && (
        <Field label="Name" name="name" autoComplete="name" required defaultValue={values.name} error={errors.name} />
      )}
      <Field label="E-mail" name="email" type="email" autoComplete="email" required defaultValue={values.email} error={errors.email} />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete={mode === 'sign-in' ? 'current-password' : 'new-password'}
        required
        minLength={mode === 'sign-up' ? 8 : undefined}
        error={errors.password}
      />
      <Button type="submit" disabled={pending} className="mt-2">
        {pending ? (mode === 'sign-in' ? 'Signing in…' : 'Creating account…') : mode === 'sign-in' ? 'Sign in' : 'Create account'}
      </Button>
      <p className="mt-4 text-center text-sm text-slate-600">
        {mode === 'sign-in' ? (
          <>
            New to Brisk?{' '}
            <Link href="/sign-up" prefetch={false} className="font-medium text-brand-700 underline">
              Create an account
            </Link>
          </>
        ) : (
          <>
            Already have an account?{' '}
            <Link href="/sign-in" prefetch={false} className="font-medium text-brand-700 underline">
              Sign in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
