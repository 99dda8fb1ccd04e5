import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { PRODUCT_NAV } from '@/components/shell/modules';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getCachedFriendSummary } from '@/lib/people/queries';

export const metadata: Metadata = { title: 'Home' };

export default function HomePage() {
  return (
    <div className="flex flex-col gap-8">
      <Suspense fallback={<WelcomeSkeleton />}>
        <Welcome />
      </Suspense>
      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading" className="mb-3 text-lg font-semibold">
          Dashboards
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {PRODUCT_NAV.map((module) => (
            <li key={module.href}>
              <Link href={module.href} className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600">
                <span className="font-semibold text-slate-900">{module.label}</span>
                <span className="mt-1 block text-sm text-slate-600">{module.description}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

async function Welcome() {
  const viewer = await requireViewer();
  const friends = await getCachedFriendSummary(viewer.id);
  return (
    <Card className="h-32" data-testid="welcome">
      {/* A new account with no friend yet is greeted as new (lib/people/queries.ts, newcomer). */}
      <h1 className="text-2xl font-semibold">{friends.newcomer ? 'Welcome' : 'Welcome back'}, {viewer.name}</h1>
      <p className="mt-2 text-slate-600">
        {plural(friends.friends, 'friend')} · {plural(friends.incomingRequests, 'friend request')} waiting for you ·{' '}
        {plural(friends.outgoingRequests, 'request')} you sent
      </p>
    </Card>
  );
}

function WelcomeSkeleton() {
  return (
    <Card className="h-32">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="mt-3 h-5 w-96 max-w-full" />
    </Card>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
