import { beforeEach, describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { createCircle } from '@/test/people';
import { countStatements } from '@/test/statements';
import { growChannels, recomputedRollup, storedRollup } from '@/test/channels';
import { demoChannelId } from '@/prisma/seed/channels-demo';
import { createChannel, deleteChannel, publishPost, updateChannel } from './mutations';
import { getChannelDashboard, getChannelDetail, getChannelHeader, getChannelList, getSubscription } from './queries';

let circle: Awaited<ReturnType<typeof createCircle>>;
beforeEach(async () => {
  circle = await createCircle();
});

const handle = () => `h_${Math.random().toString(36).slice(2, 10)}`;

/** Gives a person a live subscription to a plan. */
async function subscribe(userId: string, planId: 'free' | 'pro' | 'business') {
  await prisma.subscription.create({ data: { userId, planId, status: 'active', startedAt: new Date(Date.now() - 86_400_000), expiresAt: new Date(Date.now() + 30 * 86_400_000) } });
}

async function channelOf(ownerId: string, title = 'My channel') {
  const created = await createChannel(ownerId, { title, handle: handle() });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

describe('creating, editing and deleting channels', () => {
  it('shows a new channel to its owner on the next request, normalising the handle', async () => {
    const { owner } = circle;
    await subscribe(owner.id, 'pro');
    // Warm the owner's dashboard first: the write must reach the cached one.
    expect((await getChannelList(owner.id, 30)).channels).toEqual([]);
    const name = handle();
    const created = await createChannel(owner.id, { title: '  Cooking at home ', handle: `@${name.toUpperCase()}` });
    expect(created).toMatchObject({ ok: true });
    const list = await getChannelList(owner.id, 30);
    expect(list.channels).toEqual([expect.objectContaining({ title: 'Cooking at home', handle: name, subscribers: 0, totals: { posts: 0, views: 0, likes: 0, forwards: 0 } })]);
    expect((await getSubscription(owner.id)).channelsUsed).toBe(1);
  });

  it('rejects bad input with a message per field and writes nothing', async () => {
    const before = await prisma.channel.count();
    expect(await createChannel(circle.owner.id, { title: ' ', handle: 'ab' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { title: 'Give the channel a title.', handle: 'Use 5 to 32 letters, digits or underscores.' },
    });
    expect(await createChannel(circle.owner.id, { title: 'x'.repeat(121), handle: 'has spaces' })).toMatchObject({ ok: false, fieldErrors: { title: 'Use at most 120 characters.', handle: expect.any(String) } });
    expect(await createChannel(circle.owner.id, {})).toMatchObject({ ok: false, fieldErrors: { title: expect.any(String), handle: expect.any(String) } });
    expect(await prisma.channel.count()).toBe(before);
  });

  it('refuses a handle someone else has, and a channel beyond the plan’s limit, writing nothing', async () => {
    const { owner, friend } = circle;
    expect(await createChannel(owner.id, { title: 'Copycat', handle: '@AdAs_KiTcHeN' })).toMatchObject({ ok: false, code: 'conflict', fieldErrors: { handle: 'This handle is taken: choose another.' } });
    // The free plan (no subscription) allows one channel.
    await channelOf(friend.id);
    const refused = await createChannel(friend.id, { title: 'Second', handle: handle() });
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', message: 'Your Free plan allows 1 channel, and you have 1. Upgrade your plan or delete a channel first.' });
    expect(await prisma.channel.count({ where: { ownerId: friend.id } })).toBe(1);
    // Chloé, on the free plan with her one channel, cannot add another either.
    expect(await createChannel('usr_chloe', { title: 'Second', handle: handle() })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('lets two creations race for the last place and keeps only one', async () => {
    const { owner } = circle;
    const results = await Promise.all([createChannel(owner.id, { title: 'A', handle: handle() }), createChannel(owner.id, { title: 'B', handle: handle() })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await prisma.channel.count({ where: { ownerId: owner.id } })).toBe(1);
  });

  it('lets only the owner rename or delete, and shows the change to the owner at once', async () => {
    const { owner, friend } = circle;
    const id = await channelOf(owner.id, 'Before');
    expect((await getChannelHeader(owner.id, id))!.title).toBe('Before');
    expect(await updateChannel(friend.id, id, { title: 'Hijacked', handle: handle() })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await updateChannel('usr_admin', id, { title: 'Hijacked', handle: handle() })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteChannel(friend.id, id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await updateChannel(owner.id, id, { title: 'After', handle: 'adas_kitchen' })).toMatchObject({ ok: false, fieldErrors: { handle: expect.stringContaining('taken') } });
    const renamed = handle();
    expect(await updateChannel(owner.id, id, { title: 'After', handle: renamed })).toMatchObject({ ok: true });
    expect(await getChannelHeader(owner.id, id)).toMatchObject({ title: 'After', handle: renamed });
    expect((await getChannelList(owner.id, 7)).channels[0]).toMatchObject({ title: 'After' });
    expect(await deleteChannel(owner.id, id)).toMatchObject({ ok: true });
    expect(await getChannelHeader(owner.id, id)).toBeNull();
    expect((await getChannelList(owner.id, 7)).channels).toEqual([]);
    expect(await updateChannel(owner.id, 'not-an-id', { title: 'x', handle: handle() })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('deletes a channel with its posts, metrics, rollups and audience', async () => {
    const { owner } = circle;
    const [id] = await growChannels(owner.id, 1, 5);
    expect(await deleteChannel(owner.id, id!)).toMatchObject({ ok: true });
    const left = await prisma.$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM posts WHERE channel_id = ${id}::uuid) + (SELECT count(*) FROM analytics_daily WHERE channel_id = ${id}::uuid)
           + (SELECT count(*) FROM channel_stats WHERE channel_id = ${id}::uuid) + (SELECT count(*) FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.channel_id = ${id}::uuid) AS n`;
    expect(Number(left[0]!.n)).toBe(0);
  });
});

describe('publishing posts', () => {
  it('counts a post in its day of the rollup at once, and the owner sees it on the next request', async () => {
    const { owner } = circle;
    const id = await channelOf(owner.id);
    expect((await getChannelDetail(owner.id, id, 7))!.summary.totals.posts).toBe(0);
    expect(await publishPost(owner.id, id, { text: 'Hello world' })).toMatchObject({ ok: true });
    expect(await publishPost(owner.id, id, { text: 'An older one', publishedAt: new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 16) })).toMatchObject({ ok: true });
    const detail = (await getChannelDetail(owner.id, id, 7))!;
    expect(detail.summary.totals.posts).toBe(2);
    expect(detail.summary.days.filter((d) => d.posts > 0)).toHaveLength(2);
    expect((await getChannelDashboard(owner.id, 7)).list.totals.posts).toBe(2);
    expect(await storedRollup([id])).toEqual(await recomputedRollup([id]));
  });

  it('refuses bad posts and other people’s channels, writing nothing', async () => {
    const { owner, friend } = circle;
    const id = await channelOf(owner.id);
    expect(await publishPost(owner.id, id, { text: '  ' })).toMatchObject({ ok: false, fieldErrors: { text: 'Write the post.' } });
    expect(await publishPost(owner.id, id, { text: 'Future', publishedAt: new Date(Date.now() + 86_400_000).toISOString() })).toMatchObject({
      ok: false,
      fieldErrors: { publishedAt: 'The publication time cannot be in the future.' },
    });
    expect(await publishPost(owner.id, id, { text: 'Ancient', publishedAt: '2020-01-01T00:00:00Z' })).toMatchObject({ ok: false, fieldErrors: { publishedAt: expect.stringContaining('365 days') } });
    expect(await publishPost(owner.id, id, { text: 'x', publishedAt: 'yesterday' })).toMatchObject({ ok: false, fieldErrors: { publishedAt: expect.stringContaining('ISO 8601') } });
    expect(await publishPost(friend.id, id, { text: 'Not mine' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await publishPost('usr_admin', demoChannelId('ada-kitchen'), { text: 'Admins read, they do not write' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.post.count({ where: { channelId: id } })).toBe(0);
    expect(await prisma.analyticsDaily.count({ where: { channelId: id } })).toBe(0);
  });
});

describe('statement budgets of the writes', () => {
  /** Every write once, for a person with `channels` channels of data already. */
  async function writeCosts(channels: number) {
    const { owner } = await createCircle();
    await subscribe(owner.id, 'business');
    if (channels > 0) await growChannels(owner.id, channels, 8);
    const costs: Record<string, number> = {};
    const measure = async <T>(name: string, write: () => Promise<T>) => {
      const { result, statements } = await countStatements(write, `write:${name}`);
      costs[name] = statements;
      return result;
    };
    const created = await measure('createChannel', () => createChannel(owner.id, { title: 'Budget', handle: handle() }));
    if (!created.ok) throw new Error(created.message);
    await measure('updateChannel', () => updateChannel(owner.id, created.value.id, { title: 'Budget 2', handle: handle() }));
    await measure('publishPost', () => publishPost(owner.id, created.value.id, { text: 'Budget post' }));
    await measure('deleteChannel', () => deleteChannel(owner.id, created.value.id));
    return costs;
  }

  it('each write costs a fixed number of statements, the same with 1 channel of data as with 8', async () => {
    const few = await writeCosts(1);
    expect(await writeCosts(8)).toEqual(few);
    // The creation is a transaction (its BEGIN counts as a statement): the owner locked, then the check and the insert in one statement.
    expect(few).toEqual({ createChannel: 3, updateChannel: 1, publishPost: 1, deleteChannel: 1 });
  });
});
