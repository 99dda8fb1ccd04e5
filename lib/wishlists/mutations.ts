import { prisma } from '@/lib/db/client';
import { invalidate } from '@/lib/cache/cache';
import { outgoing, sendEvent, sendEvents } from '@/lib/jobs/backend';
import { logger } from '@/lib/metrics/logger';
import { audienceOf } from '@/lib/people/queries';
import { fail, invalid, isUuid, ok, type MutationResult } from '@/lib/validation';
import { giftActionSchema, itemInputSchema, wishlistInputSchema, type GiftAction } from './schemas';
import { activityStatsStale, itemUrlAdded } from './module';
import { publicListsTag, statsTag, viewerTag, wishlistTag } from './tags';

/*
 * Writes of the Wishlists module. Each validates its input, writes in one transaction, then
 * drops the cache of everyone whose view changed (plan 000 §2.3): the author and the author's
 * friends (their dashboards list the author's shared lists), and every copy of the list.
 * Strangers' public view catches up within its cache lifetime.
 */

const LIST_NOT_FOUND = 'This list does not exist or is not yours to change.';
const ITEM_NOT_FOUND = 'This item does not exist or is not yours to change.';

/** Drops what the change made stale and refreshes the activity stats of those who see it. */
async function afterChange(authorId: string, wishlistIds: string[]): Promise<void> {
  // The write is committed: nothing from here on may turn it into a refusal (the user would retry
  // a write that was kept). If the database fails now, the author's and the lists' copies are
  // still dropped; the friends' copies then expire with their lifetimes.
  const audience = await audienceOf(authorId).catch((error: unknown) => {
    logger.error({ err: (error as Error).message, authorId }, 'could not read who sees a change; friends’ views expire with their lifetimes');
    return [authorId];
  });
  // The public lists are one entry for everybody, dropped by any change (one cheap, indexed
  // statement to rebuild): a list made private, or a public list's new name or counts, reach
  // every viewer on their next request.
  await invalidate([...audience.map(viewerTag), ...wishlistIds.map(wishlistTag), statsTag(authorId), publicListsTag]);
  // The author's stats are dropped above (read-your-writes); their friends' are recomputed in
  // the background (plan 000's ActivityStatsRefreshJob) and may lag by the time that takes.
  const friends = audience.filter((id) => id !== authorId);
  try {
    await sendEvents(friends.map((userId) => outgoing(activityStatsStale, { userId })));
  } catch (error) {
    logger.error({ err: (error as Error).message, friends: friends.length }, 'could not queue activity stats refreshes; they expire within 15 minutes');
  }
}

function wishlistData(input: ReturnType<typeof wishlistInputSchema.parse>) {
  return {
    name: input.name,
    description: input.description ?? null,
    visibility: input.visibility,
    eventType: input.eventType ?? null,
    eventDate: input.eventDate ? new Date(`${input.eventDate}T00:00:00Z`) : null,
  };
}

export async function createWishlist(viewerId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  const parsed = wishlistInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const list = await prisma.$transaction(async (tx) => {
    const created = await tx.wishlist.create({ data: { ownerId: viewerId, ...wishlistData(parsed.data) }, select: { id: true, name: true } });
    await tx.activity.create({ data: { actorId: viewerId, kind: 'wishlist_created', wishlistId: created.id, subjectId: created.id, payload: { name: created.name } } });
    return created;
  });
  await afterChange(viewerId, [list.id]);
  return ok({ id: list.id });
}

export async function updateWishlist(viewerId: string, wishlistId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(wishlistId)) return fail('not_found', LIST_NOT_FOUND);
  const parsed = wishlistInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { count } = await prisma.wishlist.updateMany({ where: { id: wishlistId, ownerId: viewerId }, data: wishlistData(parsed.data) });
  if (count === 0) return fail('not_found', LIST_NOT_FOUND);
  await afterChange(viewerId, [wishlistId]);
  return ok({ id: wishlistId });
}

export async function deleteWishlist(viewerId: string, wishlistId: string): Promise<MutationResult> {
  if (!isUuid(wishlistId)) return fail('not_found', LIST_NOT_FOUND);
  const { count } = await prisma.wishlist.deleteMany({ where: { id: wishlistId, ownerId: viewerId } });
  if (count === 0) return fail('not_found', LIST_NOT_FOUND);
  await afterChange(viewerId, [wishlistId]);
  return ok(undefined);
}

/** A name for an item given only by its link, until the metadata job finds the page's title. */
function placeholderName(url: string): string {
  return `Item from ${new URL(url).hostname.replace(/^www\./, '')}`.slice(0, 200);
}

export async function addItem(viewerId: string, wishlistId: string, input: unknown): Promise<MutationResult<{ id: string }>> {
  if (!isUuid(wishlistId)) return fail('not_found', LIST_NOT_FOUND);
  const parsed = itemInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, url, price, currency, notes } = parsed.data;
  const item = await prisma.$transaction(async (tx) => {
    // Touching the list both proves ownership and moves it up in "recently updated".
    const { count } = await tx.wishlist.updateMany({ where: { id: wishlistId, ownerId: viewerId }, data: { updatedAt: new Date() } });
    if (count === 0) return null;
    const created = await tx.item.create({
      data: {
        wishlistId,
        name: name ?? placeholderName(url!),
        url: url ?? null,
        price: price ?? null,
        currency: currency ?? null,
        notes: notes ?? null,
        metadataStatus: url ? 'pending' : null,
      },
      select: { id: true, name: true },
    });
    await tx.activity.create({ data: { actorId: viewerId, kind: 'item_added', wishlistId, subjectId: created.id, payload: { name: created.name } } });
    return created;
  });
  if (!item) return fail('not_found', LIST_NOT_FOUND);
  if (url) await queueMetadataExtraction(item.id, wishlistId);
  await afterChange(viewerId, [wishlistId]);
  return ok({ id: item.id });
}

/** Queues the URL metadata job (plan 000 §3.2). If the queue refuses, the item says so. */
async function queueMetadataExtraction(itemId: string, wishlistId: string): Promise<void> {
  try {
    await sendEvent(itemUrlAdded, { itemId });
  } catch (error) {
    logger.error({ err: (error as Error).message, itemId }, 'could not queue metadata extraction');
    // The item is saved either way; a database that fails here too leaves it "pending".
    await prisma.item
      .update({ where: { id: itemId }, data: { metadataStatus: 'failed', metadataError: 'Could not start reading the page. Save the link again to retry.' } })
      .then(() => invalidate([wishlistTag(wishlistId)]))
      .catch((updateError: unknown) => logger.error({ err: (updateError as Error).message, itemId }, 'could not mark the metadata job as not started'));
  }
}

/**
 * Edits an item's name, link, price and notes, with the same rules as adding one. A new link
 * starts the metadata job again (and a name left empty becomes the link's placeholder until the
 * job finds the page's title); an unchanged link keeps what the job found. One statement: the
 * ownership check, the item's update and the list's "updated" time, so the list moves up as it
 * does when an item is added.
 */
export async function updateItem(viewerId: string, itemId: string, input: unknown): Promise<MutationResult<{ id: string; wishlistId: string }>> {
  if (!isUuid(itemId)) return fail('not_found', ITEM_NOT_FOUND);
  const parsed = itemInputSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { name, price, currency, notes } = parsed.data;
  const url = parsed.data.url ?? null;
  const placeholder = url ? placeholderName(url) : null;
  const [updated] = await prisma.$queryRaw<{ wishlist_id: string; url_changed: boolean }[]>`
    WITH target AS (
      SELECT i.id, i.wishlist_id, i.url
      FROM items i JOIN wishlists w ON w.id = i.wishlist_id
      WHERE i.id = ${itemId}::uuid AND w.owner_id = ${viewerId}
      FOR UPDATE OF i
    ),
    touched AS (
      UPDATE wishlists w SET updated_at = now() FROM target t WHERE w.id = t.wishlist_id
    )
    UPDATE items i
    SET name = COALESCE(${name ?? null}::text, CASE WHEN t.url IS DISTINCT FROM ${url}::text AND ${placeholder}::text IS NOT NULL THEN ${placeholder}::text ELSE i.name END),
        url = ${url}::text,
        price = ${price ?? null}::numeric,
        currency = ${currency ?? null}::text,
        notes = ${notes ?? null}::text,
        metadata_status = CASE WHEN t.url IS DISTINCT FROM ${url}::text
                               THEN (CASE WHEN ${url}::text IS NULL THEN NULL ELSE 'pending' END)::item_metadata_status
                               ELSE i.metadata_status END,
        metadata_error = CASE WHEN t.url IS DISTINCT FROM ${url}::text THEN NULL ELSE i.metadata_error END,
        updated_at = now()
    FROM target t
    WHERE i.id = t.id
    RETURNING i.wishlist_id, (t.url IS DISTINCT FROM i.url) AS url_changed`;
  if (!updated) return fail('not_found', ITEM_NOT_FOUND);
  if (updated.url_changed && url) await queueMetadataExtraction(itemId, updated.wishlist_id);
  await afterChange(viewerId, [updated.wishlist_id]);
  return ok({ id: itemId, wishlistId: updated.wishlist_id });
}

export async function removeItem(viewerId: string, itemId: string): Promise<MutationResult> {
  if (!isUuid(itemId)) return fail('not_found', ITEM_NOT_FOUND);
  const item = await prisma.item.findFirst({ where: { id: itemId, wishlist: { ownerId: viewerId } }, select: { wishlistId: true } });
  if (!item) return fail('not_found', ITEM_NOT_FOUND);
  await prisma.item.delete({ where: { id: itemId } });
  await afterChange(viewerId, [item.wishlistId]);
  return ok(undefined);
}

interface GiftTarget {
  wishlist_id: string;
  owner_id: string;
  item_name: string;
  viewer_is_friend: boolean;
}

/**
 * Reserve, buy or release an item on a friend's list. Only accepted friends of the owner may;
 * to anyone else the item does not exist. Each change is one conditional UPDATE, so two friends
 * racing for the same gift cannot both get it.
 */
export async function giveGift(viewerId: string, itemId: string, actionInput: unknown): Promise<MutationResult<{ status: 'available' | 'reserved' | 'purchased' }>> {
  const action = giftActionSchema.safeParse(actionInput);
  if (!action.success) return invalid(action.error);
  if (!isUuid(itemId)) return fail('not_found', 'This item does not exist.');
  const [target] = await prisma.$queryRaw<GiftTarget[]>`
    SELECT w.id AS wishlist_id, w.owner_id, i.name AS item_name,
           EXISTS (SELECT 1 FROM connections c
                   WHERE c.status = 'accepted'
                     AND ((c.requester_id = ${viewerId} AND c.addressee_id = w.owner_id)
                       OR (c.addressee_id = ${viewerId} AND c.requester_id = w.owner_id))) AS viewer_is_friend
    FROM items i JOIN wishlists w ON w.id = i.wishlist_id
    WHERE i.id = ${itemId}::uuid AND (w.owner_id = ${viewerId} OR w.visibility <> 'private')`;
  if (!target || (target.owner_id !== viewerId && !target.viewer_is_friend)) return fail('not_found', 'This item does not exist.');
  if (target.owner_id === viewerId) return fail('forbidden', 'This is your own list: your friends take care of the gifts.');

  const result = await applyGiftAction(viewerId, itemId, action.data, target);
  if (!result.ok) return result;
  await afterChange(viewerId, [target.wishlist_id]);
  return result;
}

async function applyGiftAction(viewerId: string, itemId: string, action: GiftAction, target: GiftTarget) {
  const now = new Date();
  return prisma.$transaction(async (tx) => {
    if (action === 'release') {
      const { count } = await tx.item.updateMany({
        where: { id: itemId, status: 'reserved', purchasedById: viewerId },
        data: { status: 'available', purchasedById: null, purchasedAt: null },
      });
      return count ? ok({ status: 'available' as const }) : fail('conflict', 'You have not reserved this item.');
    }
    const status = action === 'reserve' ? ('reserved' as const) : ('purchased' as const);
    const { count } = await tx.item.updateMany({
      where:
        action === 'reserve'
          ? { id: itemId, status: 'available' }
          : { id: itemId, OR: [{ status: 'available' }, { status: 'reserved', purchasedById: viewerId }] },
      data: { status, purchasedById: viewerId, purchasedAt: now },
    });
    if (count === 0) return fail('conflict', 'Someone else has already taken this gift.');
    await tx.activity.create({
      data: { actorId: viewerId, kind: status === 'reserved' ? 'item_reserved' : 'item_purchased', wishlistId: target.wishlist_id, subjectId: itemId, payload: { name: target.item_name } },
    });
    return ok({ status });
  });
}
