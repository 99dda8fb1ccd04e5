import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { functions } from '@/inngest/functions';
import { POST as metricsRoute } from '@/app/api/v1/channels/metrics/route';
import { GET as batchRoute } from '@/app/api/v1/channels/metrics/[batchId]/route';
import { createApiToken } from '@/lib/api-tokens/mutations';
import { prisma } from '@/lib/db/client';
import { configureInlineJobs, settleInlineJobs } from '@/lib/jobs/inline';
import { parseServerTiming } from '@/bench/lib/http';
import { createCircle } from '@/test/people';
import { countStatements } from '@/test/statements';
import { growChannels, postsWithWrongTotals, recomputedRollup, storedRollup } from '@/test/channels';
import { demoChannelId } from '@/prisma/seed/channels-demo';
import { ingestBatches, runMaintenance } from './jobs';
import { INGEST_BATCH_EVENTS, INGEST_CHUNK_SIZE, channelsModule } from './module';
import { getAudience, getChannelDashboard, getChannelSummary, getSubscription } from './queries';
import type { ChannelSnapshot, PostSnapshot } from './schemas';

let restoreInline: () => void;
beforeEach(() => {
  restoreInline = configureInlineJobs({ backoffMs: 5 });
});
afterEach(async () => {
  await settleInlineJobs();
  restoreInline();
});

async function tokenOf(userId: string): Promise<string> {
  const token = await createApiToken(userId, { name: `ingest ${randomUUID().slice(0, 8)}`, lifetime: '30' });
  if (!token.ok) throw new Error(token.message);
  return token.value.secret;
}

const post = (token: string | null, body: unknown, headers: Record<string, string> = {}) =>
  metricsRoute(
    new Request('http://localhost:3000/api/v1/channels/metrics', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );

/** A person with one channel of data, an API token, and the ids of the channel's posts. */
async function collector(posts = 6) {
  const { owner, stranger } = await createCircle();
  const [channelId] = await growChannels(owner.id, 1, posts);
  const postIds = (await prisma.post.findMany({ where: { channelId }, select: { id: true }, orderBy: { id: 'asc' } })).map((p) => p.id);
  return { owner, stranger, channelId: channelId!, postIds, token: await tokenOf(owner.id) };
}

/** `count` snapshots spread over the posts, captured in the last hours (distinct keys). */
function snapshots(postIds: string[], count: number, seed = 1): PostSnapshot[] {
  const base = Date.now() - 6 * 3_600_000;
  return Array.from({ length: count }, (_, i) => ({
    postId: postIds[i % postIds.length]!,
    capturedAt: new Date(base + Math.floor(i / postIds.length) * 60_000 + seed).toISOString(),
    views: 10 + ((i * 7 + seed) % 90),
    likes: (i + seed) % 5,
    forwards: (i * 3 + seed) % 3,
  }));
}

const metricRows = (channelId: string) => prisma.postMetric.count({ where: { post: { channelId } } });

describe('POST /api/v1/channels/metrics', () => {
  it('accepts a batch (202, its status URL), applies it after the response, and the owner sees it on the next request', async () => {
    const { owner, channelId, postIds, token } = await collector();
    const before = await getChannelSummary(owner.id, channelId, 7);
    const dashboardBefore = await getChannelDashboard(owner.id, 7);
    const batch = snapshots(postIds, 30);
    const response = await post(token, { posts: batch, channels: [{ channelId, capturedAt: new Date().toISOString(), subscribers: 4321 }] });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { batchId: string; status: string; posts: number; channels: number };
    expect(accepted).toEqual({ batchId: expect.any(String), status: 'queued', posts: 30, channels: 1 });
    expect(response.headers.get('location')).toBe(`/api/v1/channels/metrics/${accepted.batchId}`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');

    await settleInlineJobs();
    const added = batch.reduce((sum, s) => sum + s.views, 0);
    const after = (await getChannelSummary(owner.id, channelId, 7))!;
    expect(after.totals.views).toBe(before!.totals.views + added);
    expect((await getChannelDashboard(owner.id, 7)).list.totals.views).toBe(dashboardBefore.list.totals.views + added);
    expect((await getAudience(owner.id, channelId, 7))!.subscribers).toBe(4321);
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
    expect(await postsWithWrongTotals([channelId])).toEqual([]);

    const status = await batchRoute(new Request(`http://localhost:3000/api/v1/channels/metrics/${accepted.batchId}`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ batchId: accepted.batchId }),
    });
    expect(await status.json()).toMatchObject({ batchId: accepted.batchId, status: 'processed', posts: 30, channels: 1, processedAt: expect.any(String) });
    // Its payload is dropped once applied.
    expect((await prisma.metricBatch.findUniqueOrThrow({ where: { id: accepted.batchId } })).payload).toBeNull();
  });

  it('changes nothing when the same batch is replayed: sent again, its event redelivered, a chunk re-applied', async () => {
    const { owner, channelId, postIds, token } = await collector();
    const body = { posts: snapshots(postIds, 40, 7) };
    const first = (await (await post(token, body)).json()) as { batchId: string };
    await settleInlineJobs();
    const rollup = await storedRollup([channelId]);
    const rows = await metricRows(channelId);
    const viewsAfterFirst = (await getChannelSummary(owner.id, channelId, 7))!.totals.views;
    const totals = await prisma.post.findMany({ where: { channelId }, select: { id: true, views: true, likes: true, forwards: true }, orderBy: { id: 'asc' } });

    // The same snapshots in a new request (a client retrying), twice, concurrently.
    const replays = await Promise.all([post(token, body), post(token, body)]);
    expect(replays.map((r) => r.status)).toEqual([202, 202]);
    await settleInlineJobs();
    // The first batch's event delivered again, and its snapshots re-applied by hand.
    expect(await ingestBatches([first.batchId])).toMatchObject({ batches: 0, inserted: 0 });
    const { applyPostChunk } = await import('./jobs');
    expect((await applyPostChunk(body.posts)).inserted).toBe(0);

    expect(await storedRollup([channelId])).toEqual(rollup);
    expect(await metricRows(channelId)).toBe(rows);
    expect(await prisma.post.findMany({ where: { channelId }, select: { id: true, views: true, likes: true, forwards: true }, orderBy: { id: 'asc' } })).toEqual(totals);
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
    expect((await getChannelSummary(owner.id, channelId, 7))!.totals.views).toBe(viewsAfterFirst);
  });

  it('keeps the rollups exact when overlapping batches arrive at once, duplicates within a batch included', async () => {
    const { channelId, postIds, token } = await collector(8);
    const base = snapshots(postIds, 60, 3);
    const bodies = [
      { posts: base.slice(0, 40) },
      { posts: base.slice(20, 60) },
      { posts: [...base.slice(10, 30), ...base.slice(10, 20)] },
      { posts: snapshots(postIds, 25, 11) },
      { posts: base },
    ];
    const responses = await Promise.all(bodies.map((body) => post(token, body)));
    expect(responses.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);
    await settleInlineJobs();
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
    expect(await postsWithWrongTotals([channelId])).toEqual([]);
    expect(await prisma.metricBatch.count({ where: { userId: (await prisma.channel.findUniqueOrThrow({ where: { id: channelId } })).ownerId, status: 'queued' } })).toBe(0);
  });

  it('answers 413 beyond 1,000 snapshots or 512 kB, and writes nothing', async () => {
    const { postIds, token } = await collector();
    const before = await prisma.metricBatch.count();
    const tooMany = await post(token, { posts: snapshots(postIds, 990), channels: Array.from({ length: 11 }, () => ({ channelId: randomUUID(), capturedAt: new Date().toISOString(), subscribers: 1 })) });
    expect(tooMany.status).toBe(413);
    expect(await tooMany.json()).toEqual({ error: 'At most 1,000 snapshots per request; this one has 1,001. Split it into several requests.' });
    const huge = await post(token, { posts: [], padding: 'x'.repeat(600 * 1024) });
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: string }).error).toMatch(/larger than 512 kB/);
    // Exactly 1,000 is fine.
    expect((await post(token, { posts: snapshots(postIds, 1000) })).status).toBe(202);
    expect(await prisma.metricBatch.count()).toBe(before + 1);
  });

  it('refuses bad input with the fields at fault, and writes nothing', async () => {
    const { channelId, postIds, token } = await collector();
    const before = await prisma.metricBatch.count();
    const bad = async (body: unknown, status = 400) => {
      const response = await post(token, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      return (await response.json()) as { error: string; details?: Record<string, string> };
    };
    expect(await bad('not json')).toEqual({ error: 'The request body is not valid JSON.' });
    expect(await bad([1, 2])).toEqual({ error: 'Send a JSON object in the request body.' });
    expect(await bad({})).toMatchObject({ details: { posts: 'Send at least one snapshot (posts or channels).' } });
    const [good] = snapshots(postIds, 1);
    expect(await bad({ posts: [{ ...good, views: -1 }] })).toMatchObject({ details: { posts: 'views cannot be negative.' } });
    expect(await bad({ posts: [{ ...good, likes: 1.5 }] })).toMatchObject({ details: { posts: 'likes must be a whole number.' } });
    expect(await bad({ posts: [{ ...good, postId: 'nope' }] })).toMatchObject({ details: { posts: 'Not a valid id.' } });
    expect(await bad({ posts: [{ ...good, capturedAt: new Date(Date.now() + 3_600_000).toISOString() }] })).toMatchObject({ details: { posts: 'capturedAt cannot be in the future.' } });
    expect(await bad({ posts: [{ ...good, capturedAt: '23/11/2026' }] })).toMatchObject({ details: { posts: expect.stringContaining('ISO 8601') } });
    expect(await bad({ channels: [{ channelId, capturedAt: new Date().toISOString(), subscribers: 'many' }] })).toMatchObject({ details: { channels: 'subscribers must be a number.' } });
    expect(await prisma.metricBatch.count()).toBe(before);
  });

  it('refuses (422) posts and channels that are not the sender’s, naming them, and writes nothing; an admin may send for any', async () => {
    const { stranger, channelId, postIds } = await collector();
    const before = await prisma.metricBatch.count();
    const strangerToken = await tokenOf(stranger.id);
    const unknown = randomUUID();
    const response = await post(strangerToken, { posts: snapshots([postIds[0]!, unknown], 2), channels: [{ channelId, capturedAt: new Date().toISOString(), subscribers: 1 }] });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { error: string; details: Record<string, string> };
    expect(body.error).toMatch(/nothing was accepted/);
    expect(body.details.posts).toContain(unknown);
    expect(body.details.posts).toContain(postIds[0]);
    expect(body.details.channels).toContain(channelId);
    expect(await prisma.metricBatch.count()).toBe(before);

    const adminToken = await tokenOf('usr_admin');
    expect((await post(adminToken, { posts: snapshots(postIds, 2, 99), channels: [{ channelId: demoChannelId('gus-outdoors'), capturedAt: new Date(Date.now() - 60_000).toISOString(), subscribers: 2150 }] })).status).toBe(202);
  });

  it('answers 401 without credentials or with a bad token, and 404 for another person’s batch', async () => {
    const { postIds, token, stranger } = await collector();
    expect((await post(null, { posts: snapshots(postIds, 1) })).status).toBe(401);
    expect((await post('brisk_not-a-real-token', { posts: snapshots(postIds, 1) })).status).toBe(401);
    const { batchId } = (await (await post(token, { posts: snapshots(postIds, 1, 5) })).json()) as { batchId: string };
    const asStranger = await batchRoute(new Request(`http://localhost:3000/api/v1/channels/metrics/${batchId}`, { headers: { authorization: `Bearer ${await tokenOf(stranger.id)}` } }), {
      params: Promise.resolve({ batchId }),
    });
    expect(asStranger.status).toBe(404);
  });

  it('costs 2 statements per request however many snapshots (the check-and-store, the job’s row), and its job 2 plus one per chunk of 500', async () => {
    const { owner, channelId, postIds, token } = await collector(10);
    // The token's owner is looked up once and cached (auth.tokenUser), its last use written once a minute.
    expect((await post(token, { posts: snapshots(postIds, 1, 1) })).status).toBe(202);
    for (const count of [100, 800]) {
      const response = await post(token, { posts: snapshots(postIds, count, count) });
      expect(response.status).toBe(202);
      expect(parseServerTiming(response.headers.get('server-timing') ?? '')?.statements, `${count} snapshots`).toBe(2);
      await settleInlineJobs();
    }
    for (const [posts, channels] of [
      [100, 0],
      [800, 1],
    ] as const) {
      const id = randomUUID();
      const payload = { posts: snapshots(postIds, posts, posts + 1000), channels: Array.from({ length: channels }, (): ChannelSnapshot => ({ channelId, capturedAt: new Date().toISOString(), subscribers: 9 })) };
      await prisma.metricBatch.create({ data: { id, userId: owner.id, postCount: posts, channelCount: channels, payload } });
      const { statements, result } = await countStatements(() => ingestBatches([id]));
      const chunks = Math.ceil(posts / INGEST_CHUNK_SIZE) + Math.ceil(channels / INGEST_CHUNK_SIZE);
      expect(result).toMatchObject({ batches: 1, postSnapshots: posts, inserted: posts, chunks });
      expect(statements, `${posts} snapshots`).toBe(2 + chunks);
    }
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
  });
});

describe('freshness under a busy collector', () => {
  it('shows the first batch at once and the next ones of its window together when it ends; the subscription stays cached', async () => {
    const { owner, channelId, postIds } = await collector(4);
    const windowMs = 600;
    const queued = async (seed: number) => {
      const id = randomUUID();
      const posts = snapshots(postIds, 8, seed);
      await prisma.metricBatch.create({ data: { id, userId: owner.id, postCount: posts.length, channelCount: 0, payload: { posts, channels: [] } } });
      return { id, views: posts.reduce((sum, s) => sum + s.views, 0) };
    };
    const channelViews = async () => (await getChannelSummary(owner.id, channelId, 7))!.totals.views;
    const dashboardViews = async () => (await getChannelDashboard(owner.id, 7)).list.totals.views;
    const start = { channel: await channelViews(), dashboard: await dashboardViews() };

    // A quiet collector's batch: on the next request.
    const first = await queued(901);
    await ingestBatches([first.id], { freshnessMs: windowMs });
    expect(await channelViews()).toBe(start.channel + first.views);
    expect(await dashboardViews()).toBe(start.dashboard + first.views);

    // Two more inside the window: applied (the rollup is exact at once) but the cached analytics
    // are kept until the window ends, then show both.
    const second = await queued(902);
    const third = await queued(903);
    await ingestBatches([second.id], { freshnessMs: windowMs });
    await ingestBatches([third.id], { freshnessMs: windowMs });
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
    expect(await channelViews()).toBe(start.channel + first.views);
    await expect.poll(channelViews, { timeout: 5_000, interval: 50 }).toBe(start.channel + first.views + second.views + third.views);
    expect(await dashboardViews()).toBe(start.dashboard + first.views + second.views + third.views);

    // Metrics never drop what they do not change: the subscription is still served from the cache.
    await getSubscription(owner.id);
    await ingestBatches([(await queued(904)).id], { freshnessMs: windowMs });
    const subscription = await countStatements(() => getSubscription(owner.id));
    expect(subscription.statements).toBe(0);
    expect(subscription.metrics.cache).toMatchObject({ hits: 1, misses: 0 });
  });
});

describe('audience snapshots', () => {
  it('keep each day’s latest and the latest of all; an older one changes nothing', async () => {
    const { owner, channelId, token } = await collector(1);
    // Both today, even right after midnight (UTC): the test compares today's row.
    const midnight = Date.parse(new Date().toISOString().slice(0, 10));
    const at = (minutesAgo: number) => new Date(Math.max(Date.now() - minutesAgo * 60_000, midnight + 60_000 - minutesAgo * 1000)).toISOString();
    await post(token, { channels: [{ channelId, capturedAt: at(2), subscribers: 5000 }] });
    await settleInlineJobs();
    await post(token, { channels: [{ channelId, capturedAt: at(30), subscribers: 4000 }] });
    await settleInlineJobs();
    const audience = (await getAudience(owner.id, channelId, 7))!;
    expect(audience.subscribers).toBe(5000);
    expect(audience.days.at(-1)).toEqual({ day: new Date().toISOString().slice(0, 10), subscribers: 5000 });
  });
});

describe('the ingestion job on Inngest', () => {
  const ingest = functions.find((fn) => fn.id() === 'channels-ingest-metrics')!;

  it('batches up to 50 events for 60 s (plan 002’s batch_task) and applies a batch of events in one run', async () => {
    expect(ingest.opts).toMatchObject({ retries: 4, batchEvents: { maxSize: INGEST_BATCH_EVENTS, timeout: '60s' }, concurrency: { limit: 2 } });
    const { owner, channelId, postIds } = await collector(4);
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const [n, id] of ids.entries()) {
      await prisma.metricBatch.create({ data: { id, userId: owner.id, postCount: 10, channelCount: 0, payload: { posts: snapshots(postIds, 10, 500 + n), channels: [] } } });
    }
    const [first, ...rest] = ids.map((batchId) => ({ id: `evt-${batchId}`, name: 'channels/metrics.received', data: { batchId }, ts: Date.now() }));
    const events: [typeof first & object, ...(typeof first & object)[]] = [first!, ...rest];
    const { result } = await new InngestTestEngine({ function: ingest }).execute({ events });
    expect(result).toMatchObject({ batches: 3, postSnapshots: 30, inserted: 30 });
    expect(await prisma.metricBatch.count({ where: { id: { in: ids }, status: 'processed' } })).toBe(3);
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
    // Delivered again (Inngest retries, at-least-once): nothing changes.
    const again = await new InngestTestEngine({ function: ingest }).execute({ events });
    expect(again.result).toMatchObject({ batches: 0, inserted: 0 });
  });

  it('records a failed run and succeeds on its retry, counting nothing twice', async () => {
    const { owner, channelId, postIds } = await collector(3);
    const id = randomUUID();
    await prisma.metricBatch.create({ data: { id, userId: owner.id, postCount: 12, channelCount: 0, payload: { posts: snapshots(postIds, 12, 77), channels: [] } } });
    const job = channelsModule.jobs!.find((j) => j.name === 'channels/ingest-metrics')!;
    const spy = vi.spyOn(job, 'run').mockRejectedValueOnce(new Error('database restarted'));
    const event = { id: `evt-${id}`, name: 'channels/metrics.received', data: { batchId: id }, ts: Date.now() };
    const failed = await new InngestTestEngine({ function: ingest }).execute({ events: [event] });
    expect(failed.error).toMatchObject({ message: 'database restarted' });
    spy.mockRestore();
    const retried = await new InngestTestEngine({ function: ingest }).execute({ events: [event] });
    expect(retried.result).toMatchObject({ batches: 1, inserted: 12 });
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
  });
});

describe('the maintenance job', () => {
  it('queues again the batches whose job was lost, expires lapsed subscriptions and deletes old processed batches', async () => {
    const { owner, channelId, postIds } = await collector(2);
    const lost = randomUUID();
    await prisma.metricBatch.create({ data: { id: lost, userId: owner.id, postCount: 4, channelCount: 0, payload: { posts: snapshots(postIds, 4, 42), channels: [] }, receivedAt: new Date(Date.now() - 20 * 60_000) } });
    const old = randomUUID();
    await prisma.metricBatch.create({ data: { id: old, userId: owner.id, postCount: 1, channelCount: 0, status: 'processed', receivedAt: new Date(Date.now() - 9 * 86_400_000), processedAt: new Date(Date.now() - 9 * 86_400_000) } });
    await prisma.subscription.create({ data: { userId: owner.id, planId: 'pro', status: 'active', startedAt: new Date(Date.now() - 40 * 86_400_000), expiresAt: new Date(Date.now() - 3_600_000) } });
    expect(await getSubscription(owner.id)).toMatchObject({ status: 'expired' });

    const result = await runMaintenance();
    expect(result.requeued).toBeGreaterThanOrEqual(1);
    expect(result.expiredSubscriptions).toBeGreaterThanOrEqual(1);
    expect(result.deletedBatches).toBeGreaterThanOrEqual(1);
    await settleInlineJobs();
    expect((await prisma.metricBatch.findUniqueOrThrow({ where: { id: lost } })).status).toBe('processed');
    expect(await prisma.metricBatch.findUnique({ where: { id: old } })).toBeNull();
    expect(await prisma.subscription.count({ where: { userId: owner.id, status: 'active' } })).toBe(0);
    expect(await storedRollup([channelId])).toEqual(await recomputedRollup([channelId]));
    // Idempotent: a second run finds nothing more to do for this person.
    expect(await prisma.metricBatch.count({ where: { userId: owner.id, status: 'queued' } })).toBe(0);
  });
});
