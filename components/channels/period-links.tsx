import Link from 'next/link';
import type { Route } from 'next';
import { cn } from '@/components/ui/cn';
import { DEFAULT_PERIOD, PERIODS, type Period } from '@/lib/channels/types';

/** The period selector (7, 30 or 90 days), kept in the URL so that it survives reloads and links. */
export async function PeriodLinks({ period, basePath }: { period: Promise<Period>; basePath: Promise<string> | string }) {
  const [current, base] = await Promise.all([period, basePath]);
  return <PeriodLinksView current={current} basePath={base} />;
}

export function PeriodLinksView({ current, basePath }: { current: Period; basePath: string }) {
  return (
    <nav aria-label="Period" className="flex h-9 items-center gap-1 overflow-hidden text-sm">
      <span className="mr-1 text-slate-600">Period:</span>
      {PERIODS.map((period) => (
        <Link
          key={period}
          href={(period === DEFAULT_PERIOD ? basePath : `${basePath}?period=${period}`) as Route}
          aria-current={period === current ? 'true' : undefined}
          className={cn('rounded-md px-2 py-1', period === current ? 'bg-brand-50 font-medium text-brand-800' : 'text-slate-700 hover:bg-slate-100')}
          scroll={false}
        >
          {period} days
        </Link>
      ))}
    </nav>
  );
}
