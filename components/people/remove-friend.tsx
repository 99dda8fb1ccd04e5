'use client';

import { useEffect, useRef, useState } from 'react';
import { Button, buttonClass } from '@/components/ui/button';
import { useActionButton } from '@/components/ui/use-action-button';
import type { FormState } from '@/lib/validation';

/**
 * "Remove friend", confirmed in place: the first press asks, the second removes. Focus moves to
 * the confirmation and back; Escape cancels. One line, no taller than the friend's name and
 * date beside it (a refusal shows on the same line).
 */
export function RemoveFriendButton({ name, run }: { name: string; run: () => Promise<FormState<unknown>> }) {
  const [confirming, setConfirming] = useState(false);
  const { pending, error, run: runAction } = useActionButton();
  const confirmButton = useRef<HTMLButtonElement>(null);
  const askButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) askButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  return (
    <div className="flex items-center justify-end gap-2" onKeyDown={(event) => event.key === 'Escape' && setConfirming(false)}>
      <p role="status" className="text-xs text-red-700">
        {error}
      </p>
      {confirming ? (
        <div role="group" aria-label={`Remove ${name} from your friends?`} className="flex items-center gap-2">
          <span className="text-xs text-slate-700">Remove {name}?</span>
          <button
            ref={confirmButton}
            type="button"
            className={buttonClass('secondary', 'h-8 border-red-300 px-3 text-red-800 hover:bg-red-50')}
            disabled={pending}
            onClick={() => runAction(run)}
          >
            {pending ? 'Removing…' : 'Yes, remove'}
          </button>
          <Button variant="ghost" className="h-8 px-3" disabled={pending} onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <button ref={askButton} type="button" className={buttonClass('ghost', 'h-8 px-3')} aria-label={`Remove friend: ${name}`} onClick={() => setConfirming(true)}>
          Remove friend
        </button>
      )}
    </div>
  );
}
