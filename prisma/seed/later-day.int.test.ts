import { describe, expect, it } from 'vitest';
import { withMigratedScratchDatabase } from '@/test/database';
import { seed, seedDay } from './index';
import { DEMO_FARMERS, demoAnalysisId } from './sponsors-demo';

const DAY = 86_400_000;

/*
 * A database seeded on one day and kept (a developer's, the benchmark's) is seeded again on a
 * later one: the seed adds what the new day brings and never trips over what the first run
 * stored, whose dates were relative to its own day.
 */
describe('the seed on a later day', () => {
  it('runs again over a database seeded the day before, and keeps the written-out conversations once', async () => {
    await withMigratedScratchDatabase(async (prisma) => {
      const conversations = () =>
        prisma.analysisMessage.findMany({ where: { analysisId: { in: DEMO_FARMERS.map((farmer) => demoAnalysisId(farmer.key, 1)) } }, select: { id: true, sentAt: true, analysisDate: true }, orderBy: { sentAt: 'asc' } });
      const today = seedDay();
      await seed({ scale: 'demo', log: () => {}, today: new Date(today.getTime() - DAY), prisma });
      const before = await conversations();
      expect(before).toHaveLength(5);

      await seed({ scale: 'demo', log: () => {}, today, prisma });
      expect(await conversations()).toEqual(before);
    });
  }, 180_000);
});
