import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import type { WishlistCard as Card } from '@/lib/wishlists/types';
import { EVENT_LABELS, VISIBILITY_LABELS } from './format';
import { formatDate } from '@/components/ui/format';

/** Fixed height so that skeletons can match it exactly. */
export const CARD_HEIGHT = 'h-36';

export function WishlistCard({ list, showOwner }: { list: Card; showOwner: boolean }) {
  return (
    <article className={`${CARD_HEIGHT} flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600`}>
      <div className="flex items-start justify-between gap-2">
        <h3 className="truncate font-semibold">
          <Link href={`/wishlists/${list.id}`} className="hover:underline">
            {list.name}
          </Link>
        </h3>
        <Badge tone={list.visibility === 'public' ? 'success' : list.visibility === 'partner_only' ? 'brand' : 'neutral'}>{VISIBILITY_LABELS[list.visibility]}</Badge>
      </div>
      {showOwner && <p className="truncate text-sm text-slate-600">by {list.ownerName}</p>}
      <p className="mt-1 truncate text-sm text-slate-600">
        {list.eventType ? `${EVENT_LABELS[list.eventType]}${list.eventDate ? ` · ${formatDate(list.eventDate)}` : ''}` : 'No occasion'}
      </p>
      <p className="mt-auto text-sm text-slate-700">
        {list.itemCount} {list.itemCount === 1 ? 'item' : 'items'}
        {list.availableCount !== null && ` · ${list.availableCount} still available`}
      </p>
    </article>
  );
}
