import type { ComponentType, ReactNode } from 'react';
import { installedWidget } from '@/lib/modules/registry';

/**
 * How the builder finds every module's widget views, with no list to keep and without naming a
 * module: by convention, `components/<module>/widgets.tsx` exports
 *
 *   export const widgetViews = { '<module>.<widget>': { View, Skeleton } };
 *
 * and this partially dynamic import reaches it for any installed module. Webpack (production
 * builds) bundles every `components/<folder>/widgets.tsx` behind it, each in a chunk of its own
 * loaded on first use; Turbopack (`next dev`) resolves the same pattern. A module that declares
 * widgets in its manifest and has no views file shows "not available" on those components.
 */
export interface WidgetView {
  /** The widget's content for its loaded data and config (a server component). */
  View: (props: { data: never; config: never }) => ReactNode | Promise<ReactNode>;
  /** Placeholder blocks of the View's exact size. */
  Skeleton: (props: { config: never }) => ReactNode;
}

type Views = Record<string, WidgetView | undefined>;

const byModule = new Map<string, Promise<Views>>();

function viewsOf(module: string): Promise<Views> {
  let views = byModule.get(module);
  if (!views) {
    views = import(/* webpackInclude: /[\\/]widgets\.tsx$/ */ `../${module}/widgets`)
      .then((loaded: { widgetViews?: Views }) => loaded.widgetViews ?? {})
      .catch(() => ({}));
    byModule.set(module, views);
  }
  return views;
}

/** The view of an installed widget type, or undefined (not installed, or no view for it). */
export async function widgetView(type: string): Promise<WidgetView | undefined> {
  const widget = installedWidget(type);
  if (!widget) return undefined;
  return (await viewsOf(widget.module))[type];
}

/** A view's parts with untyped props: each module types its own data and config. */
export function untyped(view: WidgetView) {
  return {
    View: view.View as unknown as ComponentType<{ data: unknown; config: unknown }>,
    Skeleton: view.Skeleton as unknown as ComponentType<{ config: unknown }>,
  };
}
