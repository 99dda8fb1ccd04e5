'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';

/**
 * The owner's share affordance on a public list: the share page's link, and a button that copies
 * its full address. Without JavaScript (or clipboard access) the link itself still works.
 */
export function ShareLink({ path }: { path: string }) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(new URL(path, window.location.origin).toString());
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="share-link">
      <a href={path} className="font-medium text-brand-700 underline">
        Share page
      </a>
      <Button variant="secondary" className="h-8 px-3" onClick={copy}>
        Copy link
      </Button>
      <span role="status" className="w-32 text-xs text-slate-600">
        {copied === 'yes' ? 'Link copied.' : copied === 'no' ? 'Copy the link above.' : ''}
      </span>
    </div>
  );
}
