import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { fail, invalid, isUuid, ok, type MutationResult } from '@/lib/validation';
import { friendRequestSchema, friendResponseSchema } from './schemas';
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
