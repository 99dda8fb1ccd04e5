import { prisma } from '@/lib/db/client';

export interface FriendSummary {
  friends: number;
  incomingRequests: number;
  outgoingRequests: number;
}

/** The viewer's friendships at a glance, in one statement (both sides of the pair are indexed). */
export async function getFriendSummary(viewerId: string): Promise<FriendSummary> {
  const [row] = await prisma.$queryRaw<{ friends: number; incoming: number; outgoing: number }[]>`
    SELECT count(*) FILTER (WHERE status = 'accepted')::int AS friends,
           count(*) FILTER (WHERE status = 'pending' AND addressee_id = ${viewerId})::int AS incoming,
           count(*) FILTER (WHERE status = 'pending' AND requester_id = ${viewerId})::int AS outgoing
    FROM connections
    WHERE requester_id = ${viewerId} OR addressee_id = ${viewerId}`;
  return { friends: row?.friends ?? 0, incomingRequests: row?.incoming ?? 0, outgoingRequests: row?.outgoing ?? 0 };
}
