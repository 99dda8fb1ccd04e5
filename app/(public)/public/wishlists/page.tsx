import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PublicBrowseFilters, PublicBrowseFiltersView, PublicListResults, PublicListResultsSkeleton } from '@/components/wishlists/public-browse';

export const metadata: Metadata = {
  title: 'Public wishlists',
  description: 'Wishlists their owners share with everyone: find one by occasion or by price.',
  openGraph: { type: 'website', siteName: 'Brisk', title: 'Public wishlists' },
};

/** Public lists for everybody, signed out included: the shell is prerendered, the URL's page streams in. */
export default function PublicWishlistsPage({ searchParams }: PageProps<'/public/wishlists'>) {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-semibold">Public wishlists</h1>
        <p className="mt-1 max-w-prose text-slate-600">Lists their owners share with everyone. Open one to see what is on it.</p>
      </div>
      <Suspense fallback={<PublicBrowseFiltersView />}>
        <PublicBrowseFilters searchParams={searchParams} />
      </Suspense>
      <Suspense fallback={<PublicListResultsSkeleton />}>
        <PublicListResults searchParams={searchParams} />
      </Suspense>
    </div>
  );
}
