'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

/** Re-renders the console every few seconds while the operator keeps it live. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  const [live, setLive] = useState(true);
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [live, seconds, router]);
  return (
    <Button variant="secondary" className="h-9 w-44" aria-pressed={live} onClick={() => setLive((value) => !value)}>
      {live ? `Live (every ${seconds} s)` : 'Paused: resume'}
    </Button>
  );
}
