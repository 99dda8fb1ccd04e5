import { randomUUID } from 'node:crypto';
import { invalidate } from '@/lib/cache/cache';
import { channelTag, ownerTag } from '@/lib/channels/tags';
import { prisma } from '@/lib/db/client';
import { rebuildRollups } from '@/prisma/seed/channels';

const DAY_MS = 86_400_000;

/**
 * Gives a person `channels` new channels, each with `postsPerChannel` posts published over the
 * last 20 days, three metric snapshots per post and a subscriber count per day, written directly
 * (not through the mutations), with the rollups rebuilt exactly and the person's caches dropped.
 * Returns the new channels' ids.
 */
export async function growChannels(ownerId: string, channels: number, postsPerChannel: number): Promise<string[]> {
  const tag = Math.random().toString(36).slice(2, 8);
  const ids = Array.from({ length: channels }, () => randomUUID());
  const now = Date.now();
  await prisma.channel.createMany({
    data: ids.map((id, n) => ({ id, ownerId, title: `Test channel ${n} ${tag}`, handle: `t_${tag}_${n}`, subscriberCount: 1000 + n, subscribersAt: new Date(now - 3_600_000) })),
  });
  const posts = ids.flatMap((channelId) =>
    Array.from({ length: postsPerChannel }, (_, p) => ({ id: randomUUID(), channelId, publishedAt: new Date(now - ((p % 20) + 1) * DAY_MS), text: `Post ${p} of ${channelId}` })),
  );
  await prisma.post.createMany({ data: posts });
  await prisma.postMetric.createMany({
    data: posts.flatMap((post, p) =>
      [1, 24, 72].map((hours) => ({ postId: post.id, capturedAt: new Date(post.publishedAt.getTime() + hours * 3_600_000), views: 100 + p * 10 + hours, likes: 5 + (p % 7), forwards: 1 + (p % 3) })),
    ),
  });
  await prisma.channelStats.createMany({
    data: ids.flatMap((channelId, n) =>
      Array.from({ length: 40 }, (_, d) => {
        // Captured at the day's midnight: never after a snapshot a test sends today, whatever the hour.
        const start = new Date(Date.parse(new Date(now - d * DAY_MS).toISOString().slice(0, 10)));
        return { channelId, periodStart: start, periodEnd: new Date(start.getTime() + DAY_MS), subscribers: 1000 + n - d, capturedAt: start };
      }),
    ),
  });
  await rebuildRollups(prisma, ids);
  await invalidate([ownerTag(ownerId), ...ids.map(channelTag)]);
  return ids;
}

/** The daily rollup recomputed from post_metrics and posts (what analytics_daily must equal), for some channels. */
export async function recomputedRollup(channelIds: string[]) {
  return prisma.$queryRaw<{ channel_id: string; day: string; posts: number; views: number; likes: number; forwards: number }[]>`
    SELECT channel_id::text, to_char(day, 'YYYY-MM-DD') AS day, sum(posts)::int AS posts, sum(views)::float8 AS views, sum(likes)::float8 AS likes, sum(forwards)::float8 AS forwards
    FROM (
      SELECT p.channel_id, (p.published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts, 0 AS views, 0 AS likes, 0 AS forwards
      FROM posts p WHERE p.channel_id = ANY (${channelIds}::uuid[]) GROUP BY 1, 2
      UNION ALL
      SELECT p.channel_id, (m.captured_at AT TIME ZONE 'UTC')::date, 0, sum(m.views), sum(m.likes), sum(m.forwards)
      FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.channel_id = ANY (${channelIds}::uuid[]) GROUP BY 1, 2
    ) parts
    GROUP BY 1, 2
    HAVING sum(posts) > 0 OR sum(views) > 0 OR sum(likes) > 0 OR sum(forwards) > 0
    ORDER BY 1, 2`;
}

/** analytics_daily as stored, for some channels (rows of zeros left out, as in the recomputation). */
export async function storedRollup(channelIds: string[]) {
  return prisma.$queryRaw<{ channel_id: string; day: string; posts: number; views: number; likes: number; forwards: number }[]>`
    SELECT channel_id::text, to_char(day, 'YYYY-MM-DD') AS day, posts, views::float8 AS views, likes::float8 AS likes, forwards::float8 AS forwards
    FROM analytics_daily
    WHERE channel_id = ANY (${channelIds}::uuid[]) AND (posts > 0 OR views > 0 OR likes > 0 OR forwards > 0)
    ORDER BY 1, 2`;
}

/** Each post's totals against the sums of its metrics: the posts whose totals are wrong. */
export async function postsWithWrongTotals(channelIds: string[]) {
  return prisma.$queryRaw<{ id: string }[]>`
    SELECT p.id::text FROM posts p
    LEFT JOIN (SELECT post_id, sum(views) AS v, sum(likes) AS l, sum(forwards) AS f FROM post_metrics GROUP BY post_id) m ON m.post_id = p.id
    WHERE p.channel_id = ANY (${channelIds}::uuid[])
      AND (p.views, p.likes, p.forwards) IS DISTINCT FROM (coalesce(m.v, 0), coalesce(m.l, 0), coalesce(m.f, 0))`;
}
