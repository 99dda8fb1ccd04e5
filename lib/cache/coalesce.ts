/**
 * Coalesced invalidation, for changes that arrive as a stream nobody waits to read back (a
 * collector's metric batches): a tag is dropped at once the first time, then at most once per
 * window. Changes that arrive inside a window are dropped together when it ends, which opens the
 * next window; a window that ends with nothing new closes. So a quiet feed's change shows on the
 * next request, and a busy one costs the caches one drop per tag and window instead of one per
 * change, while nothing stays cached longer than a window after its change.
 *
 * The windows are per process: N instances drop a tag at most N times per window. A process that
 * stops with a window open leaves the entries to their lifetimes (the cache kinds' TTLs).
 */
export interface TagCoalescer {
  /** Drops the tags that are not inside a window now; the others when their window ends. */
  invalidate(tags: readonly string[], windowMs: number): Promise<void>;
  /** Tags whose drop waits for the end of their window. */
  pending(): number;
}

/** One window, opened for the tags dropped together; they also end together (one drop, one bus message). */
interface TagWindow {
  endsAt: number;
  tags: string[];
  /** Tags changed inside the window: dropped when it ends. */
  changed: Set<string>;
}

export function createTagCoalescer(drop: (tags: readonly string[]) => Promise<void>, onError: (error: unknown) => void): TagCoalescer {
  const windowOf = new Map<string, TagWindow>();

  const open = (tags: string[], windowMs: number) => {
    const window: TagWindow = { endsAt: Date.now() + windowMs, tags, changed: new Set() };
    for (const tag of tags) windowOf.set(tag, window);
    // An open window never keeps a process (a script, a test run) alive.
    setTimeout(() => close(window, windowMs), windowMs).unref?.();
  };

  const close = (window: TagWindow, windowMs: number) => {
    for (const tag of window.tags) if (windowOf.get(tag) === window) windowOf.delete(tag);
    // A tag dropped at once since (its window had ended before this timer ran) needs nothing more.
    const changed = [...window.changed].filter((tag) => !windowOf.has(tag));
    if (changed.length === 0) return;
    open(changed, windowMs);
    drop(changed).catch(onError);
  };

  return {
    async invalidate(tags, windowMs) {
      const now: string[] = [];
      for (const tag of new Set(tags)) {
        const window = windowOf.get(tag);
        if (window && window.endsAt > Date.now()) window.changed.add(tag);
        else now.push(tag);
      }
      if (now.length === 0) return;
      if (windowMs > 0) open(now, windowMs);
      await drop(now);
    },
    pending: () => [...new Set(windowOf.values())].reduce((sum, window) => sum + window.changed.size, 0),
  };
}
