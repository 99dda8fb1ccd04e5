import type { Metadata } from 'next';
import Link from 'next/link';
import { IndexAdviceWidget, TablesWidget } from '@/components/ops/database';
import { RowsSkeleton, WidgetFrame } from '@/components/ui/widget-frame';

export const metadata: Metadata = { title: 'Database · Ops' };

// Admins only (proxy.ts answers 404 to everyone else, and each widget checks again).
export default function OpsDatabasePage() {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Database</h1>
        <Link href="/ops" className="text-sm font-medium text-brand-700 underline">
          Back to the ops console
        </Link>
      </div>
      <WidgetFrame size="h-[44rem]" label="Index advice" scroll skeleton={<RowsSkeleton rows={16} />}>
        <IndexAdviceWidget />
      </WidgetFrame>
      <WidgetFrame size="h-[36rem]" label="Tables and partitions" scroll skeleton={<RowsSkeleton rows={12} />}>
        <TablesWidget />
      </WidgetFrame>
    </div>
  );
}
