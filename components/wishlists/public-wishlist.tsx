import Link from 'next/link';
import { formatDate } from '@/components/ui/format';
import type { PublicItem, PublicWishlist } from '@/lib/wishlists/types';
import { EVENT_LABELS, formatPrice } from './format';
import { Thumbnail } from '@/components/ui/thumbnail';

/**
 * A public list as everybody sees it on its share page, signed out included: what is on it and
 * what the owner says about each item, never who gives what (nor whether anything was taken).
 * A pure view: the page reads the list through Next's rendered-output cache.
 */
export function PublicWishlistView({ list }: { list: PublicWishlist }) {
  return (
    <article className="flex flex-col gap-6" aria-labelledby="list-title">
      <header className="flex flex-col gap-2">
        <h1 id="list-title" className="text-2xl font-semibold">
          {list.name}
        </h1>
        <p className="text-slate-600">
          {list.ownerName}’s wishlist
          {list.eventType && ` · ${EVENT_LABELS[list.eventType]}`}
          {list.eventDate && ` · ${formatDate(list.eventDate)}`}
        </p>
        {list.description && <p className="max-w-prose whitespace-pre-line text-slate-800">{list.description}</p>}
      </header>
      <section aria-labelledby="public-items-heading">
        <h2 id="public-items-heading" className="mb-3 text-lg font-semibold">
          Items ({list.items.length})
        </h2>
        {list.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">Nothing on this list yet.</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {list.items.map((item) => (
              <li key={item.id} className="flex min-h-20 items-start gap-4 p-3" data-testid="public-item">
                <PublicItemRow item={item} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800">
        Want to give one of these? {list.ownerName}’s friends on Brisk can reserve a gift so that nobody gives it twice.{' '}
        <Link href="/sign-in" className="font-medium underline">
          Sign in
        </Link>{' '}
        or{' '}
        <Link href="/sign-up" className="font-medium underline">
          create an account
        </Link>
        .
      </p>
    </article>
  );
}

function PublicItemRow({ item }: { item: PublicItem }) {
  const price = formatPrice(item.price, item.currency);
  return (
    <>
      <div className="size-14 shrink-0 overflow-hidden rounded-md bg-slate-100">
        {item.imageUrl && <Thumbnail src={item.imageUrl} size={56} className="size-14 object-cover" />}
      </div>
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          {item.url ? (
            <a href={item.url} rel="noopener noreferrer nofollow" target="_blank" className="hover:underline">
              {item.name}
            </a>
          ) : (
            item.name
          )}
        </p>
        {price && <p className="text-sm tabular-nums text-slate-700">{price}</p>}
        {item.notes && <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{item.notes}</p>}
      </div>
    </>
  );
}
