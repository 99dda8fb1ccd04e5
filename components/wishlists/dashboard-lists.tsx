import type { Route } from 'next';
import Link from 'next/link';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getWishlistDashboard } from '@/lib/wishlists/queries';
import { DEFAULT_WISHLIST_SORT, type WishlistCard as Card, type WishlistDashboard, type WishlistSort } from '@/lib/wishlists/types';
import { CARD_HEIGHT, WishlistCard } from './wishlist-card';

const SECTIONS = [
  { key: 'mine', title: 'My wishlists', empty: 'You have no lists yet.', showOwner: false },
  { key: 'friends', title: 'Friends’ wishlists', empty: 'Your friends have not shared any lists with you yet.', showOwner: true },
  { key: 'public', title: 'Public wishlists', empty: 'Nobody else has a public list yet.', showOwner: true },
] as const;

const GRID = 'grid gap-4 sm:grid-cols-2 xl:grid-cols-3';

/**
 * Cards a section shows until the viewer asks for all of them (`?all=1`): a dashboard is a
 * glance, and every card is markup and React payload on every visit (the read still returns up
 * to DASHBOARD_LIMITS, so "all" needs no other query). Public lists have their own browse page.
 */
export const SHOWN_AT_FIRST = { mine: 12, friends: 9, public: 6 } as const;

/**
 * The three sections of the dashboard, from one query (plan 000's unified loading). `load`
 * replaces the data source (the benchmark's naive baseline, bench/); the view stays the same.
 */
export async function DashboardLists({
  sort,
  all,
  load = getWishlistDashboard,
}: {
  sort: Promise<WishlistSort>;
  /** Whether every card is shown (`?all=1`) or the first ones of each section. */
  all: Promise<boolean>;
  load?: (viewerId: string, sort: WishlistSort) => Promise<WishlistDashboard>;
}) {
  const viewer = await requireViewer();
  const [order, showAll] = await Promise.all([sort, all]);
  const dashboard = await load(viewer.id, order);
  const allHref = `/wishlists?all=1${order === DEFAULT_WISHLIST_SORT ? '' : `&sort=${order}`}` as Route;
  return (
    <div className="flex flex-col gap-8" data-testid="wishlist-sections">
      {SECTIONS.map((section) => (
        <ListSection key={section.key} id={section.key} title={section.title}>
          {dashboard[section.key].length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
              {section.empty}{' '}
              {section.key === 'mine' && (
                <Link href="/wishlists/new" className="font-medium text-brand-700 underline">
                  Create your first list
                </Link>
              )}
            </p>
          ) : (
            <>
              <ul className={GRID}>
                {(showAll ? dashboard[section.key] : dashboard[section.key].slice(0, SHOWN_AT_FIRST[section.key])).map((list: Card) => (
                  <li key={list.id}>
                    <WishlistCard list={list} showOwner={section.showOwner} />
                  </li>
                ))}
              </ul>
              {section.key === 'public' ? (
                <Link href="/public/wishlists" className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
                  Browse all public lists
                </Link>
              ) : (
                !showAll &&
                dashboard[section.key].length > SHOWN_AT_FIRST[section.key] && (
                  <Link href={allHref} className="mt-3 inline-block text-sm font-medium text-brand-700 underline">
                    Show all {dashboard[section.key].length} {section.key === 'mine' ? 'of my lists' : 'lists of my friends'}
                  </Link>
                )
              )}
            </>
          )}
        </ListSection>
      ))}
    </div>
  );
}

function ListSection({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function DashboardListsSkeleton() {
  return (
    <div className="flex flex-col gap-8" aria-hidden="true">
      {SECTIONS.map((section) => (
        <div key={section.key}>
          <Skeleton className="mb-3 h-7 w-48" />
          <div className={GRID}>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className={CARD_HEIGHT} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
