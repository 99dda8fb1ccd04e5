import { processGlobal } from '@/lib/process-global';
import type { RequestMetrics } from '@/lib/metrics/context';

/**
 * What a page render depended on, handed from the render (lib/metrics/next.ts, when the page's
 * books close) to the server that may keep its output (./server.ts). The server names each
 * render it wants to hear about with the RENDER_ID_HEADER it sets on the request.
 */
export const RENDER_ID_HEADER = 'x-brisk-render';

export interface RenderOutcome {
  /** The route as Next names it (`/wishlists/[id]`). */
  route: string;
  viewerId: string | null;
  tags: string[];
  /** The shortest lifetime of the cached reads it made (ms), or null when it made none. */
  minTtl: number | null;
  /** Statements run outside any cached read's loader: the output then depends on untagged data. */
  uncachedStatements: number;
}

const waiting = processGlobal('renderOutcomes', () => new Map<string, (outcome: RenderOutcome) => void>());

/** Waits for the outcome of the render with this id (null when none is reported in time). */
export function expectRenderOutcome(renderId: string, timeoutMs: number): Promise<RenderOutcome | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(renderId);
      resolve(null);
    }, timeoutMs);
    timer.unref();
    waiting.set(renderId, (outcome) => {
      clearTimeout(timer);
      waiting.delete(renderId);
      resolve(outcome);
    });
  });
}

/** Called when a page render's books close; a render nobody waits for is ignored. */
export function reportRenderOutcome(renderId: string | null, metrics: RequestMetrics): void {
  if (!renderId) return;
  waiting.get(renderId)?.({
    route: metrics.route,
    viewerId: metrics.viewerId ?? null,
    tags: [...metrics.reads.tags],
    minTtl: metrics.reads.minTtl,
    uncachedStatements: metrics.reads.uncachedStatements,
  });
}
