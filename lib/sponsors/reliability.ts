import type { ReliabilityContext } from '@/lib/modules/manifest';
import { DEMO_FARMERS, demoSponsorId } from '@/prisma/seed/sponsors-demo';

const REDEEM = 'app/(app)/sponsors/actions.ts#redeemCodeAction';
const ROUNDS = 15;
/** What redeemCode answers a farmer whose code another farmer has just claimed. */
const TAKEN = 'This code has already been used.';

/**
 * Two farmers (Amina and Tomás) type the same sponsorship code at the same moment, round after
 * round, each round a fresh code that was sent to a farmer and not redeemed yet (alternately of
 * GreenLeaf, Amina's sponsor, and AgriNova, Tomás's): exactly one must win each time and the
 * other be told the code is used; the code must be redeemed by the winner, with one
 * subscription (the winner's) per code and no other subscription written for either of them.
 * Nothing is reset between rounds: a farmer with a running subscription may redeem another code
 * (redeemCode extends it), so each round is a real race between two farmers allowed to win.
 */
export async function codeRedeemedByTwoFarmers(context: ReliabilityContext): Promise<{ ok: boolean; detail: string }> {
  const farmers = DEMO_FARMERS.map((farmer) => farmer.key);
  const farmerIds = DEMO_FARMERS.map((farmer) => farmer.userId);
  const sponsorIds = [...new Set(DEMO_FARMERS.map((farmer) => demoSponsorId(farmer.sponsorKey)))];
  // The oldest sent, unredeemed, valid codes of the farmers' sponsors, taking turns between them.
  const codes = await context.sql<{ id: string; code: string }>(
    `SELECT id::text, code FROM (
       SELECT id, code, sponsor_id, row_number() OVER (PARTITION BY sponsor_id ORDER BY distributed_at, id) AS n
       FROM sponsorship_codes
       WHERE sponsor_id = ANY ($1::uuid[]) AND distributed_at IS NOT NULL AND redeemed_at IS NULL AND active AND expires_at > now() + interval '1 day'
     ) sent
     WHERE n <= $2 ORDER BY n, sponsor_id LIMIT $2`,
    [sponsorIds, ROUNDS],
  );
  if (codes.length < ROUNDS) return { ok: false, detail: `only ${codes.length} sent, unredeemed codes of the farmers' sponsors (${ROUNDS} needed)` };
  const subscriptionsBefore = await subscriptions(context, farmerIds);
  const problems: string[] = [];
  const winners: Record<string, number> = {};
  let wins = 0;
  for (const [index, { id, code }] of codes.entries()) {
    const round = index + 1;
    // Posted from the subscription page, where farmers type a code.
    const answers = await Promise.all(farmers.map((farmer) => context.formAction(farmer, REDEEM, [], { code }, '/sponsors/subscription')));
    const won = farmers.filter((_, i) => answers[i]!.result?.ok === true);
    const refused = farmers.filter((_, i) => answers[i]!.result?.ok === false && answers[i]!.result?.code === 'conflict' && answers[i]!.result?.message === TAKEN);
    if (won.length !== 1 || refused.length !== farmers.length - 1) {
      problems.push(`round ${round} (${code}): ${JSON.stringify(Object.fromEntries(farmers.map((farmer, i) => [farmer, answers[i]!.result ?? answers[i]!.status])))}`);
      break;
    }
    const winner = won[0]!;
    wins++;
    winners[winner] = (winners[winner] ?? 0) + 1;
    const [row] = await context.sql<{ redeemed_by_id: string | null; subscriptions: number; holders: string[] }>(
      `SELECT c.redeemed_by_id, count(s.id)::int AS subscriptions, coalesce(array_agg(s.user_id) FILTER (WHERE s.id IS NOT NULL), '{}') AS holders
       FROM sponsorship_codes c LEFT JOIN user_subscriptions s ON s.sponsorship_code_id = c.id
       WHERE c.id = $1::uuid GROUP BY c.id`,
      [id],
    );
    if (row?.redeemed_by_id !== `usr_${winner}` || row.subscriptions !== 1 || row.holders[0] !== `usr_${winner}`) {
      problems.push(`round ${round} (${code}): ${winner} won but the code is redeemed by ${row?.redeemed_by_id}, with ${row?.subscriptions} subscription(s) of ${row?.holders.join(', ')}`);
      break;
    }
  }
  const written = (await subscriptions(context, farmerIds)) - subscriptionsBefore;
  if (written !== wins) problems.push(`${wins} wins but ${written} new subscriptions for the two farmers`);
  return {
    ok: problems.length === 0 && wins === ROUNDS,
    detail: problems.length
      ? problems.join('; ')
      : `${ROUNDS} rounds, ${ROUNDS} codes: one winner each (${Object.entries(winners).map(([who, n]) => `${who} ${n}`).join(', ')}), the other told “${TAKEN}”; each code redeemed by its winner with one subscription; ${written} subscriptions written in all`,
  };
}

async function subscriptions(context: ReliabilityContext, userIds: string[]): Promise<number> {
  const [row] = await context.sql<{ n: number }>(`SELECT count(*)::int AS n FROM user_subscriptions WHERE user_id = ANY ($1::text[])`, [userIds]);
  return row?.n ?? 0;
}
