'use client';

import { useEffect, useRef, useState, useTransition } from 'react';
import type { FormState } from '@/lib/validation';
import { Button, type ButtonVariant } from './button';
import { cn } from './cn';

/** A button that runs a server action. Everything here crosses from server to client: plain data and server actions only. */
export interface RowAction {
  /** The button's text. */
  label: string;
  /** Its accessible name when the text alone is ambiguous in a list (`Remove Walnut desk lamp`). */
  name?: string;
  /** A server action with its arguments bound (`removeItem.bind(null, item.id)`). */
  run: () => Promise<FormState<unknown>>;
  variant?: ButtonVariant;
  /** The text while it runs (`Revoking…`); the buttons are disabled meanwhile either way. */
  pendingLabel?: string;
  /**
   * For what cannot be undone: ask once more in place (no dialog to trap focus). `question` is
   * shown beside the buttons and names their group; Escape or Cancel puts the focus back.
   */
  confirm?: { label: string; name?: string; pendingLabel?: string; cancelLabel?: string; question?: string };
}

/**
 * A row of buttons that run server actions, and its status line: the refusal of the last action
 * (cleared when one succeeds), announced to screen readers. Success shows in the page itself,
 * which the action refreshes.
 *
 *   <ActionRow actions={[
 *     { label: 'Accept', name: `Accept ${name}`, run: respond.bind(null, id, 'accept') },
 *     { label: 'Decline', name: `Decline ${name}`, variant: 'secondary', run: respond.bind(null, id, 'decline') },
 *   ]} />
 */
export function ActionRow({ actions, size = 'sm', align = 'end', className }: { actions: RowAction[]; size?: 'sm' | 'md'; align?: 'start' | 'end'; className?: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // The action waiting for its confirmation, by index.
  const [confirming, setConfirming] = useState<number | null>(null);
  // The label of the action running (its button shows its pending label).
  const [running, setRunning] = useState<string | null>(null);
  const buttonSize = size === 'sm' ? 'h-8 px-3' : undefined;
  // Focus goes back to the button that asked when its confirmation is cancelled.
  const askers = useRef(new Map<number, HTMLButtonElement>());
  const lastAsked = useRef<number | null>(null);
  useEffect(() => {
    if (confirming !== null) lastAsked.current = confirming;
    else if (lastAsked.current !== null) {
      askers.current.get(lastAsked.current)?.focus();
      lastAsked.current = null;
    }
  }, [confirming]);
  const run = (action: RowAction) => {
    setRunning(action.label);
    startTransition(async () => {
      const result = await action.run();
      setError(result && !result.ok ? result.message : null);
    });
  };
  const asked = confirming === null ? undefined : actions[confirming];
  return (
    <div className={cn('flex flex-col gap-1', align === 'end' ? 'items-end' : 'items-start', className)}>
      <div className="flex gap-2">
        {asked?.confirm ? (
          <div role="group" aria-label={asked.confirm.question} className="flex items-center gap-2" onKeyDown={(event) => event.key === 'Escape' && !pending && setConfirming(null)}>
            {asked.confirm.question && <span className="text-xs text-slate-700">{asked.confirm.question}</span>}
            <Button variant="danger" className={buttonSize} disabled={pending} onClick={() => run(asked)} aria-label={asked.confirm.name} autoFocus>
              {pending && running === asked.label && asked.confirm.pendingLabel ? asked.confirm.pendingLabel : asked.confirm.label}
            </Button>
            <Button variant="secondary" className={buttonSize} disabled={pending} onClick={() => setConfirming(null)}>
              {asked.confirm.cancelLabel ?? 'Cancel'}
            </Button>
          </div>
        ) : (
          actions.map((action, index) => (
            <Button
              key={action.label}
              ref={(element) => {
                if (element) askers.current.set(index, element);
                else askers.current.delete(index);
              }}
              variant={action.variant ?? 'secondary'}
              className={buttonSize}
              disabled={pending}
              aria-label={action.name}
              onClick={() => (action.confirm ? setConfirming(index) : run(action))}
            >
              {pending && running === action.label && action.pendingLabel ? action.pendingLabel : action.label}
            </Button>
          ))
        )}
      </div>
      <p role="status" className="min-h-4 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}
