import { CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import type { NoteConfig } from '@/lib/projects/module';

/*
 * The Projects widgets of the builder (lib/projects/module.ts, `widgets`): a note, which reads
 * nothing (it is its config), so it shows the same to members and on public dashboards.
 */
export const widgetViews = {
  'projects.note': {
    View: ({ data }: { data: NoteConfig; config: NoteConfig }) => (
      <div className="flex h-full flex-col">
        <CardTitle>{data.title}</CardTitle>
        <p className="mt-2 min-h-0 flex-1 overflow-hidden text-sm whitespace-pre-line text-slate-700">{data.text}</p>
      </div>
    ),
    Skeleton: () => (
      <div className="flex h-full flex-col">
        <Skeleton className="h-6 w-32" />
        <Skeleton className="mt-2 h-4 w-full" />
        <Skeleton className="mt-1.5 h-4 w-4/5" />
      </div>
    ),
  },
};
