import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getWishlistDetail } from '@/lib/wishlists/queries';
import type { FormState } from '@/lib/validation';
import type { ItemView, WishlistDetail as Detail } from '@/lib/wishlists/types';
import { EVENT_LABELS, VISIBILITY_LABELS, formatPrice } from './format';
import { formatDate } from '@/components/ui/format';
import { ItemForm } from './item-form';
import { MetadataWatcher } from './metadata-watcher';
import { ShareLink } from './share-link';
import { Thumbnail } from '@/components/ui/thumbnail';

const ROW = 'min-h-20';

type GiftAction = 'reserve' | 'purchase' | 'release';

/** The server actions of a list's page, passed in by the page (components never import app/). */
export interface WishlistDetailActions {
  addItem: (wishlistId: string, previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;
  removeItem: (itemId: string) => Promise<FormState>;
  gift: (itemId: string, action: GiftAction) => Promise<FormState<{ status: string }>>;
}

// `load` replaces the data source (the benchmark's naive baseline, bench/); the view stays the same.
export async function WishlistDetail({
  id,
  actions,
  load = getWishlistDetail,
}: {
  id: Promise<string>;
  actions: WishlistDetailActions;
  load?: (viewerId: string, wishlistId: string) => Promise<Detail | null>;
}) {
  const viewer = await requireViewer();
  const list = await load(viewer.id, await id);
  if (!list) notFound();
  const pendingIds = list.items.filter((item) => item.metadataStatus === 'pending').map((item) => item.id);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{list.name}</h1>
          <Badge tone={list.visibility === 'public' ? 'success' : list.visibility === 'partner_only' ? 'brand' : 'neutral'}>{VISIBILITY_LABELS[list.visibility]}</Badge>
          {list.viewerIsOwner && (
            <Link href={`/wishlists/${list.id}/edit`} className={buttonClass('secondary', 'ml-auto h-9')}>
              Edit list
            </Link>
          )}
        </div>
        <p className="text-slate-600">
          {list.viewerIsOwner ? 'Your list' : `${list.ownerName}’s list`}
          {list.eventType && ` · ${EVENT_LABELS[list.eventType]}`}
          {list.eventDate && ` · ${formatDate(list.eventDate)}`}
        </p>
        {list.description && <p className="max-w-prose text-slate-800">{list.description}</p>}
        {list.viewerIsOwner && list.visibility === 'public' && <ShareLink path={`/public/wishlists/${list.id}`} />}
        {list.giftsHidden && (
          <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
            What your friends reserve or buy stays a surprise{list.eventDate ? ` until ${formatDate(list.eventDate)}` : ''}.
          </p>
        )}
      </header>
      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="mb-3 text-lg font-semibold">
          Items ({list.items.length})
        </h2>
        {list.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
            {list.viewerIsOwner ? 'No items yet: add the first one below.' : 'No items on this list yet.'}
          </p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {list.items.map((item) => (
              <li key={item.id} className={`${ROW} flex items-center gap-4 p-3`} data-testid="item-row">
                <ItemRow item={item} list={list} actions={actions} />
              </li>
            ))}
          </ul>
        )}
      </section>
      {pendingIds.length > 0 && <MetadataWatcher wishlistId={list.id} pendingItemIds={pendingIds} />}
      {list.viewerIsOwner && (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Add an item</h2>
          <ItemForm action={actions.addItem.bind(null, list.id)} />
        </Card>
      )}
    </div>
  );
}

const GIFT_LABELS: Record<GiftAction, string> = { reserve: 'Reserve', purchase: 'Mark as bought', release: 'Release' };

function ItemRow({ item, list, actions }: { item: ItemView; list: Detail; actions: WishlistDetailActions }) {
  const price = formatPrice(item.price, item.currency);
  return (
    <>
      <div className="size-14 shrink-0 overflow-hidden rounded-md bg-slate-100">
        {item.imageUrl && <Thumbnail src={item.imageUrl} size={56} className="size-14 object-cover" />}
      </div>
      <div className="min-w-0 flex-1">
        <p className="truncate font-medium">
          {item.url ? (
            <a href={item.url} rel="noopener noreferrer nofollow" target="_blank" className="hover:underline">
              {item.name}
            </a>
          ) : (
            item.name
          )}
        </p>
        <p className="text-sm text-slate-600" data-testid="item-status">
          {price && <span className="mr-2 tabular-nums">{price}</span>}
          <ItemStatusText item={item} />
        </p>
        {item.notes && <p className="mt-0.5 line-clamp-2 text-sm text-slate-600">{item.notes}</p>}
      </div>
      {list.viewerIsOwner ? (
        <div className="flex items-start">
          <Link href={`/wishlists/${list.id}/items/${item.id}/edit`} className={buttonClass('ghost', 'h-8 px-3')} aria-label={`Edit ${item.name}`}>
            Edit
          </Link>
          <ActionRow actions={[{ label: 'Remove', name: `Remove ${item.name}`, variant: 'ghost', run: actions.removeItem.bind(null, item.id) }]} />
        </div>
      ) : list.viewerCanGive && giftActions(item).length > 0 ? (
        // The server decides whether the viewer may; these are only the buttons that make sense.
        <ActionRow
          actions={giftActions(item).map((gift) => ({
            label: GIFT_LABELS[gift],
            name: `${GIFT_LABELS[gift]}: ${item.name}`,
            variant: gift === 'release' ? 'ghost' : 'secondary',
            run: actions.gift.bind(null, item.id, gift),
          }))}
        />
      ) : null}
    </>
  );
}

function giftActions(item: ItemView): GiftAction[] {
  if (item.status === 'available') return ['reserve', 'purchase'];
  if (item.status === 'reserved' && item.takenByMe) return ['purchase', 'release'];
  return [];
}

function ItemStatusText({ item }: { item: ItemView }) {
  if (item.metadataStatus === 'pending') return <span className="text-brand-700">Reading the page…</span>;
  const metadataNote = item.metadataStatus === 'failed' ? <span className="ml-2 text-amber-800">Could not read the page: {item.metadataError}</span> : null;
  const status =
    item.status === 'available' ? (
      <Badge tone="success">available</Badge>
    ) : (
      <Badge tone="warning">
        {item.status}
        {item.takenByMe ? ' by you' : item.takenByName ? ` by ${item.takenByName}` : ''}
      </Badge>
    );
  return (
    <>
      {status}
      {metadataNote}
    </>
  );
}

export function WishlistDetailSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-5 w-80" />
      </div>
      <div>
        <Skeleton className="mb-3 h-7 w-32" />
        <div className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className={`${ROW} flex items-center gap-4 p-3`}>
              <Skeleton className="size-14" />
              <div className="flex-1">
                <Skeleton className="h-5 w-1/2" />
                <Skeleton className="mt-2 h-4 w-1/4" />
              </div>
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
