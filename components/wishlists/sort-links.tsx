import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import { DEFAULT_WISHLIST_SORT, type WishlistSort } from '@/lib/wishlists/types';

const SORT_LABELS: Record<WishlistSort, string> = {
  updated_desc: 'Recently updated',
  updated_asc: 'Least recently updated',
  created_desc: 'Newest',
  created_asc: 'Oldest',
  name_asc: 'Name A–Z',
  name_desc: 'Name Z–A',
};

/** Sort options for "My wishlists", kept in the URL so they survive reloads and links. */
export async function SortLinks({ sort }: { sort: Promise<WishlistSort> }) {
  const current = await sort;
  return <SortLinksView current={current} />;
}

export function SortLinksView({ current }: { current: WishlistSort }) {
  return (
    <nav aria-label="Sort my wishlists" className="flex h-9 flex-wrap items-center gap-1 overflow-hidden text-sm">
      <span className="mr-1 text-slate-600">Sort:</span>
      {(Object.keys(SORT_LABELS) as WishlistSort[]).map((sort) => (
        <Link
          key={sort}
          href={sort === DEFAULT_WISHLIST_SORT ? '/wishlists' : `/wishlists?sort=${sort}`}
          aria-current={sort === current ? 'true' : undefined}
          className={cn('rounded-md px-2 py-1', sort === current ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
          scroll={false}
        >
          {SORT_LABELS[sort]}
        </Link>
      ))}
    </nav>
  );
}
