import type { ReliabilityContext } from '@/lib/modules/manifest';

const GIFT = 'app/(app)/wishlists/actions.ts#giftAction';
const ROUNDS = 15;

/**
 * Two friends of Ada (Ben and Chloé) reserve the same available gift on her list at the same
 * moment, round after round: exactly one must win each time, the other be told it is taken, and
 * the data must hold one reservation (by the winner) and one activity row per win.
 */
export async function giftReservedByTwoFriends(context: ReliabilityContext): Promise<{ ok: boolean; detail: string }> {
  const [item] = await context.sql<{ id: string; wishlist_id: string }>(
    `SELECT i.id, i.wishlist_id FROM items i JOIN wishlists w ON w.id = i.wishlist_id
     WHERE w.owner_id = 'usr_ada' AND w.visibility <> 'private' AND i.status = 'available'
     ORDER BY i.created_at, i.id LIMIT 1`,
  );
  if (!item) return { ok: false, detail: 'no available item on a list of Ada’s that her friends can see' };
  // Posted from the list's page, where the friends press "Reserve".
  const page = `/wishlists/${item.wishlist_id}`;
  const activitiesBefore = await reservations(context, item.id);
  const problems: string[] = [];
  let wins = 0;
  const winners: Record<string, number> = {};
  for (let round = 1; round <= ROUNDS; round++) {
    const [ben, chloe] = await Promise.all([context.action('ben', GIFT, [item.id, 'reserve'], page), context.action('chloe', GIFT, [item.id, 'reserve'], page)]);
    const answers = { ben, chloe };
    const won = Object.entries(answers).filter(([, answer]) => answer.result?.ok === true);
    const refused = Object.entries(answers).filter(([, answer]) => answer.result?.ok === false && answer.result.code === 'conflict');
    if (won.length !== 1 || refused.length !== 1) {
      problems.push(`round ${round}: ${JSON.stringify(Object.fromEntries(Object.entries(answers).map(([who, a]) => [who, a.result ?? a.status])))}`);
      break;
    }
    const winner = won[0]![0];
    wins++;
    winners[winner] = (winners[winner] ?? 0) + 1;
    const [row] = await context.sql<{ status: string; purchased_by_id: string | null }>(`SELECT status::text, purchased_by_id FROM items WHERE id = $1::uuid`, [item.id]);
    if (row?.status !== 'reserved' || row.purchased_by_id !== `usr_${winner}`) {
      problems.push(`round ${round}: ${winner} won but the item is ${row?.status} by ${row?.purchased_by_id}`);
      break;
    }
    const release = await context.action(winner, GIFT, [item.id, 'release'], page);
    if (release.result?.ok !== true) {
      problems.push(`round ${round}: ${winner} could not release: ${JSON.stringify(release.result ?? release.status)}`);
      break;
    }
  }
  const activities = (await reservations(context, item.id)) - activitiesBefore;
  if (activities !== wins) problems.push(`${wins} wins but ${activities} reservation activities`);
  return {
    ok: problems.length === 0 && wins === ROUNDS,
    detail: problems.length ? problems.join('; ') : `${ROUNDS} rounds: one winner each (${Object.entries(winners).map(([who, n]) => `${who} ${n}`).join(', ')}), the other refused; ${activities} activity rows`,
  };
}

async function reservations(context: ReliabilityContext, itemId: string): Promise<number> {
  const [row] = await context.sql<{ n: number }>(`SELECT count(*)::int AS n FROM activities WHERE subject_id = $1 AND kind = 'item_reserved'`, [itemId]);
  return row?.n ?? 0;
}
