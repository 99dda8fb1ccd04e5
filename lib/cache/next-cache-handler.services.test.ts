// Two `next start` processes of the fixture app (test/fixtures/next-cache) sharing one Redis
// through lib/cache/next-cache-handler.mjs. Needs /usr/bin/redis-server and a `next build` of the
// fixture (reused while its sources are unchanged): part of the `services` Vitest project.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildFixture,
  redisServerAvailable,
  startNext,
  startRedis,
  type NextServer,
  type RedisServer,
} from '@/test/fixtures/next-cache/processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function render(server: NextServer, path: '/dynamic' | '/static') {
  const started = performance.now();
  const response = await fetch(`${server.origin}${path}`, { signal: AbortSignal.timeout(10_000) });
  const html = await response.text();
  const ms = performance.now() - started;
  const value = /<p id="value">([^<]+)<\/p>/.exec(html)?.[1];
  expect(response.status, html.slice(0, 500)).toBe(200);
  expect(value, html.slice(0, 500)).toBeTruthy();
  return { value: value!, ms };
}

async function value(server: NextServer, path: '/dynamic' | '/static') {
  return (await render(server, path)).value;
}

async function invalidate(server: NextServer, tag: string, profile?: 'max') {
  const started = performance.now();
  const response = await fetch(`${server.origin}/invalidate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tag, profile }),
    signal: AbortSignal.timeout(10_000),
  });
  expect(response.status).toBe(200);
  return performance.now() - started;
}

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await sleep(50);
  }
}

describe.skipIf(!redisServerAvailable())('two `next start` sharing one Redis', () => {
  let redis: RedisServer;
  let a: NextServer;
  let b: NextServer;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let started = performance.now();
    timings['fixture build (0: reused)'] = buildFixture();
    redis = await startRedis();
    started = performance.now();
    [a, b] = await Promise.all([startNext({ REDIS_URL: redis.url }), startNext({ REDIS_URL: redis.url })]);
    timings['two next start'] = performance.now() - started;
  }, 600_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    const rounded = Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)]));
    console.log('next-cache-handler services timings (ms):', rounded);
  });

  let shared: string;

  it('serves on B the entry A rendered', async () => {
    const first = await render(a, '/dynamic');
    timings['first render on A'] = first.ms;
    await sleep(200); // A's write to Redis finishes after its response
    const onB = await render(b, '/dynamic');
    timings['first request on B (shared entry)'] = onB.ms;
    expect(onB.value).toBe(first.value);
    expect(await value(a, '/dynamic')).toBe(first.value);
    shared = first.value;
  });

  it('makes an invalidation on A fresh on B’s next request', async () => {
    timings['invalidate on A'] = await invalidate(a, 'fixture');
    const onB = await value(b, '/dynamic');
    expect(onB).not.toBe(shared);
    await sleep(200);
    // …and B's new entry is the one A serves now.
    expect(await value(a, '/dynamic')).toBe(onB);
    shared = onB;
  });

  it('serves a stale entry once more after revalidateTag(tag, max), then the new one everywhere', async () => {
    await invalidate(a, 'fixture', 'max');
    expect(await value(b, '/dynamic')).toBe(shared); // stale while B refreshes it in the background
    const refreshed = await eventually(
      'refreshed on B',
      async () => {
        const current = await value(b, '/dynamic');
        return current !== shared ? current : undefined;
      },
      3_000,
    );
    await sleep(200);
    expect(await value(a, '/dynamic')).toBe(refreshed);
    shared = refreshed;
  });

  it('regenerates a prerendered page on B when A invalidates its tag (ISR cache, no refreshTags)', async () => {
    const built = await value(a, '/static');
    expect(await value(b, '/static')).toBe(built);
    await invalidate(a, 'fixture-static');
    const onA = await value(a, '/static');
    expect(onA).not.toBe(built);
    await sleep(200);
    const started = performance.now();
    const onB = await eventually(
      'static page regenerated on B',
      async () => {
        const current = await value(b, '/static');
        return current !== built ? current : undefined;
      },
      3_000,
    );
    timings['static page: B fresh after'] = performance.now() - started;
    expect(onB).toBe(onA); // regenerated from the entry A stored
  });

  it('keeps rendering on both without Redis: fresh values, no errors, no stall', async () => {
    await redis.kill();
    await sleep(100);
    const seen = new Set([shared]);
    let slowest = 0;
    for (const server of [a, b, a, b]) {
      const { value: rendered, ms } = await render(server, '/dynamic');
      expect(seen.has(rendered)).toBe(false); // nothing cached: every request renders
      seen.add(rendered);
      slowest = Math.max(slowest, ms);
    }
    timings['slowest render without Redis'] = slowest;
    expect(slowest).toBeLessThan(1_000);
    expect(await invalidate(a, 'fixture')).toBeLessThan(1_000);
    for (const server of [a, b]) expect((await render(server, '/static')).ms).toBeLessThan(1_000);
  });

  it('shares entries again once Redis is back', async () => {
    await redis.restart();
    const started = performance.now();
    await eventually(
      'sharing again',
      async () => {
        const onA = await value(a, '/dynamic');
        await sleep(200);
        return (await value(b, '/dynamic')) === onA ? onA : undefined;
      },
      10_000,
    );
    timings['shared again after restart'] = performance.now() - started;
    for (const server of [a, b]) expect(server.output()).not.toMatch(/⨯|Unhandled|uncaught/i);
  });
});
