import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTagCoalescer } from './coalesce';

describe('coalesced invalidation', () => {
  let drops: string[][];
  let errors: unknown[];
  const coalescer = () =>
    createTagCoalescer(
      async (tags) => {
        drops.push([...tags]);
      },
      (error) => errors.push(error),
    );
  const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    drops = [];
    errors = [];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('drops a tag at once the first time, then the changes of a window together when it ends', async () => {
    const c = coalescer();
    await c.invalidate(['a', 'b'], 1_000);
    expect(drops).toEqual([['a', 'b']]);

    // Inside the window: nothing dropped yet, however many changes.
    await advance(100);
    await c.invalidate(['a'], 1_000);
    await c.invalidate(['a'], 1_000);
    expect(drops).toEqual([['a', 'b']]);
    expect(c.pending()).toBe(1);

    // The window ends: one drop of "a" for both changes; "b" had none and is not dropped again.
    await advance(900);
    expect(drops).toEqual([['a', 'b'], ['a']]);
    expect(c.pending()).toBe(0);

    // That drop opened the next window: a change right after waits for it too.
    await c.invalidate(['a'], 1_000);
    expect(drops).toHaveLength(2);
    await advance(1_000);
    expect(drops).toEqual([['a', 'b'], ['a'], ['a']]);

    // A window that ends with no change closes: the next change after it is dropped at once.
    await advance(1_000);
    await c.invalidate(['a'], 1_000);
    expect(drops).toEqual([['a', 'b'], ['a'], ['a'], ['a']]);
  });

  it('drops tags whose windows end together in one call', async () => {
    const c = coalescer();
    await c.invalidate(['a', 'b', 'c'], 500);
    await c.invalidate(['a', 'b', 'c'], 500);
    await advance(500);
    expect(drops).toEqual([['a', 'b', 'c'], ['a', 'b', 'c']]);
  });

  it('keeps tags apart: a change to one never delays another', async () => {
    const c = coalescer();
    await c.invalidate(['a'], 1_000);
    await c.invalidate(['b'], 1_000);
    expect(drops).toEqual([['a'], ['b']]);
  });

  it('drops every time with a window of 0', async () => {
    const c = coalescer();
    await c.invalidate(['a'], 0);
    await c.invalidate(['a'], 0);
    expect(drops).toEqual([['a'], ['a']]);
    expect(c.pending()).toBe(0);
  });

  it('reports a drop that fails at the end of a window instead of throwing in a timer', async () => {
    const failing = createTagCoalescer(
      async (tags) => {
        drops.push([...tags]);
        if (drops.length === 2) throw new Error('bus down');
      },
      (error) => errors.push(error),
    );
    await failing.invalidate(['a'], 200);
    await failing.invalidate(['a'], 200);
    await advance(200);
    expect(drops).toEqual([['a'], ['a']]);
    expect(errors).toEqual([new Error('bus down')]);
  });
});
