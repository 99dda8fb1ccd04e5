import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ModulePlaceholder } from '@/components/shell/module-placeholder';
import { Skeleton } from '@/components/ui/skeleton';
import { requireAdmin } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Ops' };

// proxy.ts answers 404 to non-admins before anything streams; the check here is the second lock.
export default function OpsPage() {
  return (
    <Suspense fallback={<Skeleton className="h-48 w-full" />}>
      <OpsConsole />
    </Suspense>
  );
}

async function OpsConsole() {
  await requireAdmin();
  return <ModulePlaceholder title="Ops" summary="Latency percentiles, statements per request, cache hit rate, background jobs and database health." />;
}
