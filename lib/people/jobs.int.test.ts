import { describe, expect, it } from 'vitest';
import { expectStatementBudget } from '@/test/statements';
import { warmUserCache, warmUserCacheJob } from './jobs';

describe('warmUserCache', () => {
  it("computes the user's friend summary, in one statement, and returns no user data", async () => {
    const result = await expectStatementBudget(1, () => warmUserCache('usr_ada'));
    expect(result).toEqual({ userId: 'usr_ada', warmed: ['friend-summary'] });
  });

  it('is the job of the sign-in event', () => {
    expect(warmUserCacheJob.trigger).toEqual({ event: 'people/user.signed-in' });
  });
});
