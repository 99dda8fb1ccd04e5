import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getSponsorAccess } from '@/lib/sponsors/queries';
import type { SponsorAccess } from '@/lib/sponsors/types';
import { ROLE_NAMES } from './format';

export type SponsorTab = 'analytics' | 'codes' | 'analyses' | 'team';
const TABS: { key: SponsorTab; label: string; path: string }[] = [
  { key: 'analytics', label: 'Analytics', path: '' },
  { key: 'codes', label: 'Codes', path: '/codes' },
  { key: 'analyses', label: 'Analyses', path: '/analyses' },
  { key: 'team', label: 'Team', path: '/team' },
];

const HEIGHT = 'h-[5.75rem]';

/**
 * The viewer's access to the sponsor of the page, or a 404. The proxy has already answered 404 to
 * anyone who may not see it; this is the second lock. Cached (the proxy's check filled the entry).
 */
export async function sponsorAccessOf(id: Promise<string>): Promise<SponsorAccess> {
  const viewer = await requireViewer();
  const access = await getSponsorAccess(viewer, await id);
  if (!access) notFound();
  return access;
}

/** A sponsor page's heading and tabs; its name streams in behind a skeleton of the same height. */
export function SponsorHeader({ id, current }: { id: Promise<string>; current: SponsorTab }) {
  return (
    <Suspense fallback={<SponsorHeaderSkeleton />}>
      <SponsorHeaderContent id={id} current={current} />
    </Suspense>
  );
}

async function SponsorHeaderContent({ id, current }: { id: Promise<string>; current: SponsorTab }) {
  const access = await sponsorAccessOf(id);
  return (
    <header className={cn(HEIGHT, 'flex flex-col justify-between gap-2')}>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{access.name}</h1>
        <Badge tone={access.role === 'admin' ? 'warning' : 'brand'}>{ROLE_NAMES[access.role]}</Badge>
      </div>
      <nav aria-label="Sponsor" className="flex gap-1 overflow-x-auto">
        {TABS.map((tab) => (
          <Link
            key={tab.key}
            href={`/sponsors/${access.sponsorId}${tab.path}`}
            aria-current={tab.key === current ? 'page' : undefined}
            className={cn('rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap', tab.key === current ? 'bg-brand-50 text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}

function SponsorHeaderSkeleton() {
  return (
    <div className={cn(HEIGHT, 'flex flex-col justify-between gap-2')} aria-hidden="true">
      <Skeleton className="h-8 w-64" />
      <div className="flex gap-1">
        {TABS.map((tab) => (
          <Skeleton key={tab.key} className="h-8 w-20" />
        ))}
      </div>
    </div>
  );
}
