import { prisma } from '@/lib/db/client';

/**
 * A circle of new people for tests that write, so that the demo accounts stay as other tests
 * expect them: an owner, two accepted friends, one whose request is pending, and a stranger.
 */
export async function createCircle() {
  const tag = Math.random().toString(36).slice(2, 8);
  const roles = ['owner', 'friend', 'otherFriend', 'pending', 'stranger'] as const;
  const users = await Promise.all(
    roles.map((role) => prisma.user.create({ data: { id: `usr_t_${tag}_${role}`, name: `${role} ${tag}`, email: `${role}-${tag}@example.com` }, select: { id: true, name: true, email: true } })),
  );
  const [owner, friend, otherFriend, pending, stranger] = users as [(typeof users)[number], (typeof users)[number], (typeof users)[number], (typeof users)[number], (typeof users)[number]];
  await prisma.connection.createMany({
    data: [
      { requesterId: owner.id, addresseeId: friend.id, status: 'accepted' },
      { requesterId: otherFriend.id, addresseeId: owner.id, status: 'accepted' },
      { requesterId: pending.id, addresseeId: owner.id, status: 'pending' },
    ],
  });
  return { owner, friend, otherFriend, pending, stranger };
}
