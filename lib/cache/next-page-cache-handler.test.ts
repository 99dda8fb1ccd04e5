import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFs } from 'next/dist/server/lib/node-fs-methods.js';
import { tagsManifest } from 'next/dist/server/lib/incremental-cache/tags-manifest.external.js';
import PageCacheHandler from './next-page-cache-handler.mjs';

/*
 * Next's ISR cache as Next drives it for one page: a read (a miss, then the render), a store.
 * A tag invalidated between the two is what a background job finishing during a visitor's first
 * request does to a share page.
 */
const serverDistDir = await mkdtemp(path.join(tmpdir(), 'brisk-page-cache-'));
afterAll(() => rm(serverDistDir, { recursive: true, force: true }));

const handler = () => new PageCacheHandler({ dev: false, fs: nodeFs, flushToDisk: true, serverDistDir, maxMemoryCacheSize: 50 * 1024 * 1024, revalidatedTags: [] });
const ctx = { kind: 'APP_PAGE', isFallback: false, isRoutePPREnabled: false };
const storeCtx = { isFallback: false, isRoutePPREnabled: false, cacheControl: { revalidate: 3600, expire: 31_536_000 } };
let pages = 0;

function page(html: string, tags: string[]) {
  return { kind: 'APP_PAGE', html, rscData: Buffer.from(html), headers: { 'x-next-cache-tags': tags.join(',') }, postponed: undefined, status: 200, segmentData: undefined };
}

/** A render of the page at `key` (a read that misses, then a store), with `during` run in between. */
async function render(key: string, html: string, tags: string[], during: () => Promise<void> = async () => {}) {
  await handler().get(key, ctx);
  await during();
  await handler().set(key, page(html, tags), storeCtx);
}

/**
 * Invalidates a tag as a write does. Tag times are whole milliseconds, so a read in the same
 * millisecond counts as before it (one more render, never a stale page): the next read waits.
 */
async function invalidate(tag: string) {
  await handler().revalidateTag([tag], { expire: 0 });
  await new Promise((resolve) => setTimeout(resolve, 2));
}

async function cachedHtml(key: string) {
  const found = await handler().get(key, ctx);
  return (found?.value as { html?: string } | undefined)?.html ?? null;
}

describe('the page cache', () => {
  it('keeps a page until one of its tags is invalidated, then misses', async () => {
    const key = `/public/wishlists/page-${++pages}`;
    const tag = `list:${key}`;
    await render(key, 'first', [tag]);
    expect(await cachedHtml(key)).toBe('first');
    await invalidate(tag);
    expect(await cachedHtml(key)).toBeNull();
  });

  it('does not keep a page whose render began before one of its tags was invalidated', async () => {
    const key = `/public/wishlists/page-${++pages}`;
    const tag = `list:${key}`;
    await render(key, 'read before the write', [tag], () => invalidate(tag));
    expect(await cachedHtml(key)).toBeNull();
    // The next render, begun after the invalidation, is kept.
    await render(key, 'read after the write', [tag]);
    expect(await cachedHtml(key)).toBe('read after the write');
  });

  it('drops a page when an invalidation made during its render arrives after it was stored (from another instance)', async () => {
    const key = `/public/wishlists/page-${++pages}`;
    const tag = `list:${key}`;
    let writtenAt = 0;
    await render(key, 'read before the write', [tag], async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      writtenAt = Date.now();
    });
    expect(await cachedHtml(key)).toBe('read before the write');
    // Another instance's invalidation, made during the render, copied here through Redis later.
    tagsManifest.set(tag, { stale: writtenAt, expired: writtenAt });
    expect(await cachedHtml(key)).toBeNull();
  });

  it('keeps a page whose render saw only other tags invalidated', async () => {
    const key = `/public/wishlists/page-${++pages}`;
    await render(key, 'unrelated', [`list:${key}`], () => invalidate(`list:${key}:other`));
    expect(await cachedHtml(key)).toBe('unrelated');
  });
});
