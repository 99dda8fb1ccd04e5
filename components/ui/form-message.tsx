import type { FormState } from '@/lib/validation';

/** The form-level outcome of a submission, announced to screen readers. */
export function FormMessage({ state, success }: { state: FormState<unknown>; success?: string }) {
  return (
    <div role="status" aria-live="polite" className="min-h-6 text-sm font-medium">
      {state && !state.ok ? <span className="text-red-700">{state.message}</span> : null}
      {state?.ok && success ? <span className="text-emerald-700">{success}</span> : null}
    </div>
  );
}
