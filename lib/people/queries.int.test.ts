import { describe, expect, it } from 'vitest';
import { getFriendSummary } from './queries';

describe('getFriendSummary', () => {
  it('counts accepted friends on both sides of the pair and pending requests by direction', async () => {
    // Demo data: Ada asked Ben, Chloé asked Ada (both accepted); Dev asked Ada and Ada asked
    // Eun-ji (pending); Farah's request was declined.
    expect(await getFriendSummary('usr_ada')).toEqual({ friends: 2, incomingRequests: 1, outgoingRequests: 1 });
  });

  it('is all zeros for someone with no connections', async () => {
    expect(await getFriendSummary('usr_gus')).toEqual({ friends: 0, incomingRequests: 0, outgoingRequests: 0 });
  });
});
