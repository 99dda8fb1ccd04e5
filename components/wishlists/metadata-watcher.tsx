'use client';

import dynamic from 'next/dynamic';

/**
 * While the metadata job reads the pages of new items, polls their state and re-renders the list
 * once none is pending. Loaded only when a list has pending items: the polling client (TanStack
 * Query) is never part of a page's first load.
 */
export const MetadataWatcher = dynamic(() => import('./metadata-poller').then((loaded) => loaded.MetadataPoller), { ssr: false });
