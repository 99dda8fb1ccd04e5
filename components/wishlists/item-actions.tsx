'use client';

import { Button } from '@/components/ui/button';
import { useActionButton } from '@/components/ui/use-action-button';
import type { FormState } from '@/lib/validation';

type GiftAction = 'reserve' | 'purchase' | 'release';

const LABELS: Record<GiftAction, string> = { reserve: 'Reserve', purchase: 'Mark as bought', release: 'Release' };

/** Buttons a friend of the owner sees on an item; the server decides whether they may. */
export function GiftButtons({
  itemName,
  actions,
  run,
}: {
  itemName: string;
  actions: GiftAction[];
  run: (action: GiftAction) => Promise<FormState<{ status: string }>>;
}) {
  const { pending, error, run: runAction } = useActionButton();
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        {actions.map((action) => (
          <Button
            key={action}
            variant={action === 'release' ? 'ghost' : 'secondary'}
            className="h-8 px-3"
            disabled={pending}
            aria-label={`${LABELS[action]}: ${itemName}`}
            onClick={() => runAction(() => run(action))}
          >
            {LABELS[action]}
          </Button>
        ))}
      </div>
      <p role="status" className="min-h-4 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}

export function RemoveItemButton({ itemName, run }: { itemName: string; run: () => Promise<FormState> }) {
  const { pending, error, run: runAction } = useActionButton();
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="ghost"
        className="h-8 px-3"
        disabled={pending}
        aria-label={`Remove ${itemName}`}
        onClick={() => runAction(run)}
      >
        Remove
      </Button>
      <p role="status" className="min-h-4 text-xs text-red-700">
        {error}
      </p>
    </div>
  );
}
