/**
 * The cache of whole prerendered pages (Next's ISR cache, `cacheHandler` in next.config.mjs): Next's
 * own file-system cache, with one fix. Next dates a stored page by when it was stored, and drops
 * it when one of its tags expires later than that. A page whose render began before a tag expired
 * and ended after it (a write committed while the page rendered, e.g. a background job finishing
 * while a visitor's first request for a share page was under way) was therefore kept with the
 * old data until its hourly revalidation. Here a stored page is dated by the start of its render,
 * as Next dates `'use cache'` entries by the start of their computation: an invalidation made
 * during the render, on this instance or (arriving later through Redis) on another, drops it.
 * The start is the first read of the page's key since its last store: never later than the
 * render's real start (a hit that led to no render makes the date earlier, which costs at most
 * one more render).
 *
 * Plain ESM JavaScript like next-cache-handler.mjs, for the same reason: Next imports it with
 * Node itself.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { default: FileSystemCache } = require('next/dist/server/lib/incremental-cache/file-system-cache.js');

/** Keys of pages being rendered → when the first read since the last store happened. */
const renderStarts = new Map();
/** A read that never led to a store (a page served from the cache) is forgotten after this long. */
const FORGET_AFTER_MS = 10 * 60 * 1000;
const MAX_TRACKED = 10_000;

export default class PageCacheHandler extends FileSystemCache {
  async get(key, ctx) {
    const at = Date.now();
    const started = renderStarts.get(key);
    if (started === undefined || at - started > FORGET_AFTER_MS) {
      renderStarts.delete(key);
      renderStarts.set(key, at);
      if (renderStarts.size > MAX_TRACKED) renderStarts.delete(renderStarts.keys().next().value);
    }
    return super.get(key, ctx);
  }

  async set(key, data, ctx) {
    const started = renderStarts.get(key);
    renderStarts.delete(key);
    await super.set(key, data, ctx);
    // Next's memory layer is what its reads check first (a process-wide LRU of { value, lastModified }).
    const stored = started === undefined ? undefined : FileSystemCache.memoryCache?.get(key);
    // A millisecond earlier: tag times are whole milliseconds, and an invalidation in the same
    // millisecond as the read must count as after it (at worst one more render).
    if (stored && stored.value === data && stored.lastModified >= started) stored.lastModified = started - 1;
  }
}
