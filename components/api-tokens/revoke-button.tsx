'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useActionButton } from '@/components/ui/use-action-button';
import type { FormState } from '@/lib/validation';

/** Revoking cannot be undone, so it asks once more in place (no dialog to trap focus). */
export function RevokeButton({ name, revoke }: { name: string; revoke: () => Promise<FormState> }) {
  const { pending, error, run } = useActionButton();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex gap-2">
          <Button className="h-8 bg-red-700 px-3 hover:bg-red-800 disabled:bg-red-700/60" disabled={pending} onClick={() => run(revoke)} aria-label={`Yes, revoke ${name}`} autoFocus>
            {pending ? 'Revoking…' : 'Yes, revoke'}
          </Button>
          <Button variant="secondary" className="h-8 px-3" disabled={pending} onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      ) : (
        <Button variant="secondary" className="h-8 px-3" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
          Revoke
        </Button>
      )}
      <p role="status" className="min-h-4 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}
