'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { QueryProvider } from '@/components/providers/query-provider';

interface ItemState {
  id: string;
  metadataStatus: 'pending' | 'done' | 'failed' | null;
}

/** Polls the items' metadata states every second and re-renders the list once none is pending. */
export function MetadataPoller(props: { wishlistId: string; pendingItemIds: string[] }) {
  return (
    <QueryProvider>
      <Poller {...props} />
    </QueryProvider>
  );
}

function Poller({ wishlistId, pendingItemIds }: { wishlistId: string; pendingItemIds: string[] }) {
  const router = useRouter();
  const { data } = useQuery({
    queryKey: ['item-metadata', wishlistId, pendingItemIds],
    queryFn: async () => {
      const response = await fetch(`/api/v1/wishlists/${wishlistId}/items`, { cache: 'no-store' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return ((await response.json()) as { items: ItemState[] }).items;
    },
    refetchInterval: (query) => (query.state.data?.some((item) => pendingItemIds.includes(item.id) && item.metadataStatus === 'pending') === false ? false : 1_000),
  });
  const settled = data !== undefined && !data.some((item) => pendingItemIds.includes(item.id) && item.metadataStatus === 'pending');
  useEffect(() => {
    if (settled) router.refresh();
  }, [settled, router]);
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {settled ? 'Item details updated.' : 'Reading item pages…'}
    </p>
  );
}
