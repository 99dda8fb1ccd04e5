// Types of next-page-cache-handler.mjs (plain JavaScript: Next imports it at run time with Node).

/** Next's file-system ISR cache, with each stored page dated by the start of its render. */
export default class PageCacheHandler {
  constructor(options: { dev?: boolean; fs?: unknown; flushToDisk?: boolean; serverDistDir?: string; maxMemoryCacheSize?: number; revalidatedTags?: string[] });
  get(key: string, ctx: { kind: string; isFallback?: boolean; isRoutePPREnabled?: boolean }): Promise<{ lastModified: number; value: unknown } | null>;
  set(key: string, data: unknown, ctx: { isFallback?: boolean; isRoutePPREnabled?: boolean; cacheControl?: { revalidate: number | false; expire: number | undefined } }): Promise<void>;
  revalidateTag(tags: string | string[], durations?: { expire?: number }): Promise<void>;
}
