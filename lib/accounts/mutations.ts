import { tokenTag } from '@/lib/api-tokens/tags';
import { auth } from '@/lib/auth/auth';
import { beginPasswordCheck, type AdmittedCheck } from '@/lib/auth/limiter';
import { renewSessionEpoch } from '@/lib/auth/session-epoch';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { installedModules } from '@/lib/modules/registry';
import { peopleTag } from '@/lib/people/tags';
import { fail, invalid, ok, type MutationFailure, type MutationResult } from '@/lib/validation';
import { publicListsTag, statsTag, viewerTag, wishlistTag } from '@/lib/wishlists/tags';
import { changePasswordSchema, deleteAccountSchema } from './schemas';

/*
 * A person's own account: a new password, or no account at all. Both are confirmed with the
 * current password, checked through the sign-in limiter (lib/auth/limiter.ts: the same counters
 * as signing in), and both end every session they must at once, on every instance, although
 * sessions are otherwise believed from a 5-minute cookie (lib/auth/session-epoch.ts).
 */

/** Who asks, and the session they ask from (the one a password change keeps). */
export interface AccountActor {
  userId: string;
  email: string;
  sessionId: string;
}

const WRONG_PASSWORD = 'That is not your current password.';

/** The password check of an account change, through the limiter. */
async function checkPassword(actor: AccountActor, password: string, requestHeaders: Headers, field: string): Promise<MutationResult<{ accountId: string; check: AdmittedCheck }>> {
  const check = await beginPasswordCheck(actor.email, requestHeaders);
  if (!check.allowed) return fail('forbidden', check.message);
  try {
    const account = await prisma.account.findFirst({ where: { userId: actor.userId, providerId: 'credential' }, select: { id: true, password: true } });
    const { password: hasher } = await auth.$context;
    // Hash even without an account, so that the answer takes as long either way.
    const right = account?.password ? await hasher.verify({ hash: account.password, password }) : (await hasher.hash(password), false);
    if (!right || !account) {
      await check.failed();
      return fail('invalid', WRONG_PASSWORD, { [field]: WRONG_PASSWORD });
    }
    return ok({ accountId: account.id, check });
  } catch (error) {
    await check.unchecked();
    throw error;
  }
}

export interface PasswordChanged {
  /** Sessions signed out (every one but the current). */
  signedOut: number;
  /** API tokens revoked (only when asked). */
  revokedTokens: number;
}

/**
 * A new password. Every other session ends at once; the current one stays. API tokens keep
 * working unless `revokeTokens` is asked (they are credentials of their own, listed and revoked
 * at /settings/tokens, and a script should not break because its owner changed a password);
 * their cached owners are dropped at once all the same, so that a revocation or the new state
 * of the account is seen on their next call.
 */
export async function changePassword(actor: AccountActor, input: unknown, requestHeaders: Headers, now: Date = new Date()): Promise<MutationResult<PasswordChanged>> {
  const parsed = changePasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const verified = await checkPassword(actor, parsed.data.currentPassword, requestHeaders, 'currentPassword');
  if (!verified.ok) return verified;
  const { accountId, check } = verified.value;
  try {
    const hash = await (await auth.$context).password.hash(parsed.data.newPassword);
    const changed = await prisma.$transaction(async (tx) => {
      await tx.account.update({ where: { id: accountId }, data: { password: hash } });
      const { count: signedOut } = await tx.session.deleteMany({ where: { userId: actor.userId, id: { not: actor.sessionId } } });
      const tokens = await tx.apiToken.findMany({ where: { userId: actor.userId }, select: { tokenHash: true } });
      const revokedTokens = parsed.data.revokeTokens ? (await tx.apiToken.updateMany({ where: { userId: actor.userId, revokedAt: null }, data: { revokedAt: now } })).count : 0;
      return { signedOut, revokedTokens, tokenHashes: tokens.map((token) => token.tokenHash) };
    });
    await check.succeeded();
    await renewSessionEpoch(actor.userId);
    if (changed.tokenHashes.length > 0) await invalidate(changed.tokenHashes.map(tokenTag));
    return ok({ signedOut: changed.signedOut, revokedTokens: changed.revokedTokens });
  } catch (error) {
    await check.unchecked();
    throw error;
  }
}

/**
 * Deletes the account and what is only its own: lists (with their items and activities), its
 * friendships and requests, sessions, API tokens, its activities, and the activities of others
 * that name it (friend requests and new friendships). Gifts it gave on other people's lists:
 * a reservation is released (the item is available again, so that someone else can give it); a
 * purchase stays purchased (the gift exists) with no buyer. Afterwards everyone who could see
 * any of it reads fresh data on their next request: its friends and those with a pending
 * request (dashboards, feeds, stats, friends pages), the owners of the lists it gave on, and
 * every cached copy of the lists concerned, and the public lists everybody shares; and what the
 * other modules show of it to other people (their manifests' accountDeletionTags: project
 * members, sponsor teams, conversations).
 */
export async function deleteAccount(actor: AccountActor, input: unknown, requestHeaders: Headers): Promise<MutationResult> {
  const parsed = deleteAccountSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const verified = await checkPassword(actor, parsed.data.password, requestHeaders, 'password');
  if (!verified.ok) return verified;
  const { check } = verified.value;
  const userId = actor.userId;
  let moduleTags: readonly string[] = [];
  let deleted: { people: string[]; lists: string[]; listOwners: string[]; tokenHashes: string[] } | MutationFailure;
  try {
    // What the other modules show of this user to other people, read while the user exists.
    moduleTags = (await Promise.all(installedModules().map((manifest) => manifest.accountDeletionTags?.(userId) ?? Promise.resolve([])))).flat();
    deleted = await prisma.$transaction(async (tx) => {
      const [connections, ownLists, gifts, tokens] = [
        await tx.connection.findMany({ where: { OR: [{ requesterId: userId }, { addresseeId: userId }] }, select: { requesterId: true, addresseeId: true } }),
        await tx.wishlist.findMany({ where: { ownerId: userId }, select: { id: true } }),
        await tx.item.findMany({ where: { purchasedById: userId }, select: { wishlistId: true, wishlist: { select: { ownerId: true } } } }),
        await tx.apiToken.findMany({ where: { userId }, select: { tokenHash: true } }),
      ];
      // Reservations are released; purchases lose their buyer through the foreign key (SET NULL).
      await tx.item.updateMany({ where: { purchasedById: userId, status: 'reserved' }, data: { status: 'available', purchasedById: null, purchasedAt: null } });
      await tx.activity.deleteMany({ where: { subjectId: userId, kind: { in: ['friend_requested', 'friend_accepted'] } } });
      const { count } = await tx.user.deleteMany({ where: { id: userId } });
      if (count === 0) return fail('not_found', 'This account does not exist any more.');
      return {
        people: [...new Set(connections.flatMap((c) => [c.requesterId, c.addresseeId]))].filter((id) => id !== userId),
        lists: [...new Set([...ownLists.map((list) => list.id), ...gifts.map((gift) => gift.wishlistId)])],
        listOwners: [...new Set(gifts.map((gift) => gift.wishlist.ownerId))],
        tokenHashes: tokens.map((token) => token.tokenHash),
      };
    });
  } catch (error) {
    await check.unchecked();
    throw error;
  }
  if ('ok' in deleted) {
    await check.unchecked();
    return deleted;
  }
  await check.succeeded();
  await renewSessionEpoch(userId);
  const people = [userId, ...deleted.people];
  await invalidate([
    ...people.flatMap((id) => [peopleTag(id), viewerTag(id), statsTag(id)]),
    ...deleted.listOwners.map(viewerTag),
    ...deleted.lists.map(wishlistTag),
    ...deleted.tokenHashes.map(tokenTag),
    // Its public lists leave everybody's public section at once.
    publicListsTag,
    ...moduleTags,
  ]);
  return ok(undefined);
}
