import { Suspense, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { Skeleton } from '@/components/ui/skeleton';
import { installedWidget } from '@/lib/modules/registry';
import { aboveTheFold } from '@/lib/projects/layout';
import type { ComponentRecord, DashboardView } from '@/lib/projects/types';
import { loadComponentData, type ComponentData } from '@/lib/projects/widgets';
import { ComponentError, ComponentSlot, type LoadComponents } from './component-slot';
import { FRAME, GRID, SPAN, spanStyle } from './grid-style';
import { untyped, widgetView, type WidgetView } from './widget-views';

/*
 * A dashboard's grid: 12 columns (one on small screens), rows of 4rem, each component a frame of
 * its own size in columns and rows. The frame's size comes from the grid alone, so its skeleton
 * and its content have the same size whatever either holds: nothing moves when data arrives.
 *
 * Progressive (plan 004's phase 6, the default): the frames and every skeleton come first; each
 * component above the fold streams in its own Suspense boundary as soon as its own data is ready,
 * all of them loading in parallel; those below the fold are loaded by the browser when they near
 * the viewport (ComponentSlot). One pass (ENABLE_PROGRESSIVE_LOADING=false, and the benchmark's
 * naive variant): every component's data first, then the whole page at once.
 */

export type LoadingMode = 'progressive' | 'one-pass';

export const widgetTitle = (type: string) => installedWidget(type)?.definition.title ?? 'Widget not available';

/** The config a skeleton is drawn for: the stored one when its schema accepts it, else the widget's default. */
function skeletonConfig(component: Pick<ComponentRecord, 'type' | 'config'>): unknown {
  const widget = installedWidget(component.type);
  if (!widget) return {};
  const parsed = widget.definition.config.safeParse(component.config);
  return parsed.success ? parsed.data : widget.definition.defaultConfig;
}

/** A component's skeleton: its widget's own, or a title and lines. */
export function ComponentSkeleton({ view, component }: { view: WidgetView | undefined; component: Pick<ComponentRecord, 'type' | 'config'> }) {
  if (!view) {
    return (
      <div aria-hidden="true">
        <Skeleton className="h-6 w-40" />
        <Skeleton className="mt-3 h-4 w-3/4" />
      </div>
    );
  }
  const { Skeleton: WidgetSkeleton } = untyped(view);
  return (
    <div aria-hidden="true" className="h-full" data-component-skeleton="">
      <WidgetSkeleton config={skeletonConfig(component)} />
    </div>
  );
}

/** What a component shows once its data is loaded: its view, or its own error. */
export function ComponentBody({ component, result, view }: { component: Pick<ComponentRecord, 'id'>; result: ComponentData; view: WidgetView | undefined }) {
  if (result.status !== 'ok') return <ComponentError title={result.title} message={result.message} retryable={result.status === 'failed'} />;
  if (!view) return <ComponentError title={result.title} message="This widget has no view to show it." retryable={false} />;
  const { View } = untyped(view);
  return (
    <div className="h-full" data-component-content={component.id}>
      <View data={result.data} config={result.config} />
    </div>
  );
}

/** A component above the fold (and the builder's previews): its data, then its view (streamed in its own boundary). */
export async function StreamedComponent({ viewerId, component, view }: { viewerId: string; component: ComponentRecord; view: WidgetView | undefined }) {
  return <ComponentBody component={component} result={await loadComponentData(viewerId, component)} view={view} />;
}

/** The loaded content of some components of a dashboard, by id (lazy frames and Retry: the page's server action). */
export async function renderComponents(viewerId: string, dashboard: DashboardView, ids: readonly string[]): Promise<Record<string, ReactNode>> {
  const wanted = new Set(ids);
  const chosen = dashboard.components.filter((component) => wanted.has(component.id));
  const rendered = await Promise.all(
    chosen.map(async (component) => {
      const [view, result] = await Promise.all([widgetView(component.type), loadComponentData(viewerId, component)]);
      return [component.id, <ComponentBody key={component.id} component={component} result={result} view={view} />] as const;
    }),
  );
  return Object.fromEntries(rendered);
}

export async function DashboardGrid({
  dashboard,
  viewerId,
  mode,
  load,
  preloaded,
}: {
  dashboard: DashboardView;
  viewerId: string;
  mode: LoadingMode;
  /** Loads components again (lazy frames, Retry); absent on public pages (Retry reloads the page). */
  load?: LoadComponents;
  /** One pass with the data already loaded (the public page's cached data). */
  preloaded?: Record<string, ComponentData>;
}) {
  const { components } = dashboard;
  if (components.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">This dashboard has no components yet.</p>;
  }
  const above = aboveTheFold(components);
  const views = await Promise.all(components.map((component) => widgetView(component.type)));
  // One pass: everything first, in parallel.
  const data =
    mode === 'one-pass'
      ? (preloaded ?? Object.fromEntries(await Promise.all(components.map(async (component) => [component.id, await loadComponentData(viewerId, component)] as const))))
      : null;
  return (
    <div className={GRID} data-loading-mode={mode}>
      {components.map((component, index) => {
        const view = views[index];
        const skeleton = <ComponentSkeleton view={view} component={component} />;
        const lazy = mode === 'progressive' && !above[index];
        const title = widgetTitle(component.type);
        return (
          <section
            key={component.id}
            aria-label={title}
            data-component={component.id}
            data-fold={above[index] ? 'above' : 'below'}
            className={cn(FRAME, SPAN)}
            style={spanStyle(component.width, component.height)}
          >
            <ComponentSlot componentId={component.id} dashboardId={dashboard.id} title={title} lazy={lazy} skeleton={skeleton} load={load}>
              {data ? (
                <ComponentBody component={component} result={data[component.id] ?? { status: 'unavailable', title, message: 'Not loaded.' }} view={view} />
              ) : lazy ? null : (
                <Suspense fallback={skeleton}>
                  <StreamedComponent viewerId={viewerId} component={component} view={view} />
                </Suspense>
              )}
            </ComponentSlot>
          </section>
        );
      })}
    </div>
  );
}
