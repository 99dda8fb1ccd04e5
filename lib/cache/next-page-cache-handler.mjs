/**
 * The cache of whole prerendered pages (Next's ISR cache, `cacheHandler` in next.config.ts): Next's
 * own file-system cache, with one fix. Next dates a stored page by when it was stored, and drops
 * it when one of its tags expires later than that. A page whose render began before a tag expired
 * and ended after it (a write committed while the page rendered, e.g. a background job finishing
 * while a visitor's first request for a share page was under way) was therefore kept with the
 * old data until its hourly revalidation. Here such a page is not stored: the next request
 * renders it again. The render is dated by the first read of its key since the last store, never
 * later than the render's real start. `'use cache'` entries do not need this: Next dates them by
 * when their computation began.
 *
 * Plain ESM JavaScript like next-cache-handler.mjs, for the same reason: Next imports it with
 * Node itself.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { default: FileSystemCache } = require('next/dist/server/lib/incremental-cache/file-system-cache.js');
const { tagsManifest } = require('next/dist/server/lib/incremental-cache/tags-manifest.external.js');
const { NEXT_CACHE_TAGS_HEADER } = require('next/dist/lib/constants.js');

/** Keys whose page is being rendered → when the first read since the last store happened. */
const renderStarts = new Map();
/** A read that never led to a store (a page served from the cache) is forgotten after this long. */
const FORGET_AFTER_MS = 10 * 60 * 1000;
const MAX_TRACKED = 10_000;

/** Whether any of these tags was marked stale or expired since `since` (its millisecond included: the clock is coarse). */
export function tagsChangedSince(tags, since, at = Date.now()) {
  for (const tag of tags) {
    const state = tagsManifest.get(tag);
    if (!state) continue;
    if (typeof state.expired === 'number' && state.expired >= since && state.expired <= at) return true;
    if (typeof state.stale === 'number' && state.stale >= since && state.stale <= at) return true;
  }
  return false;
}

function tagsOf(data) {
  const header = data?.headers?.[NEXT_CACHE_TAGS_HEADER];
  return typeof header === 'string' && header.length > 0 ? header.split(',') : [];
}

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
    if (started !== undefined && tagsChangedSince(tagsOf(data), started)) return;
    return super.set(key, data, ctx);
  }
}
