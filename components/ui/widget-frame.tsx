import { connection } from 'next/server';
import { Suspense, type ReactNode } from 'react';
import { cn } from './cn';
import { Skeleton } from './skeleton';

/**
 * Every dashboard widget, declared once: its size, its name and its skeleton.
 *
 *   <WidgetFrame size="h-72" label="Upcoming events" skeleton={<UpcomingEventsSkeleton />}>
 *     <UpcomingEventsWidget />
 *   </WidgetFrame>
 *
 * The widget streams on its own (its own Suspense boundary). Until it arrives, the same frame, of
 * the same `size`, holds the skeleton: the frame has a fixed height, so the skeleton has the
 * content's exact size whatever either holds, and nothing moves when the data replaces it (CLS 0).
 * `size` must therefore fix the height (`h-72`, `h-[36rem]`, responsive variants allowed); the
 * width comes from where the widget is placed.
 *
 * A `scroll` widget scrolls inside its frame when its content is longer: the frame is then
 * focusable (keyboard users scroll it with the arrow keys) and named by `label`, and a shadow at
 * its bottom (and top, once scrolled) shows that it holds more rows; the shadows are painted by
 * CSS alone (`scroll-shadows` in app/globals.css) and appear only while there is more to see.
 * Tables inside it (DataTable) keep their header row in view. Any other widget clips to its frame.
 *
 * `label` names the widget's region for assistive technology (usually the widget's title). The
 * frame is rendered at request time with the content: whatever is static inside a Suspense
 * boundary is prerendered into the shell (Partial Prerendering), and the shell holds the
 * skeletons and none of the widget's words (e2e/budgets.spec.ts).
 */
export function WidgetFrame({
  size,
  label,
  skeleton,
  scroll = false,
  className,
  children,
}: {
  /** A fixed height class shared by the content and the skeleton, e.g. `h-72`. */
  size: string;
  /** The widget's accessible name (usually its title). */
  label: string;
  /** Placeholder blocks (Skeleton) laid out like the content; rendered in the same frame. */
  skeleton: ReactNode;
  /** The content may be longer than the frame: scroll inside it. */
  scroll?: boolean;
  /** Extra classes for both frames (not the padding: a DataTable's sticky header offsets it). */
  className?: string;
  children: ReactNode;
}) {
  return (
    <Suspense
      fallback={
        <div aria-hidden="true" className={cn(FRAME, size, 'overflow-hidden', className)}>
          {skeleton}
        </div>
      }
    >
      <ContentFrame size={size} label={label} scroll={scroll} className={className}>
        {children}
      </ContentFrame>
    </Suspense>
  );
}

async function ContentFrame({ size, label, scroll, className, children }: { size: string; label: string; scroll: boolean; className?: string; children: ReactNode }) {
  // Request time, like the content it frames (see above).
  await connection();
  return (
    <section
      aria-label={label}
      tabIndex={scroll ? 0 : undefined}
      data-scroll={scroll ? '' : undefined}
      className={cn(FRAME, size, 'group/widget', scroll ? 'scroll-shadows overflow-y-auto overscroll-contain' : 'overflow-hidden', className)}
    >
      {children}
    </section>
  );
}

const FRAME = 'rounded-lg border border-slate-200 bg-white p-5 shadow-sm';

/** The usual skeleton of a widget: a title and `rows` lines. */
export function RowsSkeleton({ rows, title = 'w-40' }: { rows: number; title?: string }) {
  return (
    <>
      <Skeleton className={cn('h-6', title)} />
      <div className="mt-3 flex flex-col gap-2">
        {Array.from({ length: rows }, (_, i) => (
          <Skeleton key={i} className="h-5 w-full" />
        ))}
      </div>
    </>
  );
}
