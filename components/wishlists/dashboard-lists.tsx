import Link from 'next/link';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getWishlistDashboard } from '@/lib/wishlists/queries';
import type { WishlistCard as Card, WishlistDashboard, WishlistSort } from '@/lib/wishlists/types';
import { CARD_HEIGHT, WishlistCard } from './wishlist-card';

const SECTIONS = [
  { key: 'mine', title: 'My wishlists', empty: 'You have no lists yet.', showOwner: false },
  { key: 'friends', title: 'Friends’ wishlists', empty: 'Your friends have not shared any lists with you yet.', showOwner: true },
  { key: 'public', title: 'Public wishlists', empty: 'Nobody else has a public list yet.', showOwner: true },
] as const;

const GRID = 'grid gap-4 sm:grid-cols-2 xl:grid-cols-3';

/**
 * The three sections of the dashboard, from one query (plan 000's unified loading). `load`
 * replaces the data source (the benchmark's naive baseline, bench/); the view stays the same.
 */
export async function DashboardLists({
  sort,
  load = getWishlistDashboard,
}: {
  sort: Promise<WishlistSort>;
  load?: (viewerId: string, sort: WishlistSort) => Promise<WishlistDashboard>;
}) {
  const viewer = await requireViewer();
  const dashboard = await load(viewer.id, await sort);
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
            <ul className={GRID}>
              {dashboard[section.key].map((list: Card) => (
                <li key={list.id}>
                  <WishlistCard list={list} showOwner={section.showOwner} />
                </li>
              ))}
            </ul>
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
