import { randomBytes } from 'node:crypto';
import type { ActionAnswer, ReliabilityContext } from '@/lib/modules/manifest';

const ACTIONS = 'app/(app)/leads/actions.ts';
/** Ben listens for two keywords of his own in the demo data: the writes go to his counters. */
const OWNER = 'ben';
const OWNER_ID = 'usr_ben';
const WRITES = 1_000;
const IN_FLIGHT = 20;
/** Mentions filed before the writes (the search job's statement, in SQL): every other one a lead. */
const STARTING_MENTIONS = 300;
/** One search-like insert (2 mentions, a lead for the high-scoring one) after every this many writes. */
const INSERT_EVERY = 8;
const STATUSES = ['new', 'qualified', 'converted', 'lost'] as const;

type Kind = 'promote' | 'move' | 'status' | 'deleteMention' | 'createKeyword' | 'deleteKeyword';

/**
 * 1,000 writes through the Leads server actions, 20 in flight at once, as Ben on his pages:
 * mentions made leads, moved between keywords (their lead follows), deleted; leads moved along
 * the pipeline; keywords added and deleted with their mentions (the cascade); meanwhile mentions
 * and leads are stored as the search job stores them (one SQL statement, the triggers count
 * them). Then every counter cache of his (keywords' mentions and leads, the user's keywords,
 * mentions and leads, leads by status and by day) is compared with a recount from the rows, as
 * the audit job defines them. Ok when nothing drifted and every answer was a success or a clear
 * refusal (a mention already a lead, or gone meanwhile), never an error.
 */
export async function countersAfterConcurrentWrites(context: ReliabilityContext): Promise<{ ok: boolean; detail: string }> {
  const tag = randomBytes(3).toString('hex');
  // Three keywords of his own for the writes (Ben's demo keywords and their mentions stay as seeded).
  const keywords: string[] = [];
  for (const name of ['one', 'two', 'three']) {
    const answer = await context.formAction(OWNER, `${ACTIONS}#createKeywordAction`, [], { text: `Reliability ${tag} ${name}` }, '/leads/keywords');
    if (answer.result?.ok !== true) return { ok: false, detail: `could not add a keyword: ${describe(answer)}` };
    keywords.push((answer.result.value as { id: string }).id);
  }
  const mentions = (
    await context.sql<{ id: string }>(
      `INSERT INTO mentions (id, owner_id, keyword_id, source, title, content, item_key, score, published_at)
       SELECT id, $1, ($2::uuid[])[1 + n % 3], 'Reliability feed', 'Mention ' || n, 'About things', encode(sha256(convert_to(id::text, 'UTF8')), 'hex'), 40 + n % 60, now() - make_interval(mins => n)
       FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $3::int) n) x
       RETURNING id::text`,
      [OWNER_ID, keywords, STARTING_MENTIONS],
    )
  ).map((row) => row.id);
  const leads = (
    await context.sql<{ id: string }>(
      `INSERT INTO leads (id, owner_id, mention_id, keyword_id, score, created_at, updated_at)
       SELECT gen_random_uuid(), m.owner_id, m.id, m.keyword_id, m.score, now(), now() FROM mentions m
       WHERE m.id = ANY ($1::uuid[]) AND m.score % 2 = 0
       RETURNING id::text`,
      [mentions],
    )
  ).map((row) => row.id);
  const extraKeywords: string[] = [];
  const liveKeywords = () => [...keywords, ...extraKeywords];

  // The plan: a seeded sequence, so every run makes the same mix of writes.
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % n;
  };
  const plan = Array.from({ length: WRITES }, () => {
    const roll = random(100);
    const kind: Kind = roll < 22 ? 'promote' : roll < 50 ? 'move' : roll < 74 ? 'status' : roll < 90 ? 'deleteMention' : roll < 95 ? 'createKeyword' : 'deleteKeyword';
    return { kind, pick: random(1_000_000), other: random(1_000_000) };
  });

  const counts = Object.fromEntries((['promote', 'move', 'status', 'deleteMention', 'createKeyword', 'deleteKeyword'] as Kind[]).map((kind) => [kind, { ok: 0, refused: 0 }])) as Record<
    Kind,
    { ok: number; refused: number }
  >;
  const errors: string[] = [];
  const inserts = { ok: 0, refused: 0 };
  const durations: number[] = [];

  const write = async (index: number) => {
    let { kind } = plan[index]!;
    const { pick, other } = plan[index]!;
    const mention = mentions[pick % mentions.length]!;
    // A keyword is deleted only if one was added during the run (else the write is a move).
    if (kind === 'deleteKeyword' && extraKeywords.length === 0) kind = 'move';
    const started = performance.now();
    let answer: ActionAnswer;
    switch (kind) {
      case 'promote':
        answer = await context.action(OWNER, `${ACTIONS}#promoteMentionAction`, [mention], '/leads/mentions');
        if (answer.result?.ok) leads.push((answer.result.value as { id: string }).id);
        break;
      case 'move': {
        const live = liveKeywords();
        answer = await context.formAction(OWNER, `${ACTIONS}#moveMentionAction`, [mention], { keyword: live[other % live.length]! }, '/leads/mentions');
        break;
      }
      case 'status':
        answer = await context.action(OWNER, `${ACTIONS}#setLeadStatusAction`, [leads[pick % leads.length]!, STATUSES[other % STATUSES.length]!], '/leads/pipeline');
        break;
      case 'deleteMention':
        answer = await context.action(OWNER, `${ACTIONS}#deleteMentionAction`, [mention], '/leads/mentions');
        break;
      case 'createKeyword':
        answer = await context.formAction(OWNER, `${ACTIONS}#createKeywordAction`, [], { text: `Reliability ${tag} k${index}` }, '/leads/keywords');
        if (answer.result?.ok) extraKeywords.push((answer.result.value as { id: string }).id);
        break;
      case 'deleteKeyword': {
        // Taken off the list as it is sent: moves sent after it no longer choose it (those in flight may, and are refused).
        const [keyword] = extraKeywords.splice(pick % extraKeywords.length, 1);
        answer = await context.action(OWNER, `${ACTIONS}#deleteKeywordAction`, [keyword], '/leads/keywords');
        break;
      }
    }
    durations.push(performance.now() - started);
    if (answer.status === 200 && answer.result?.ok === true) counts[kind].ok++;
    else if (answer.status === 200 && answer.result?.ok === false && (answer.result.code === 'conflict' || answer.result.code === 'not_found')) counts[kind].refused++;
    else errors.push(`${kind}: ${describe(answer)}`);
  };

  // Mentions found by a search meanwhile: the search job's statement (mentions and their leads at
  // once), into a keyword that may be deleted under it (then the foreign key refuses it).
  const search = async (index: number) => {
    const live = liveKeywords();
    try {
      const rows = await context.sql<{ kind: string; id: string }>(
        `WITH input AS (
           SELECT gen_random_uuid() AS id, n FROM generate_series(1, 2) n
         ),
         inserted AS (
           INSERT INTO mentions (id, owner_id, keyword_id, source, title, content, item_key, score, published_at)
           SELECT id, $1, $2::uuid, 'Reliability feed', 'Found ' || $3::text || '.' || n, 'About things', encode(sha256(convert_to(id::text, 'UTF8')), 'hex'), 20 + 30 * n, now()
           FROM input
           RETURNING id, owner_id, keyword_id, score, score_reasons
         ),
         promoted AS (
           INSERT INTO leads (id, owner_id, mention_id, keyword_id, score, score_reasons, created_at, updated_at)
           SELECT gen_random_uuid(), owner_id, id, keyword_id, score, score_reasons, now(), now() FROM inserted WHERE score >= 60
           RETURNING id
         )
         SELECT 'mention' AS kind, id::text FROM inserted UNION ALL SELECT 'lead', id::text FROM promoted`,
        [OWNER_ID, live[index % live.length]!, `${tag}-${index}`],
      );
      for (const row of rows) (row.kind === 'mention' ? mentions : leads).push(row.id);
      inserts.ok++;
    } catch (error) {
      const message = (error as Error).message;
      if (/foreign key/i.test(message)) inserts.refused++;
      else errors.push(`search insert: ${message.slice(0, 160)}`);
    }
  };

  const tasks = plan.flatMap((_, index) => [() => write(index), ...(index % INSERT_EVERY === INSERT_EVERY - 1 ? [() => search(index)] : [])]);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++]!;
        try {
          await task();
        } catch (error) {
          errors.push(`threw: ${(error as Error).message.slice(0, 160)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const counters = await context.sql<{ counter: string; key: string; stored: number; actual: number }>(
    `SELECT 'keywords.mentions_count' AS counter, k.id::text AS key, k.mentions_count AS stored, (SELECT count(*) FROM mentions m WHERE m.keyword_id = k.id)::int AS actual
     FROM keywords k WHERE k.owner_id = $1
     UNION ALL
     SELECT 'keywords.leads_count', k.id::text, k.leads_count, (SELECT count(*) FROM mentions m JOIN leads l ON l.mention_id = m.id WHERE m.keyword_id = k.id)::int
     FROM keywords k WHERE k.owner_id = $1
     UNION ALL
     SELECT 'users.keywords_count', u.id, u.keywords_count, (SELECT count(*) FROM keywords WHERE owner_id = u.id)::int FROM users u WHERE u.id = $1
     UNION ALL
     SELECT 'users.mentions_count', u.id, u.mentions_count, (SELECT count(*) FROM mentions WHERE owner_id = u.id)::int FROM users u WHERE u.id = $1
     UNION ALL
     SELECT 'users.leads_count', u.id, u.leads_count, (SELECT count(*) FROM leads WHERE owner_id = u.id)::int FROM users u WHERE u.id = $1
     UNION ALL
     SELECT 'lead_status_counts', status::text, coalesce(s.leads, 0), coalesce(a.n, 0)
     FROM (SELECT status, count(*)::int AS n FROM leads WHERE owner_id = $1 GROUP BY 1) a
     FULL JOIN (SELECT status, leads FROM lead_status_counts WHERE owner_id = $1) s USING (status)
     UNION ALL
     SELECT 'lead_daily_counts', to_char(day, 'YYYY-MM-DD'), coalesce(s.leads, 0), coalesce(a.n, 0)
     FROM (SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n FROM leads WHERE owner_id = $1 GROUP BY 1) a
     FULL JOIN (SELECT day, leads FROM lead_daily_counts WHERE owner_id = $1) s USING (day)`,
    [OWNER_ID],
  );
  const drifted = counters.filter((row) => row.stored !== row.actual);
  const [totals] = await context.sql<{ keywords: number; mentions: number; leads: number }>(`SELECT keywords_count AS keywords, mentions_count AS mentions, leads_count AS leads FROM users WHERE id = $1`, [
    OWNER_ID,
  ]);
  const done = Object.values(counts).reduce((sum, c) => sum + c.ok + c.refused, 0);
  const idle = (Object.keys(counts) as Kind[]).filter((kind) => counts[kind].ok === 0);
  durations.sort((a, b) => a - b);
  const p95 = durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.95))] ?? 0;
  const mix = (Object.keys(counts) as Kind[]).map((kind) => `${kind} ${counts[kind].ok}/${counts[kind].ok + counts[kind].refused}`).join(', ');
  const problems = [
    ...(errors.length ? [`${errors.length} errors (${[...new Set(errors)].slice(0, 3).join('; ')})`] : []),
    ...(drifted.length ? [`${drifted.length} drifted: ${drifted.slice(0, 5).map((d) => `${d.counter} ${d.key} stored ${d.stored}, actual ${d.actual}`).join('; ')}`] : []),
    ...(idle.length ? [`no ${idle.join(', ')} succeeded`] : []),
  ];
  return {
    ok: problems.length === 0 && done === WRITES,
    detail:
      `${WRITES.toLocaleString('en')} writes as ${OWNER}, ${IN_FLIGHT} in flight, in ${seconds.toFixed(1)} s (p95 ${Math.round(p95)} ms; ok/sent: ${mix}; the rest refused as taken or gone) ` +
      `and ${inserts.ok + inserts.refused} search inserts (${inserts.refused} refused: keyword deleted); ` +
      (problems.length ? problems.join('; ') : `${counters.length} counters recounted, 0 drifted (now ${totals?.keywords} keywords, ${totals?.mentions} mentions, ${totals?.leads} leads)`),
  };
}

function describe(answer: ActionAnswer): string {
  return answer.result ? `${answer.result.code ?? 'ok'}: ${answer.result.message ?? ''}`.slice(0, 160) : `HTTP ${answer.status}${answer.redirect ? ` → ${answer.redirect}` : ''}`;
}
