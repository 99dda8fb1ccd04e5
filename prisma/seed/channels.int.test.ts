import { describe, expect, it } from 'vitest';
import { withMigratedScratchDatabase } from '@/test/database';
import { CHANNEL_SEED_SIZES, seedChannels } from './channels';
import { seedCore } from './core';
import { seedDay } from './index';

/*
 * The large seed's SQL, run on a reduced size in a database of its own (the full size, 20,000
 * channels and about 6.6 million snapshots, is what `npm run db:seed -- --scale large` and the
 * benchmark run): the same statements, the same shapes of data, a few seconds.
 */
describe('the channels seed at large scale, reduced', () => {
  it('seeds generated channels with the large scale’s snapshot schedule, exact rollups, and runs twice to the same data', async () => {
    await withMigratedScratchDatabase(async (prisma) => {
      const lines: string[] = [];
      const context = { scale: 'demo' as const, log: (line: string) => lines.push(line), today: seedDay() };
      await seedCore(prisma, context);
      const size = { ...CHANNEL_SEED_SIZES.large, generatedChannels: 4, batch: 3, historyDays: 20, demoPostsFactor: 1, people: 60 };
      await seedChannels(prisma, { ...context, scale: 'large' }, size);
      expect(lines.filter((line) => line.includes('generated channels'))).toEqual(['  channels: generated channels 3 / 4', '  channels: generated channels 4 / 4']);
      const count = async () =>
        (
          await prisma.$queryRaw<{ channels: number; posts: number; metrics: number; rollup: number; stats: number; subscriptions: number }[]>`
            SELECT (SELECT count(*)::int FROM channels) AS channels, (SELECT count(*)::int FROM posts) AS posts, (SELECT count(*)::int FROM post_metrics) AS metrics,
                   (SELECT count(*)::int FROM analytics_daily) AS rollup, (SELECT count(*)::int FROM channel_stats) AS stats, (SELECT count(*)::int FROM subscriptions) AS subscriptions`
        )[0]!;
      const first = await count();
      expect(first.channels).toBe(9 + 4);
      // Sixteen snapshots a post at large scale (eight at demo scale), fewer for the newest posts (not all captured yet).
      expect(first.metrics).toBeGreaterThan(first.posts * 9);
      expect(first.metrics).toBeLessThanOrEqual(first.posts * 16);
      const mismatches = await prisma.$queryRaw<{ n: number }[]>`
        WITH expected AS (
          SELECT channel_id, day, sum(posts) AS posts, sum(views) AS views FROM (
            SELECT p.channel_id, (p.published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts, 0 AS views FROM posts p GROUP BY 1, 2
            UNION ALL
            SELECT p.channel_id, (m.captured_at AT TIME ZONE 'UTC')::date, 0, sum(m.views) FROM post_metrics m JOIN posts p ON p.id = m.post_id GROUP BY 1, 2) x
          GROUP BY 1, 2)
        SELECT count(*)::int AS n FROM expected e FULL JOIN analytics_daily d USING (channel_id, day)
        WHERE e.posts IS DISTINCT FROM d.posts OR e.views IS DISTINCT FROM d.views`;
      expect(mismatches[0]!.n).toBe(0);
      await seedChannels(prisma, { ...context, scale: 'large' }, size);
      expect(await count()).toEqual(first);
    });
  }, 120_000);
});
