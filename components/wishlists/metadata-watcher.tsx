'use client';

import { lazy, Suspense } from 'react';

/**
 * While the metadata job reads the pages of new items, polls their state and re-renders the list
 * once none is pending. Its code (TanStack Query) is fetched only when a list has pending items
 * (React.lazy: next/dynamic would add its own 2 kB to every first load of the page).
 */
const MetadataPoller = lazy(() => import('./metadata-poller').then((loaded) => ({ default: loaded.MetadataPoller })));

export function MetadataWatcher(props: { wishlistId: string; pendingItemIds: string[] }) {
  return (
    <Suspense fallback={null}>
      <MetadataPoller {...props} />
    </Suspense>
  );
}
