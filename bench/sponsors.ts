// `npm run bench:sponsors [-- --runs 5] [--naive-runs 1]`: the sponsor analytics' data path, measured where plan
// 003 measured it (the query handler, no HTTP, no cache): Brisk's three GROUP BY statements
// against the naive baseline (every code, analysis and message of the sponsor loaded and filtered
// in memory), time and memory per request, on the database of DATABASE_URL (or the embedded one
// that `npm run db:server` serves); and EXPLAIN ANALYZE of each statement of the module's budgets.
// Writes bench/results/<time>-sponsors.{json,md}. The HTTP side (cold, warm, under load, through
// the caches) is in `npm run bench`, which has the same routes.
import '@/modules';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import { closeDatabase, prisma } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { loadNaiveAnalyticsParts } from '@/lib/sponsors/naive';
import { analysisAnalyticsSql, codeAnalyticsSql, farmerAnalysesSql, loadAnalysisAnalytics, loadCodeAnalytics, loadMessageAnalytics, messageAnalyticsSql } from '@/lib/sponsors/queries';
import { addDays, dayString } from '@/lib/sponsors/schemas';
import type { AnalyticsRange } from '@/lib/sponsors/types';
import { demoSponsorId } from '@/prisma/seed/sponsors-demo';

process.env.BRISK_BENCH = '1';
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:sponsors)');

const argv = process.argv.slice(2);
const option = (name: string) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : NaN);
const runs = option('--runs') || 5;
// The naive variant at large scale loads every analysis of the sponsor with its JSON (about 1 GB
// for GreenLeaf's 175,000): `--naive-runs 1` measures it once, without a warm-up run.
const naiveRuns = option('--naive-runs') || Math.min(runs, 3);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Measured {
  ms: number;
  /** Peak growth of the JS heap during the request (sampled every event-loop turn), MB. */
  peakHeapMb: number;
  /** Rows (or aggregates) the request brought into the process. */
  rows: number;
}

/** One request, timed, with the heap sampled while it runs (after a full GC, so the baseline is what lives). */
async function measureOnce(run: () => Promise<number>): Promise<Measured> {
  gc!();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      await tick();
    }
  })();
  const started = performance.now();
  const rows = await run();
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  running = false;
  await sampler;
  return { ms, peakHeapMb: (peak - base) / 1_048_576, rows };
}

async function measure(run: () => Promise<number>, count = runs, warm = true) {
  if (warm) await run(); // warms the JIT and the connection
  const samples: Measured[] = [];
  for (let i = 0; i < count; i++) samples.push(await measureOnce(run));
  return { ms: median(samples.map((s) => s.ms)), peakHeapMb: median(samples.map((s) => s.peakHeapMb)), rows: samples[0]!.rows };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement: median execution and planning time, and the partitions it read. */
async function explain(sql: Prisma.Sql) {
  const times: { execution: number; planning: number }[] = [];
  let tables: string[] = [];
  let indexOnly = false;
  for (let i = 0; i < runs; i++) {
    const [row] = await prisma.$queryRaw<{ 'QUERY PLAN': unknown }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`);
    const raw = row!['QUERY PLAN'];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: Record<string, unknown>; 'Execution Time': number; 'Planning Time': number }[];
    times.push({ execution: plan[0]!['Execution Time'], planning: plan[0]!['Planning Time'] });
    const found: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (typeof node['Relation Name'] === 'string') found.push(node['Relation Name']);
      if (node['Node Type'] === 'Index Only Scan') indexOnly = true;
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(plan[0]!.Plan);
    tables = found;
  }
  return { executionMs: median(times.map((t) => t.execution)), planningMs: median(times.map((t) => t.planning)), partitions: tables.filter((t) => /_p\d{4}_\d{2}$/.test(t)).length, indexOnly };
}

async function main() {
  const sponsor = { id: demoSponsorId('greenleaf'), name: 'GreenLeaf Agro' };
  const today = dayString(new Date());
  const ranges: [string, AnalyticsRange][] = [
    ['90 days by week (the default)', { from: addDays(today, -89), to: today, bucket: 'week' }],
    ['1 year by month', { from: addDays(today, -364), to: today, bucket: 'month' }],
  ];
  const [sizes] = await prisma.$queryRaw<{ analyses: number; codes: number; messages: number; sponsor_analyses: number; sponsor_codes: number; sponsor_messages: number }[]>`
    SELECT (SELECT count(*) FROM plant_analyses)::int AS analyses, (SELECT count(*) FROM sponsorship_codes)::int AS codes, (SELECT count(*) FROM analysis_messages)::int AS messages,
           (SELECT count(*) FROM plant_analyses WHERE sponsor_id = ${sponsor.id}::uuid)::int AS sponsor_analyses,
           (SELECT count(*) FROM sponsorship_codes WHERE sponsor_id = ${sponsor.id}::uuid)::int AS sponsor_codes,
           (SELECT count(*) FROM analysis_messages WHERE sponsor_id = ${sponsor.id}::uuid)::int AS sponsor_messages`;
  const [server] = await prisma.$queryRaw<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
  const version = server!.version;
  console.log(`PostgreSQL ${version}; ${JSON.stringify(sizes)}`);

  const results = [];
  for (const [label, range] of ranges) {
    const brisk = await measure(async () => {
      const [codes, analyses, messages] = await Promise.all([
        loadCodeAnalytics(sponsor.id, range.from, range.to, range.bucket),
        loadAnalysisAnalytics(sponsor.id, range.from, range.to, range.bucket),
        loadMessageAnalytics(sponsor.id, range.from, range.to, range.bucket),
      ]);
      return codes.series.length + analyses.series.length + messages.series.length + codes.dealers.length + analyses.crops.length;
    });
    console.log(`${label}: Brisk ${brisk.ms.toFixed(1)} ms, ${brisk.peakHeapMb.toFixed(2)} MB`);
    const naive = await measure(async () => {
      const parts = await loadNaiveAnalyticsParts(sponsor.id, range);
      return parts.analyses.totals.analyses;
    }, naiveRuns, naiveRuns > 1);
    console.log(`${label}: naive ${naive.ms.toFixed(0)} ms, ${naive.peakHeapMb.toFixed(1)} MB`);
    const statements = {
      codes: await explain(codeAnalyticsSql(sponsor.id, range.from, range.to, range.bucket)),
      analyses: await explain(analysisAnalyticsSql(sponsor.id, range.from, range.to, range.bucket)),
      messages: await explain(messageAnalyticsSql(sponsor.id, range.from, range.to, range.bucket)),
    };
    results.push({ label, range, brisk, naive, statements });
  }
  const others = {
    subscriptionCheck: await explain(Prisma.sql`
      SELECT us.id, us.tier::text AS tier, us.start_date, us.end_date, us.sponsor_id, s.name AS sponsor_name
      FROM user_subscriptions us LEFT JOIN sponsors s ON s.id = us.sponsor_id
      WHERE us.user_id = 'usr_amina' AND us.active AND us.start_date <= now() AND us.end_date > now()
      ORDER BY us.end_date DESC LIMIT 1`),
    unreadCount: await explain(Prisma.sql`SELECT count(*)::int FROM analysis_messages WHERE to_user_id = 'usr_sofia' AND read_at IS NULL`),
    farmerFirstPage: await explain(farmerAnalysesSql('usr_amina', null)),
    codeLookup: await explain(Prisma.sql`SELECT id FROM sponsorship_codes WHERE code = 'GRN-DEMO-0001'`),
  };

  const report = { at: new Date().toISOString(), postgres: version, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg(), runs, sizes, results, others };
  const fmt = (value: number, digits = 1) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const lines = [
    `# Sponsor analytics, data path (${report.at})`,
    '',
    `PostgreSQL ${version}, Node ${process.version}, ${report.cpus} × ${report.cpuModel}, load average ${report.loadAverage.map((l) => l.toFixed(1)).join(' ')}; median of ${runs} (naive: ${naiveRuns}${naiveRuns > 1 ? '' : ', no warm-up'}).`,
    `Database: ${sizes!.analyses.toLocaleString('en')} analyses, ${sizes!.codes.toLocaleString('en')} codes, ${sizes!.messages.toLocaleString('en')} messages; GreenLeaf Agro: ${sizes!.sponsor_analyses.toLocaleString('en')} analyses, ${sizes!.sponsor_codes.toLocaleString('en')} codes, ${sizes!.sponsor_messages.toLocaleString('en')} messages.`,
    '',
    '| range | Brisk (3 statements) | Brisk heap peak | naive | naive heap peak | naive rows loaded | EXPLAIN ANALYZE: codes · analyses · messages (partitions read) |',
    '|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.label} | ${fmt(r.brisk.ms)} ms | ${fmt(r.brisk.peakHeapMb, 2)} MB | ${fmt(r.naive.ms, 0)} ms | ${fmt(r.naive.peakHeapMb)} MB | ${r.naive.rows.toLocaleString('en')} analyses in range of ${sizes!.sponsor_analyses.toLocaleString('en')} loaded | ${fmt(r.statements.codes.executionMs, 2)} · ${fmt(r.statements.analyses.executionMs, 2)} (${r.statements.analyses.partitions}${r.statements.analyses.indexOnly ? ', index-only' : ''}) · ${fmt(r.statements.messages.executionMs, 2)} (${r.statements.messages.partitions}) ms |`,
    ),
    '',
    '| other statement | EXPLAIN ANALYZE execution | planning |',
    '|---|---|---|',
    ...Object.entries(others).map(([name, value]) => `| ${name} | ${fmt(value.executionMs, 3)} ms | ${fmt(value.planningMs, 3)} ms |`),
    '',
  ];
  const stamp = report.at.replace(/:/g, '-').replace(/\.\d+Z$/, 'Z');
  mkdirSync('bench/results', { recursive: true });
  const base = path.join('bench/results', `${stamp}-sponsors`);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, lines.join('\n'));
  console.log(`\n${lines.join('\n')}\n${base}.md`);
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
