'use client';

import { Component, createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

/**
 * The client side of a dashboard component's frame (components/projects/dashboard-grid.tsx):
 * - above the fold, the server streams the content in (its own Suspense boundary) and this only
 *   stands by to retry;
 * - below the fold, it shows the skeleton and asks for the content when the frame comes within
 *   600 px of the viewport (IntersectionObserver), together with every other frame that does so
 *   in the same moment: one server action call for all of them (server actions run one at a
 *   time, so one per frame would queue);
 * - a failure (a widget whose data could not be loaded, or a render error) shows the
 *   component's own error with a Retry button: never the page's.
 */

/** Loads the content of some of a dashboard's components (a server action, bound by the page). */
export type LoadComponents = (dashboardId: string, componentIds: string[]) => Promise<{ ok: true; value: Record<string, ReactNode> } | { ok: false; message: string }>;

const RetryContext = createContext<(() => void) | null>(null);

interface Pending {
  ids: Set<string>;
  waiters: Map<string, { resolve: (node: ReactNode) => void; reject: (error: unknown) => void }[]>;
}

/** Frames that ask within one batch window share a request. */
const BATCH_MS = 16;
const batches = new Map<LoadComponents, Map<string, Pending>>();

function requestContent(load: LoadComponents, dashboardId: string, componentId: string): Promise<ReactNode> {
  let byDashboard = batches.get(load);
  if (!byDashboard) batches.set(load, (byDashboard = new Map()));
  let pending = byDashboard.get(dashboardId);
  if (!pending) {
    const batch: Pending = { ids: new Set(), waiters: new Map() };
    pending = batch;
    byDashboard.set(dashboardId, batch);
    setTimeout(() => {
      byDashboard!.delete(dashboardId);
      const ids = [...batch.ids];
      load(dashboardId, ids).then(
        (result) => {
          const nodes = result.ok ? result.value : {};
          for (const id of ids) {
            for (const waiter of batch.waiters.get(id) ?? []) {
              if (id in nodes) waiter.resolve(nodes[id]);
              else waiter.reject(new Error('not returned'));
            }
          }
        },
        (error: unknown) => {
          for (const waiters of batch.waiters.values()) for (const waiter of waiters) waiter.reject(error);
        },
      );
    }, BATCH_MS);
  }
  pending.ids.add(componentId);
  return new Promise((resolve, reject) => {
    const waiters = pending.waiters.get(componentId) ?? [];
    waiters.push({ resolve, reject });
    pending.waiters.set(componentId, waiters);
  });
}

class ErrorBoundary extends Component<{ fallback: (reset: () => void) => ReactNode; children: ReactNode; resetKey: number }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidUpdate(previous: { resetKey: number }) {
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }
  render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}

export function ComponentSlot({
  componentId,
  dashboardId,
  title,
  lazy,
  skeleton,
  load,
  children,
}: {
  componentId: string;
  dashboardId: string;
  title: string;
  /** Below the fold: load when the frame nears the viewport. */
  lazy: boolean;
  /** The widget's skeleton (server-rendered), shown while its content is on its way. */
  skeleton: ReactNode;
  /** Loads content again (lazy frames, Retry); without it, Retry reloads the page. */
  load?: LoadComponents;
  /** The server-streamed content (frames above the fold). */
  children?: ReactNode;
}) {
  const [content, setContent] = useState<ReactNode | undefined>(undefined);
  const [state, setState] = useState<'idle' | 'loading' | 'error'>('idle');
  const [attempt, setAttempt] = useState(0);
  const frame = useRef<HTMLDivElement>(null);

  const fetchContent = useCallback(() => {
    if (!load) {
      window.location.reload();
      return;
    }
    setState('loading');
    requestContent(load, dashboardId, componentId).then(
      (node) => {
        setContent(node);
        setState('idle');
        setAttempt((n) => n + 1);
      },
      () => setState('error'),
    );
  }, [load, dashboardId, componentId]);

  useEffect(() => {
    if (!lazy || content !== undefined) return;
    const element = frame.current;
    if (!element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          fetchContent();
        }
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
    // Once per frame: a retry goes through fetchContent itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lazy]);

  const errorView = (retry: () => void) => <ComponentErrorView title={title} message="It could not be shown right now." retry={retry} />;
  let body: ReactNode;
  if (state === 'error') body = errorView(fetchContent);
  else if (state === 'loading' && content === undefined && !lazy) body = skeleton;
  else if (content !== undefined) body = content;
  else if (lazy) body = skeleton;
  else body = children;

  return (
    <div ref={frame} className="h-full" data-state={state === 'error' ? 'error' : content === undefined && lazy ? 'waiting' : 'ready'}>
      <RetryContext.Provider value={fetchContent}>
        <ErrorBoundary resetKey={attempt} fallback={() => errorView(fetchContent)}>
          {body}
        </ErrorBoundary>
      </RetryContext.Provider>
    </div>
  );
}

/** A component's own error, with Retry (inside a ComponentSlot: it reloads that component alone). */
export function ComponentError({ title, message, retryable = true }: { title: string; message: string; retryable?: boolean }) {
  const retry = useContext(RetryContext);
  return <ComponentErrorView title={title} message={message} retry={retryable && retry ? retry : undefined} />;
}

function ComponentErrorView({ title, message, retry }: { title: string; message: string; retry?: () => void }) {
  return (
    <div role="alert" className="flex h-full flex-col items-start gap-2">
      <p className="text-base font-semibold text-slate-900">{title}</p>
      <p className="text-sm text-red-800">{message}</p>
      {retry && (
        <button
          type="button"
          onClick={retry}
          aria-label={`Retry ${title}`}
          className={cn('inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:bg-slate-100')}
        >
          Retry
        </button>
      )}
    </div>
  );
}
