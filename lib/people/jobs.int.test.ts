import { describe, expect, it } from 'vitest';
import { cached } from '@/lib/cache/cache';
import { countStatements, expectStatementBudget } from '@/test/statements';
import { warmUserCache, warmUserCacheJob } from './jobs';
import { getFriendSummary } from './queries';

describe('warmUserCache', () => {
  it("puts the user's friend summary in the data cache, in one statement, and returns no user data", async () => {
    const result = await expectStatementBudget(1, () => warmUserCache('usr_chloe'));
    expect(result).toEqual({ userId: 'usr_chloe', warmed: ['friend-summary'] });

    // The next read with the same kind, key and tags is a hit: no statement.
    const { result: summary, statements, metrics } = await countStatements(() =>
      cached({ kind: 'user', key: ['friend-summary', 'usr_chloe'], tags: ['user:usr_chloe'], factory: () => getFriendSummary('usr_chloe') }),
    );
    expect(statements).toBe(0);
    expect(metrics.cache.hits).toBe(1);
    expect(summary).toEqual(await getFriendSummary('usr_chloe'));
  });

  it('leaves a fresh entry alone when warmed again', async () => {
    await warmUserCache('usr_dev');
    await expectStatementBudget(0, () => warmUserCache('usr_dev'));
  });

  it('is the job of the sign-in event', () => {
    expect(warmUserCacheJob.trigger).toEqual({ event: 'people/user.signed-in' });
  });
});
