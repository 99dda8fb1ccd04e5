import { cachedRead } from '@/lib/cache/read';
import { prisma } from '@/lib/db/client';
import { peopleCacheKinds } from './module';
import { peopleTag } from './tags';

export interface FriendSummary {
  friends: number;
  incomingRequests: number;
  outgoingRequests: number;
  /** A newcomer: an account less than NEWCOMER_DAYS old with no friend and no request yet (the home page greets them as new). */
  newcomer: boolean;
}

export const NEWCOMER_DAYS = 7;

/** The viewer's friendships at a glance, in one statement (both sides of the pair are indexed). */
export async function getFriendSummary(viewerId: string): Promise<FriendSummary> {
  const [row] = await prisma.$queryRaw<{ friends: number; incoming: number; outgoing: number; recent: boolean | null }[]>`
    SELECT count(*) FILTER (WHERE status = 'accepted')::int AS friends,
           count(*) FILTER (WHERE status = 'pending' AND addressee_id = ${viewerId})::int AS incoming,
           count(*) FILTER (WHERE status = 'pending' AND requester_id = ${viewerId})::int AS outgoing,
           (SELECT u.created_at > now() - make_interval(days => ${NEWCOMER_DAYS}::int) FROM users u WHERE u.id = ${viewerId}) AS recent
    FROM connections
    WHERE requester_id = ${viewerId} OR addressee_id = ${viewerId}`;
  const friends = row?.friends ?? 0;
  const incomingRequests = row?.incoming ?? 0;
  const outgoingRequests = row?.outgoing ?? 0;
  return { friends, incomingRequests, outgoingRequests, newcomer: row?.recent === true && friends + incomingRequests + outgoingRequests === 0 };
}

/** A user and their accepted friends: everyone whose view of that user's shared data can change. */
export async function audienceOf(userId: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT CASE WHEN requester_id = ${userId} THEN addressee_id ELSE requester_id END AS id
    FROM connections
    WHERE (requester_id = ${userId} OR addressee_id = ${userId}) AND status = 'accepted'`;
  return [userId, ...rows.map((row) => row.id)];
}

export interface Friend {
  connectionId: string;
  userId: string;
  name: string;
  since: string;
}

export interface FriendRequest {
  connectionId: string;
  userId: string;
  name: string;
  direction: 'incoming' | 'outgoing';
  sentAt: string;
}

export interface FriendsOverview {
  friends: Friend[];
  requests: FriendRequest[];
}

/** Friends and open requests in both directions, in one statement. */
export async function loadFriendsOverview(viewerId: string): Promise<FriendsOverview> {
  const rows = await prisma.$queryRaw<{ id: string; status: 'pending' | 'accepted'; other_id: string; other_name: string; incoming: boolean; created_at: Date; responded_at: Date | null }[]>`
    SELECT c.id, c.status::text AS status, u.id AS other_id, u.name AS other_name,
           (c.addressee_id = ${viewerId}) AS incoming, c.created_at, c.responded_at
    FROM connections c
    JOIN users u ON u.id = CASE WHEN c.requester_id = ${viewerId} THEN c.addressee_id ELSE c.requester_id END
    WHERE (c.requester_id = ${viewerId} OR c.addressee_id = ${viewerId}) AND c.status IN ('pending', 'accepted')
    ORDER BY u.name, c.id`;
  return {
    friends: rows
      .filter((row) => row.status === 'accepted')
      .map((row) => ({ connectionId: row.id, userId: row.other_id, name: row.other_name, since: (row.responded_at ?? row.created_at).toISOString() })),
    requests: rows
      .filter((row) => row.status === 'pending')
      .map((row) => ({ connectionId: row.id, userId: row.other_id, name: row.other_name, direction: row.incoming ? 'incoming' : 'outgoing', sentAt: row.created_at.toISOString() })),
  };
}

/** The Friends page's read: one statement cold, dropped by every friendship change of the viewer. */
export const friendsOverviewRead = cachedRead({
  kind: peopleCacheKinds.friends,
  key: (viewerId: string) => ['overview', viewerId],
  tags: (viewerId: string) => [peopleTag(viewerId)],
  load: loadFriendsOverview,
});

/**
 * The home page's friend counts and whether to greet the viewer as new: the same lifetime and tag
 * (warmed on sign-in). A first friend request drops the tag, so the greeting changes at once;
 * the account's age is checked again within the entry's 5 minutes.
 */
export const friendSummaryRead = cachedRead({
  kind: peopleCacheKinds.friends,
  key: (viewerId: string) => ['summary', viewerId],
  tags: (viewerId: string) => [peopleTag(viewerId)],
  load: getFriendSummary,
});

export const getFriendsOverview = (viewerId: string) => friendsOverviewRead.get(viewerId);
export const getCachedFriendSummary = (viewerId: string) => friendSummaryRead.get(viewerId);
