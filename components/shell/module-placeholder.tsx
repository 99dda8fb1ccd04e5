import { EmptyState } from '@/components/ui/empty-state';

/** What a product page shows until its module is built: no invented figures. */
export function ModulePlaceholder({ title, summary }: { title: string; summary: string }) {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{title}</h1>
      <EmptyState title={`${title} is not built yet`}>
        <p>{summary}</p>
        <p className="mt-2">There is no data to show here until this module is built.</p>
      </EmptyState>
    </div>
  );
}
