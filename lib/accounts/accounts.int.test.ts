import { describe, expect, it } from 'vitest';
import { GET as wishlistsRoute } from '@/app/api/v1/wishlists/route';
import { createApiToken } from '@/lib/api-tokens/mutations';
import { getTokenOwner } from '@/lib/api-tokens/queries';
import { sessionViewerFromRequest } from '@/lib/auth/api';
import { auth } from '@/lib/auth/auth';
import { LOGIN_LIMITS } from '@/lib/auth/limiter';
import { signIn } from '@/lib/auth/mutations';
import { prisma } from '@/lib/db/client';
import { getCachedFriendSummary, getFriendsOverview } from '@/lib/people/queries';
import { createProject, inviteMember } from '@/lib/projects/mutations';
import { projectDetailRead, projectListRead } from '@/lib/projects/queries';
import { stampPeer } from '@/lib/security/client-address';
import { sponsorTeamRead } from '@/lib/sponsors/queries';
import { addItem, createWishlist, giveGift } from '@/lib/wishlists/mutations';
import { getActivityFeed, getWishlistDashboard, getWishlistDetail } from '@/lib/wishlists/queries';
import { createCircle } from '@/test/people';
import { createSponsorFixture } from '@/test/sponsors';
import { countStatements } from '@/test/statements';
import { changePassword, deleteAccount, type AccountActor } from './mutations';

// Each test hashes and checks several passwords (scrypt): slow on a loaded machine, hence the
// describes' longer timeouts.
const ORIGIN = 'http://localhost:3000';
const PASSWORD = 'the-first-password';
const NEW_PASSWORD = 'a-brand-new-password';
let addresses = 0;
/** A request's headers from an address of its own (the limiter counts per address). */
const fromSomewhere = (extra: Record<string, string> = {}) => stampPeer({ origin: ORIGIN, ...extra }, `192.0.2.${++addresses % 250}`);

/** Gives a test person a password (createCircle makes people without one). */
async function withPassword(user: { id: string; email: string }, password = PASSWORD) {
  const hash = await (await auth.$context).password.hash(password);
  await prisma.account.create({ data: { id: `acc_${user.id}`, accountId: user.id, providerId: 'credential', userId: user.id, password: hash } });
}

/** Signs in through Better Auth and returns the session's cookies (the 5-minute cookie cache included). */
async function signedIn(email: string, password = PASSWORD): Promise<string> {
  const response = await auth.api.signInEmail({ body: { email, password }, headers: fromSomewhere(), asResponse: true });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

const viewerOf = (cookie: string) => sessionViewerFromRequest(new Request(`${ORIGIN}/api/v1/wishlists`, { headers: { cookie } }));

async function actorFor(user: { id: string; email: string }, cookie: string): Promise<AccountActor> {
  const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
  return { userId: user.id, email: user.email, sessionId: session!.session.id };
}

async function tokenOf(userId: string): Promise<string> {
  const created = await createApiToken(userId, { name: 'script', lifetime: '30' });
  if (!created.ok) throw new Error(created.message);
  return created.value.secret;
}

describe('changing my password', { timeout: 90_000 }, () => {
  it('ends every other session at once, even those believed from their cookie cache, and keeps mine', async () => {
    const { owner } = await createCircle();
    await withPassword(owner);
    const [mine, laptop, phone] = [await signedIn(owner.email), await signedIn(owner.email), await signedIn(owner.email)];
    // Each session is now believed from its cookie for 5 minutes, without a database read.
    for (const cookie of [mine, laptop, phone]) expect((await viewerOf(cookie))?.id).toBe(owner.id);
    expect((await countStatements(() => viewerOf(laptop))).statements).toBe(0);

    const result = await changePassword(await actorFor(owner, mine), { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, fromSomewhere());
    expect(result).toEqual({ ok: true, value: { signedOut: 2, revokedTokens: 0 } });

    expect(await viewerOf(laptop)).toBeNull();
    expect(await viewerOf(phone)).toBeNull();
    expect((await viewerOf(mine))?.id).toBe(owner.id);
    expect((await wishlistsRoute(new Request(`${ORIGIN}/api/v1/wishlists`, { headers: { cookie: laptop } }), { params: Promise.resolve({}) })).status).toBe(401);
    // The old password is gone, the new one signs in.
    expect(await signIn({ email: owner.email, password: PASSWORD }, fromSomewhere())).toMatchObject({ ok: false, code: 'invalid' });
    expect(await signIn({ email: owner.email, password: NEW_PASSWORD }, fromSomewhere())).toEqual({ ok: true, value: undefined });
  });

  it('drops my API tokens’ cached owners at once, and revokes the tokens when I ask', async () => {
    const { owner, friend } = await createCircle();
    await withPassword(owner);
    await withPassword(friend);
    const [kept, revoked] = [await tokenOf(owner.id), await tokenOf(friend.id)];
    for (const secret of [kept, revoked]) expect(await getTokenOwner(secret)).not.toBeNull(); // cached now
    expect((await countStatements(() => getTokenOwner(kept))).statements).toBe(0);

    const change = (user: typeof owner, revokeTokens: boolean) =>
      changePassword({ userId: user.id, email: user.email, sessionId: 'none' }, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, revokeTokens }, fromSomewhere());
    expect(await change(owner, false)).toMatchObject({ ok: true, value: { revokedTokens: 0 } });
    // Read again from the database (the cached owner is gone), and still valid.
    const reread = await countStatements(() => getTokenOwner(kept));
    expect(reread.statements).toBe(1);
    expect(reread.result?.viewer.id).toBe(owner.id);

    expect(await change(friend, true)).toMatchObject({ ok: true, value: { revokedTokens: 1 } });
    expect(await getTokenOwner(revoked)).toBeNull();
  });

  it('refuses a wrong current password through the sign-in limiter, and bad input, changing nothing', async () => {
    const { owner } = await createCircle();
    await withPassword(owner);
    const mine = await signedIn(owner.email);
    const actor = await actorFor(owner, mine);
    const attacker = stampPeer({ origin: ORIGIN }, '203.0.113.140');
    const before = await prisma.account.findFirstOrThrow({ where: { userId: owner.id }, select: { password: true } });

    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'other' }, attacker)).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { newPassword: 'Use at least 8 characters.', confirmPassword: 'The two new passwords differ.' },
    });
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) {
      expect(await changePassword(actor, { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, attacker)).toMatchObject({
        ok: false,
        code: 'invalid',
        fieldErrors: { currentPassword: 'That is not your current password.' },
      });
    }
    // The same counters as signing in: that address is now refused both.
    expect(await changePassword(actor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }, attacker)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await signIn({ email: owner.email, password: PASSWORD }, attacker)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await prisma.account.findFirstOrThrow({ where: { userId: owner.id }, select: { password: true } })).toEqual(before);
    expect((await viewerOf(mine))?.id).toBe(owner.id);
  });
});

describe('deleting my account', { timeout: 90_000 }, () => {
  it('removes my lists from my friends’ cached dashboards on their next read, and I cannot sign in again', async () => {
    const { owner, friend, pending } = await createCircle();
    await withPassword(owner);
    const mine = await signedIn(owner.email);
    const secret = await tokenOf(owner.id);
    const created = await createWishlist(owner.id, { name: 'Soon gone', visibility: 'partner_only' });
    if (!created.ok) throw new Error(created.message);
    const listId = created.value.id;

    // Everyone's views are warm (cached) before the deletion.
    expect((await getWishlistDashboard(friend.id, 'updated_desc')).friends.map((list) => list.id)).toContain(listId);
    expect((await getWishlistDetail(friend.id, listId))?.id).toBe(listId);
    expect((await getActivityFeed(friend.id, 'friends')).map((entry) => entry.actorId)).toContain(owner.id);
    expect((await getFriendsOverview(friend.id)).friends.map((f) => f.userId)).toContain(owner.id);
    expect((await getFriendsOverview(pending.id)).requests.map((r) => r.userId)).toContain(owner.id);
    const summaryBefore = await getCachedFriendSummary(friend.id);
    expect(await getTokenOwner(secret)).not.toBeNull();
    expect((await countStatements(() => getWishlistDashboard(friend.id, 'updated_desc'))).statements).toBe(0);

    expect(await deleteAccount(await actorFor(owner, mine), { password: PASSWORD }, fromSomewhere())).toEqual({ ok: true, value: undefined });

    expect((await getWishlistDashboard(friend.id, 'updated_desc')).friends.map((list) => list.id)).not.toContain(listId);
    expect(await getWishlistDetail(friend.id, listId)).toBeNull();
    expect((await getActivityFeed(friend.id, 'friends')).map((entry) => entry.actorId)).not.toContain(owner.id);
    expect((await getFriendsOverview(friend.id)).friends.map((f) => f.userId)).not.toContain(owner.id);
    expect((await getFriendsOverview(pending.id)).requests.map((r) => r.userId)).not.toContain(owner.id);
    expect(await getCachedFriendSummary(friend.id)).not.toEqual(summaryBefore);
    // Nothing of mine is left; my session, even from its cookie cache, and my token are dead.
    expect(await prisma.user.findUnique({ where: { id: owner.id } })).toBeNull();
    for (const table of [prisma.wishlist.count({ where: { ownerId: owner.id } }), prisma.session.count({ where: { userId: owner.id } }), prisma.apiToken.count({ where: { userId: owner.id } }), prisma.connection.count({ where: { OR: [{ requesterId: owner.id }, { addresseeId: owner.id }] } }), prisma.activity.count({ where: { OR: [{ actorId: owner.id }, { subjectId: owner.id }] } })]) {
      expect(await table).toBe(0);
    }
    expect(await viewerOf(mine)).toBeNull();
    expect(await getTokenOwner(secret)).toBeNull();
    expect(await signIn({ email: owner.email, password: PASSWORD }, fromSomewhere())).toMatchObject({ ok: false, message: 'Wrong e-mail or password.' });
  });

  it('leaves the projects and the sponsor team I belonged to at once, for everyone who saw me there', async () => {
    const { people, sponsor } = await createSponsorFixture();
    const { owner, manager: leaving } = people;
    await withPassword(leaving);
    const session = await signedIn(leaving.email);
    // A project of someone else's that I am a member of, and one of mine they are a member of.
    const theirs = await createProject(owner.id, { name: 'Their project' });
    const mine = await createProject(leaving.id, { name: 'My project' });
    if (!theirs.ok || !mine.ok) throw new Error('project not created');
    expect((await inviteMember(owner.id, theirs.value.id, { email: leaving.email, role: 'editor' })).ok).toBe(true);
    expect((await inviteMember(leaving.id, mine.value.id, { email: owner.email, role: 'viewer' })).ok).toBe(true);

    // Their views are warm (cached) before the deletion.
    expect((await projectDetailRead.get(owner.id, theirs.value.id))!.members.map((member) => member.userId)).toContain(leaving.id);
    expect((await projectListRead.get(owner.id)).map((project) => project.id)).toContain(mine.value.id);
    expect((await sponsorTeamRead.get(sponsor.id)).members.map((member) => member.userId)).toContain(leaving.id);

    expect(await deleteAccount(await actorFor(leaving, session), { password: PASSWORD }, fromSomewhere())).toEqual({ ok: true, value: undefined });

    expect((await projectDetailRead.get(owner.id, theirs.value.id))!.members.map((member) => member.userId)).not.toContain(leaving.id);
    // My own project went with me.
    expect((await projectListRead.get(owner.id)).map((project) => project.id)).not.toContain(mine.value.id);
    expect((await sponsorTeamRead.get(sponsor.id)).members.map((member) => member.userId)).not.toContain(leaving.id);
  });

  it('releases the gifts I reserved on friends’ lists and keeps those I bought, without my name', async () => {
    const { owner, friend, otherFriend } = await createCircle();
    await withPassword(owner);
    // otherFriend is the list owner's friend too.
    await prisma.connection.create({ data: { requesterId: friend.id, addresseeId: otherFriend.id, status: 'accepted' } });
    const list = await createWishlist(friend.id, { name: 'Friend’s birthday', visibility: 'partner_only' });
    if (!list.ok) throw new Error(list.message);
    const items = [];
    for (const name of ['Book', 'Scarf']) {
      const item = await addItem(friend.id, list.value.id, { name });
      if (!item.ok) throw new Error(item.message);
      items.push(item.value.id);
    }
    const [reserved, bought] = items as [string, string];
    expect(await giveGift(owner.id, reserved, 'reserve')).toMatchObject({ ok: true });
    expect(await giveGift(owner.id, bought, 'purchase')).toMatchObject({ ok: true });
    // Another friend of the list's owner sees both taken (cached).
    const seen = async () => Object.fromEntries((await getWishlistDetail(otherFriend.id, list.value.id))!.items.map((item) => [item.id, item.status]));
    expect(await seen()).toEqual({ [reserved]: 'reserved', [bought]: 'purchased' });

    expect(await deleteAccount({ userId: owner.id, email: owner.email, sessionId: 'none' }, { password: PASSWORD }, fromSomewhere())).toMatchObject({ ok: true });

    expect(await seen()).toEqual({ [reserved]: 'available', [bought]: 'purchased' });
    const rows = await prisma.item.findMany({ where: { id: { in: items } }, select: { id: true, purchasedById: true, purchasedAt: true } });
    expect(rows.every((row) => row.purchasedById === null)).toBe(true);
    expect(rows.find((row) => row.id === reserved)?.purchasedAt).toBeNull();
    // Now someone else can give it.
    expect(await giveGift(otherFriend.id, reserved, 'reserve')).toMatchObject({ ok: true });
  });

  it('needs my password, through the limiter, and deletes nothing without it', async () => {
    const { owner } = await createCircle();
    await withPassword(owner);
    const actor = { userId: owner.id, email: owner.email, sessionId: 'none' };
    expect(await deleteAccount(actor, { password: '' }, fromSomewhere())).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { password: 'Enter your password.' } });
    expect(await deleteAccount(actor, { password: 'not-it' }, fromSomewhere())).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { password: 'That is not your current password.' } });
    expect(await prisma.user.count({ where: { id: owner.id } })).toBe(1);
  });
});

describe('statement budgets', { timeout: 90_000 }, () => {
  /** A person with a password, `sessions` sessions, `tokens` API tokens and `lists` lists of 2 items. */
  async function personWith({ sessions, tokens, lists }: { sessions: number; tokens: number; lists: number }) {
    const { owner, friend } = await createCircle();
    await withPassword(owner);
    for (let i = 0; i < sessions; i++) await signedIn(owner.email);
    for (let i = 0; i < tokens; i++) await tokenOf(owner.id);
    for (let i = 0; i < lists; i++) {
      const list = await createWishlist(owner.id, { name: `List ${i}`, visibility: 'partner_only' });
      if (!list.ok) throw new Error(list.message);
      for (const name of ['One', 'Two']) await addItem(owner.id, list.value.id, { name });
      const theirs = await createWishlist(friend.id, { name: `Theirs ${i}`, visibility: 'partner_only' });
      if (!theirs.ok) throw new Error(theirs.message);
      const gift = await addItem(friend.id, theirs.value.id, { name: 'Gift' });
      if (!gift.ok) throw new Error(gift.message);
      await giveGift(owner.id, gift.value.id, i % 2 ? 'purchase' : 'reserve');
    }
    return { userId: owner.id, email: owner.email, sessionId: 'none' };
  }

  it('a password change and a deletion cost the same few statements however much the person has', async () => {
    const counts = { change: [] as number[], deletion: [] as number[] };
    for (const size of [{ sessions: 1, tokens: 0, lists: 0 }, { sessions: 3, tokens: 2, lists: 2 }]) {
      const actor = await personWith(size);
      const change = await countStatements(() => changePassword(actor, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, revokeTokens: true }, fromSomewhere()));
      expect(change.result.ok).toBe(true);
      counts.change.push(change.statements);
      const deletion = await countStatements(() => deleteAccount(actor, { password: NEW_PASSWORD }, fromSomewhere()));
      expect(deletion.result.ok).toBe(true);
      counts.deletion.push(deletion.statements);
    }
    expect(counts.change[0]).toBe(counts.change[1]);
    expect(counts.deletion[0]).toBe(counts.deletion[1]);
    expect(counts.change[0]).toBe(6);
    // 9 of its own, and one read each for the modules that show the person to others (Projects, Sponsors).
    expect(counts.deletion[0]).toBe(11);
  });
});
