import type { ReliabilityContext } from '@/lib/modules/manifest';

/** Ben owns two channels in the demo data (a tech digest and a running one). */
const OWNER = 'ben';
const OWNER_ID = 'usr_ben';
const POSTS = 40;
const REQUESTS = 100;
/** New snapshots per request: 100 × 12 = 1,200 distinct (post, capturedAt). */
const PER_REQUEST = 12;
/** Each request also repeats this many of the previous request's snapshots (overlapping batches). */
const OVERLAP = 3;
/** Requests sent again as they were (a collector retrying): every fifth. */
const REPLAY_EVERY = 5;
const IN_FLIGHT = 10;
const SETTLE_MS = 45_000;
const HOUR = 3_600_000;

interface PostSnapshot {
  postId: string;
  capturedAt: string;
  views: number;
  likes: number;
  forwards: number;
}

interface Body {
  posts: PostSnapshot[];
  channels: { channelId: string; capturedAt: string; subscribers: number }[];
}

/**
 * Over 1,000 metric snapshots of Ben's posts posted to `POST /api/v1/channels/metrics` in 100
 * small requests, 10 in flight, as a collector sends them with his session: the batches overlap
 * (each repeats some of the previous one's snapshots, some hold a snapshot twice), every fifth is
 * sent again as it was, and each carries an audience snapshot. Once the ingestion jobs have
 * finished (the inline backend runs them after each response), the daily rollups
 * (analytics_daily) must equal a recomputation from post_metrics, as the integration tests
 * recompute them, each post's totals the sum of its snapshots, and post_metrics must hold each
 * distinct snapshot once.
 */
export async function rollupsAfterConcurrentIngestion(context: ReliabilityContext): Promise<{ ok: boolean; detail: string }> {
  const channels = (await context.sql<{ id: string }>(`SELECT id::text FROM channels WHERE owner_id = $1 ORDER BY id`, [OWNER_ID])).map((row) => row.id);
  // His latest posts published over two days ago: the snapshots are of the two days after.
  const posts = (
    await context.sql<{ id: string }>(
      `SELECT p.id::text FROM posts p JOIN channels c ON c.id = p.channel_id
       WHERE c.owner_id = $1 AND p.published_at < now() - interval '48 hours'
       ORDER BY p.published_at DESC, p.id LIMIT $2`,
      [OWNER_ID, POSTS],
    )
  ).map((row) => row.id);
  if (channels.length === 0 || posts.length < POSTS) return { ok: false, detail: `${OWNER} has ${channels.length} channels and ${posts.length} posts older than two days (${POSTS} needed)` };

  // 1,200 distinct snapshots: 30 captures of each post, 90 minutes apart, over the last 47 hours
  // (two or three UTC days of rollups), at an odd millisecond (never a seeded capture time).
  const start = Date.now() - 47 * HOUR;
  const distinct: PostSnapshot[] = Array.from({ length: REQUESTS * PER_REQUEST }, (_, i) => ({
    postId: posts[i % POSTS]!,
    capturedAt: new Date(start + Math.floor(i / POSTS) * 1.5 * HOUR + (i % POSTS) * 1000 + 321).toISOString(),
    views: 10 + ((i * 7) % 90),
    likes: i % 5,
    forwards: (i * 3) % 4,
  }));
  const bodies: Body[] = Array.from({ length: REQUESTS }, (_, j) => {
    const own = distinct.slice(j * PER_REQUEST, (j + 1) * PER_REQUEST);
    const previous = j > 0 ? distinct.slice(j * PER_REQUEST - OVERLAP, j * PER_REQUEST) : [];
    return {
      posts: [...own, ...previous, ...(j % 10 === 3 ? [own[0]!] : [])],
      channels: [{ channelId: channels[j % channels.length]!, capturedAt: new Date(Date.now() - HOUR + j * 20_000).toISOString(), subscribers: 9_000 + j }],
    };
  });
  // The replays go out a few requests after their original, so some run alongside it.
  const sends: { body: Body; replay: boolean }[] = [];
  bodies.forEach((body, j) => {
    sends.push({ body, replay: false });
    if (j >= 3 && (j - 3) % REPLAY_EVERY === 0) sends.push({ body: bodies[j - 3]!, replay: true });
  });
  const snapshotCount = sends.reduce((sum, send) => sum + send.body.posts.length + send.body.channels.length, 0);

  const keys = [distinct.map((s) => s.postId), distinct.map((s) => s.capturedAt)];
  const [existing] = await context.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM post_metrics m JOIN unnest($1::uuid[], $2::timestamptz[]) AS k (post_id, captured_at) USING (post_id, captured_at)`,
    keys,
  );
  const expectedNew = distinct.length - (existing?.n ?? 0);
  const [before] = await context.sql<{ n: number }>(`SELECT count(*)::int AS n FROM post_metrics WHERE post_id = ANY ($1::uuid[])`, [posts]);

  const started = performance.now();
  const batchIds: string[] = [];
  const refused: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < sends.length) {
        const { body } = sends[next++]!;
        const answer = await context.request(OWNER, 'POST', '/api/v1/channels/metrics', body);
        let accepted: { batchId?: string; status?: string; posts?: number; channels?: number } = {};
        try {
          accepted = JSON.parse(answer.body) as typeof accepted;
        } catch {
          // not JSON: refused below
        }
        if (answer.status === 202 && accepted.batchId && accepted.status === 'queued' && accepted.posts === body.posts.length) batchIds.push(accepted.batchId);
        else refused.push(`HTTP ${answer.status} ${answer.body.slice(0, 120)}`);
      }
    }),
  );
  const postedIn = performance.now() - started;

  // The inline backend applies each batch after its response: wait until every batch is
  // processed and no run of the ingestion job is queued (retrying) or running.
  let settled = false;
  let runs: { status: string; n: number; retried: number }[] = [];
  while (performance.now() - started < postedIn + SETTLE_MS) {
    const [batches] = await context.sql<{ queued: number }>(`SELECT count(*) FILTER (WHERE status <> 'processed')::int AS queued FROM metric_batches WHERE id = ANY ($1::uuid[])`, [batchIds]);
    runs = await context.sql<{ status: string; n: number; retried: number }>(
      `SELECT status::text, count(*)::int AS n, count(*) FILTER (WHERE attempt > 1)::int AS retried
       FROM job_runs WHERE job_name = 'channels/ingest-metrics' AND payload->>'batchId' = ANY ($1::text[]) GROUP BY 1 ORDER BY 1`,
      [batchIds],
    );
    if (batches?.queued === 0 && runs.every((run) => run.status === 'succeeded' || run.status === 'failed')) {
      settled = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const appliedIn = performance.now() - started;

  const drift = await context.sql<{ channel_id: string; day: string; stored: string | null; actual: string | null }>(
    `WITH recomputed AS (
       SELECT channel_id, day, sum(posts)::bigint AS posts, sum(views)::bigint AS views, sum(likes)::bigint AS likes, sum(forwards)::bigint AS forwards
       FROM (
         SELECT p.channel_id, (p.published_at AT TIME ZONE 'UTC')::date AS day, count(*) AS posts, 0 AS views, 0 AS likes, 0 AS forwards
         FROM posts p WHERE p.channel_id = ANY ($1::uuid[]) GROUP BY 1, 2
         UNION ALL
         SELECT p.channel_id, (m.captured_at AT TIME ZONE 'UTC')::date, 0, sum(m.views), sum(m.likes), sum(m.forwards)
         FROM post_metrics m JOIN posts p ON p.id = m.post_id WHERE p.channel_id = ANY ($1::uuid[]) GROUP BY 1, 2
       ) parts
       GROUP BY 1, 2
       HAVING sum(posts) > 0 OR sum(views) > 0 OR sum(likes) > 0 OR sum(forwards) > 0
     ),
     stored AS (
       SELECT channel_id, day, posts::bigint, views::bigint, likes::bigint, forwards::bigint FROM analytics_daily
       WHERE channel_id = ANY ($1::uuid[]) AND (posts > 0 OR views > 0 OR likes > 0 OR forwards > 0)
     )
     SELECT channel_id::text, to_char(day, 'YYYY-MM-DD') AS day,
            CASE WHEN s.channel_id IS NOT NULL THEN concat_ws('/', s.posts, s.views, s.likes, s.forwards) END AS stored,
            CASE WHEN r.channel_id IS NOT NULL THEN concat_ws('/', r.posts, r.views, r.likes, r.forwards) END AS actual
     FROM recomputed r FULL JOIN stored s USING (channel_id, day)
     WHERE (r.posts, r.views, r.likes, r.forwards) IS DISTINCT FROM (s.posts, s.views, s.likes, s.forwards)
     ORDER BY 1, 2`,
    [channels],
  );
  const [rollup] = await context.sql<{ rows: number; touched: number }>(
    `SELECT count(*)::int AS rows, count(*) FILTER (WHERE day >= ($2::timestamptz AT TIME ZONE 'UTC')::date)::int AS touched FROM analytics_daily WHERE channel_id = ANY ($1::uuid[])`,
    [channels, new Date(start).toISOString()],
  );
  const wrongTotals = await context.sql<{ id: string }>(
    `SELECT p.id::text FROM posts p
     LEFT JOIN (SELECT m.post_id, sum(m.views) AS v, sum(m.likes) AS l, sum(m.forwards) AS f
                FROM post_metrics m JOIN posts q ON q.id = m.post_id WHERE q.channel_id = ANY ($1::uuid[]) GROUP BY m.post_id) m ON m.post_id = p.id
     WHERE p.channel_id = ANY ($1::uuid[])
       AND (p.views::bigint, p.likes::bigint, p.forwards::bigint) IS DISTINCT FROM (coalesce(m.v, 0)::bigint, coalesce(m.l, 0)::bigint, coalesce(m.f, 0)::bigint)`,
    [channels],
  );
  const [after] = await context.sql<{ n: number }>(`SELECT count(*)::int AS n FROM post_metrics WHERE post_id = ANY ($1::uuid[])`, [posts]);
  const added = (after?.n ?? 0) - (before?.n ?? 0);
  // Each channel's audience: the latest snapshot sent, unless one already stored is later.
  const audience = await context.sql<{ id: string; subscriber_count: number; subscribers_at: Date | null }>(
    `SELECT id::text, subscriber_count, subscribers_at FROM channels WHERE id = ANY ($1::uuid[]) ORDER BY id`,
    [channels],
  );
  const wrongAudience = audience.filter((channel) => {
    const sent = bodies.flatMap((body) => body.channels).filter((s) => s.channelId === channel.id);
    const latest = sent.reduce((a, b) => (Date.parse(b.capturedAt) > Date.parse(a.capturedAt) ? b : a), sent[0]!);
    const at = channel.subscribers_at?.getTime() ?? 0;
    return at < Date.parse(latest.capturedAt) || (at === Date.parse(latest.capturedAt) && channel.subscriber_count !== latest.subscribers);
  });

  const failed = runs.find((run) => run.status === 'failed')?.n ?? 0;
  const retried = runs.reduce((sum, run) => sum + run.retried, 0);
  const runCount = runs.reduce((sum, run) => sum + run.n, 0);
  const problems = [
    ...(refused.length ? [`${refused.length} requests not accepted (${[...new Set(refused)].slice(0, 2).join('; ')})`] : []),
    ...(settled ? [] : [`batches still queued or jobs running ${Math.round(SETTLE_MS / 1000)} s after the last request (${JSON.stringify(runs)})`]),
    ...(failed ? [`${failed} ingestion runs failed`] : []),
    ...(runCount < batchIds.length ? [`${runCount} ingestion runs for ${batchIds.length} batches`] : []),
    ...(drift.length ? [`${drift.length} rollup rows differ from the recomputation (${drift.slice(0, 3).map((d) => `${d.channel_id.slice(0, 8)} ${d.day}: stored ${d.stored}, recomputed ${d.actual}`).join('; ')})`] : []),
    ...(wrongTotals.length ? [`${wrongTotals.length} of his posts with totals other than the sum of their snapshots`] : []),
    ...(added !== expectedNew ? [`post_metrics gained ${added} rows for ${expectedNew} distinct new snapshots`] : []),
    ...(wrongAudience.length ? [`${wrongAudience.length} channels whose audience is not the latest snapshot`] : []),
  ];
  return {
    ok: problems.length === 0,
    detail:
      `${sends.length} requests (${sends.filter((s) => s.replay).length} replays) of ${snapshotCount.toLocaleString('en')} snapshots, ${distinct.length.toLocaleString('en')} distinct, ${IN_FLIGHT} in flight, posted in ${(postedIn / 1000).toFixed(1)} s, ` +
      `applied ${(appliedIn / 1000).toFixed(1)} s after the first (${runCount} job runs, ${retried} retried, ${failed} failed); ` +
      (problems.length
        ? problems.join('; ')
        : `post_metrics +${added}, each distinct snapshot once; ${rollup?.rows} rollup rows of ${channels.length} channels (${rollup?.touched} on the days the snapshots cover) equal the recomputation, 0 drift; every post's totals exact`),
  };
}
