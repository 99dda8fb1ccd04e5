import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { sendEvent } from '@/lib/jobs/backend';
import { logger } from '@/lib/metrics/logger';
import { fail, invalid, isUuid, ok, type MutationResult } from '@/lib/validation';
import { friendRequestSchema, friendResponseSchema } from './schemas';
import { friendshipEnded } from './module';
import { peopleTag } from './tags';

/**
 * Friendships. Becoming friends changes what both people may see at once (friends-only lists,
 * the friends' sections and feeds): every read that follows friendships carries the people tag
 * of its viewer, so both sides' are dropped on every change.
 */
async function friendshipChanged(a: string, b: string): Promise<void> {
  await invalidate([peopleTag(a), peopleTag(b)]);
}

export async function sendFriendRequest(viewerId: string, input: unknown): Promise<MutationResult<{ connectionId: string }>> {
  const parsed = friendRequestSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const other = await prisma.user.findUnique({ where: { email: parsed.data.email }, select: { id: true } });
  if (!other) return fail('not_found', 'Nobody with that e-mail address uses Brisk yet.', { email: 'No such person.' });
  if (other.id === viewerId) return fail('invalid', 'That is your own address.', { email: 'That is you.' });

  const existing = await prisma.connection.findFirst({
    where: { OR: [{ requesterId: viewerId, addresseeId: other.id }, { requesterId: other.id, addresseeId: viewerId }] },
    select: { id: true, status: true, requesterId: true },
  });
  if (existing?.status === 'accepted') return fail('conflict', 'You are already friends.');
  if (existing?.status === 'pending') {
    return fail('conflict', existing.requesterId === viewerId ? 'You have already sent a request.' : 'They already asked you: accept their request below.');
  }
  const connectionId = await prisma.$transaction(async (tx) => {
    // A declined pair may try again: the same row (one per pair) becomes a new request.
    const connection = existing
      ? await tx.connection.update({ where: { id: existing.id }, data: { requesterId: viewerId, addresseeId: other.id, status: 'pending', respondedAt: null, createdAt: new Date() } })
      : await tx.connection.create({ data: { requesterId: viewerId, addresseeId: other.id } });
    await tx.activity.create({ data: { actorId: viewerId, kind: 'friend_requested', subjectId: other.id, payload: {} } });
    return connection.id;
  });
  await friendshipChanged(viewerId, other.id);
  return ok({ connectionId });
}

/** Accept or decline a request addressed to the viewer. */
export async function respondToFriendRequest(viewerId: string, connectionId: string, responseInput: unknown): Promise<MutationResult> {
  const response = friendResponseSchema.safeParse(responseInput);
  if (!response.success) return invalid(response.error);
  const request = isUuid(connectionId)
    ? await prisma.connection.findFirst({
        where: { id: connectionId, addresseeId: viewerId, status: 'pending' },
        select: { id: true, requesterId: true, requester: { select: { name: true } } },
      })
    : null;
  if (!request) return fail('not_found', 'This friend request does not exist any more.');
  const accepted = response.data === 'accept';
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.connection.updateMany({
      where: { id: request.id, status: 'pending' },
      data: { status: accepted ? 'accepted' : 'declined', respondedAt: new Date() },
    });
    if (count && accepted) {
      await tx.activity.create({ data: { actorId: viewerId, kind: 'friend_accepted', subjectId: request.requesterId, payload: { name: request.requester.name } } });
    }
  });
  await friendshipChanged(viewerId, request.requesterId);
  return ok(undefined);
}

/**
 * Ends a friendship, from either side: the connection row goes in one statement (the pair may
 * become friends again later with a new request). Both people's reads that follow friendships
 * are dropped at once, so the other's friends-only lists leave each one's dashboard, feeds, stats,
 * upcoming events and list pages on their next request.
 *
 * Gifts: a reservation either had made on the other's lists is released (by the Wishlists
 * module's job on `people/friendship.ended`): the former friend can no longer see the list, so
 * could never release it or follow it up, and the owner's other friends should be free to take
 * the gift. Purchases stay as they are: the gift is bought, and un-marking it would invite a
 * second one. The owner still learns nothing before the event.
 */
export async function removeFriend(viewerId: string, connectionId: string): Promise<MutationResult<{ formerFriendId: string }>> {
  if (!isUuid(connectionId)) return fail('not_found', 'You are not friends with this person.');
  const [removed] = await prisma.$queryRaw<{ former_friend_id: string }[]>`
    DELETE FROM connections
    WHERE id = ${connectionId}::uuid AND status = 'accepted' AND (requester_id = ${viewerId} OR addressee_id = ${viewerId})
    RETURNING CASE WHEN requester_id = ${viewerId} THEN addressee_id ELSE requester_id END AS former_friend_id`;
  if (!removed) return fail('not_found', 'You are not friends with this person.');
  const formerFriendId = removed.former_friend_id;
  await friendshipChanged(viewerId, formerFriendId);
  try {
    await sendEvent(friendshipEnded, { userId: viewerId, formerFriendId });
  } catch (error) {
    // The friendship is over either way; only the release of reserved gifts is lost.
    logger.error({ err: (error as Error).message }, 'could not queue the release of reserved gifts after an unfriending');
  }
  return ok({ formerFriendId });
}
