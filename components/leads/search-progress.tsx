'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { SearchState } from '@/lib/leads/types';

interface Progress {
  searchState: SearchState;
  searchProgress: string | null;
}

/**
 * Where a search of this source is. While it is queued or running, asks the API once a second;
 * when it is done, re-renders the page (new log lines, health, mentions). The page keys it by
 * the search's state and request time, so a new search starts it afresh.
 */
export function SearchProgress({ integrationId, initial }: { integrationId: string; initial: Progress }) {
  const router = useRouter();
  const [progress, setProgress] = useState(initial);
  const busy = progress.searchState !== 'idle';
  useEffect(() => {
    if (!busy) return;
    let stopped = false;
    const timer = setInterval(async () => {
      try {
        const response = await fetch(`/api/v1/leads/integrations/${integrationId}/progress`, { cache: 'no-store' });
        if (!response.ok || stopped) return;
        const next = (await response.json()) as Progress;
        setProgress(next);
        if (next.searchState === 'idle') {
          stopped = true;
          clearInterval(timer);
          router.refresh();
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
    }, 1_000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [busy, integrationId, router]);
  return (
    <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-700" data-testid="search-progress">
      {progress.searchState === 'queued' ? `Search queued: ${progress.searchProgress ?? 'waiting for its turn'}…` : progress.searchState === 'running' ? `Searching: ${progress.searchProgress ?? 'working'}…` : 'No search under way.'}
    </p>
  );
}
