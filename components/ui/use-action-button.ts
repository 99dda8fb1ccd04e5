'use client';

import { useState, useTransition } from 'react';
import type { FormState } from '@/lib/validation';

/**
 * For buttons that run a server action outside a form: the pending state, and the action's
 * refusal message (null once it succeeds).
 */
export function useActionButton() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<FormState<unknown>>) =>
    startTransition(async () => {
      const result = await action();
      setError(result && !result.ok ? result.message : null);
    });
  return { pending, error, run };
}
