// Types of next-page-cache-handler.mjs (plain JavaScript: Next imports it at run time with Node).

/** Whether any of these tags was marked stale or expired in Next's tags manifest after `since`. */
export function tagsChangedSince(tags: readonly string[], since: number, at?: number): boolean;

/** Next's file-system ISR cache, which does not keep a page whose render straddled a tag's invalidation. */
export default class PageCacheHandler {
  constructor(options: { dev?: boolean; fs?: unknown; flushToDisk?: boolean; serverDistDir?: string; maxMemoryCacheSize?: number; revalidatedTags?: string[] });
  get(key: string, ctx: { kind: string; isFallback?: boolean; isRoutePPREnabled?: boolean }): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, data: unknown, ctx: { isFallback?: boolean; isRoutePPREnabled?: boolean; cacheControl?: { revalidate: number | false; expire: number | undefined } }): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
