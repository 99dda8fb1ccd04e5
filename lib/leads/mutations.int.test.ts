import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { settleInlineJobs } from '@/lib/jobs/inline';
import { racingCommit } from '@/test/race';
import { addMentions, createListener } from '@/test/leads';
import { countStatements } from '@/test/statements';
import { auditCounters } from './jobs';
import {
  addIntegration,
  createKeyword,
  deleteKeyword,
  deleteLead,
  deleteMention,
  moveMention,
  promoteMention,
  removeIntegration,
  renameKeyword,
  searchNow,
  setIntegrationStatus,
  setLeadStatus,
  setThreshold,
} from './mutations';
import { getLeadsDashboard, integrationsRead, keywordsRead, mentionsRead, pipelineRead } from './queries';

/** Every counter of an owner, recounted from the rows (what the counter caches must equal). */
async function actualCounters(ownerId: string) {
  const keywords = await prisma.$queryRaw<{ id: string; mentions: number; leads: number }[]>`
    SELECT k.id, (SELECT count(*) FROM mentions m WHERE m.keyword_id = k.id)::int AS mentions,
           (SELECT count(*) FROM leads l WHERE l.keyword_id = k.id)::int AS leads
    FROM keywords k WHERE k.owner_id = ${ownerId} ORDER BY k.id`;
  const [user] = await prisma.$queryRaw<{ keywords: number; mentions: number; leads: number }[]>`
    SELECT (SELECT count(*) FROM keywords WHERE owner_id = ${ownerId})::int AS keywords, (SELECT count(*) FROM mentions WHERE owner_id = ${ownerId})::int AS mentions,
           (SELECT count(*) FROM leads WHERE owner_id = ${ownerId})::int AS leads`;
  const statuses = await prisma.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, count(*)::int AS n FROM leads WHERE owner_id = ${ownerId} GROUP BY 1 ORDER BY 1`;
  return { keywords, user, statuses };
}

async function storedCounters(ownerId: string) {
  const keywords = await prisma.$queryRaw<{ id: string; mentions: number; leads: number }[]>`
    SELECT id, mentions_count AS mentions, leads_count AS leads FROM keywords WHERE owner_id = ${ownerId} ORDER BY id`;
  const [user] = await prisma.$queryRaw<{ keywords: number; mentions: number; leads: number }[]>`
    SELECT keywords_count AS keywords, mentions_count AS mentions, leads_count AS leads FROM users WHERE id = ${ownerId}`;
  const statuses = await prisma.$queryRaw<{ status: string; n: number }[]>`SELECT status::text, leads AS n FROM lead_status_counts WHERE owner_id = ${ownerId} AND leads > 0 ORDER BY 1`;
  return { keywords, user, statuses };
}

describe('keywords', () => {
  it('creates, renames and deletes with its mentions; counters follow; the author sees it at once', async () => {
    const { owner, keywords } = await createListener({ keywords: ['CRM'] });
    await keywordsRead.get(owner.id);
    const created = await createKeyword(owner.id, { text: '  lead   generation ' });
    expect(created).toMatchObject({ ok: true });
    expect((await keywordsRead.get(owner.id)).map((k) => k.text)).toEqual(['CRM', 'lead generation']);
    expect(await createKeyword(owner.id, { text: 'LEAD generation' })).toMatchObject({ ok: false, code: 'conflict', fieldErrors: { text: 'You already have this keyword.' } });
    const id = created.ok ? created.value.id : '';
    expect(await renameKeyword(owner.id, id, { text: 'crm' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await renameKeyword(owner.id, id, { text: 'growth' })).toMatchObject({ ok: true });
    expect((await keywordsRead.get(owner.id)).map((k) => k.text)).toEqual(['CRM', 'growth']);
    await addMentions(owner.id, [keywords[0]!.id, id], 10);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: owner.id } })).mentionsCount).toBe(10);
    expect(await deleteKeyword(owner.id, keywords[0]!.id)).toMatchObject({ ok: true });
    expect(await prisma.mention.count({ where: { ownerId: owner.id } })).toBe(5);
    expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
  });

  it('refuses bad input and other people’s keywords, and writes nothing', async () => {
    const { owner, keywords } = await createListener({ keywords: ['CRM'] });
    const other = await createListener();
    const before = await prisma.keyword.count();
    expect(await createKeyword(owner.id, { text: ' x ' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { text: 'Use at least 2 characters.' } });
    expect(await createKeyword(owner.id, { text: 'y'.repeat(81) })).toMatchObject({ ok: false, fieldErrors: { text: 'Use at most 80 characters.' } });
    expect(await createKeyword(owner.id, {})).toMatchObject({ ok: false, fieldErrors: { text: 'Type a keyword or a phrase.' } });
    expect(await renameKeyword(other.owner.id, keywords[0]!.id, { text: 'Hijacked' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteKeyword(other.owner.id, keywords[0]!.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteKeyword(owner.id, 'not-an-id')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.keyword.count()).toBe(before);
    expect((await prisma.keyword.findUniqueOrThrow({ where: { id: keywords[0]!.id } })).text).toBe('CRM');
  });
});

describe('mentions and leads', () => {
  it('moves a mention (and its lead) to another keyword: both keywords’ counters follow', async () => {
    const { owner, keywords } = await createListener({ keywords: ['CRM', 'Next.js'] });
    const [leadMention, plain] = await addMentions(owner.id, [keywords[0]!.id], 2);
    expect(await moveMention(owner.id, leadMention!, keywords[1]!.id)).toMatchObject({ ok: true });
    expect(await moveMention(owner.id, plain!, keywords[1]!.id)).toMatchObject({ ok: true });
    const lead = await prisma.lead.findFirstOrThrow({ where: { mentionId: leadMention! } });
    expect(lead.keywordId).toBe(keywords[1]!.id);
    const stored = await storedCounters(owner.id);
    expect(stored).toEqual(await actualCounters(owner.id));
    expect(stored.keywords.find((k) => k.id === keywords[1]!.id)).toMatchObject({ mentions: 2, leads: 1 });
    // Not to someone else's keyword, not someone else's mention.
    const other = await createListener();
    expect(await moveMention(owner.id, plain!, other.keywords[0]!.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await moveMention(other.owner.id, plain!, other.keywords[0]!.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await moveMention(owner.id, plain!, 'nope')).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('makes a lead of a mention once, moves it along the pipeline, deletes it; the author sees each change', async () => {
    const { owner, keywords } = await createListener();
    const [, plain] = await addMentions(owner.id, [keywords[0]!.id], 2);
    await getLeadsDashboard(owner.id);
    const promoted = await promoteMention(owner.id, plain!);
    expect(promoted).toMatchObject({ ok: true });
    expect(await promoteMention(owner.id, plain!)).toMatchObject({ ok: false, code: 'conflict', message: 'This mention is already a lead.' });
    expect((await getLeadsDashboard(owner.id)).recentLeads.map((l) => l.mention.id)).toContain(plain);
    const leadId = promoted.ok ? promoted.value.id : '';
    expect(await setLeadStatus(owner.id, leadId, 'qualified')).toMatchObject({ ok: true });
    expect(await setLeadStatus(owner.id, leadId, 'won')).toMatchObject({ ok: false, code: 'invalid' });
    const pipeline = await pipelineRead.get(owner.id);
    expect(pipeline.columns.find((c) => c.status === 'qualified')!).toMatchObject({ count: 1 });
    expect((await getLeadsDashboard(owner.id)).conversionMetrics.qualified).toBe(1);
    const other = await createListener();
    expect(await setLeadStatus(other.owner.id, leadId, 'lost')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteLead(other.owner.id, leadId)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await deleteLead(owner.id, leadId)).toMatchObject({ ok: true });
    expect(await deleteMention(owner.id, plain!)).toMatchObject({ ok: true });
    expect((await mentionsRead.get(owner.id, {})).mentions.map((m) => m.id)).not.toContain(plain);
    expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
  });

  it('promotes a mention moved meanwhile under its new keyword, and refuses one deleted meanwhile, as not found', async () => {
    const { owner, keywords } = await createListener({ keywords: ['CRM', 'Next.js'] });
    const [, moved, , deleted] = await addMentions(owner.id, [keywords[0]!.id], 4);
    const promoted = await racingCommit((tx) => tx.$executeRaw`UPDATE mentions SET keyword_id = ${keywords[1]!.id}::uuid WHERE id = ${moved!}::uuid`, () => promoteMention(owner.id, moved!));
    expect(promoted).toMatchObject({ ok: true });
    expect((await prisma.lead.findFirstOrThrow({ where: { mentionId: moved! } })).keywordId).toBe(keywords[1]!.id);
    expect(await racingCommit((tx) => tx.$executeRaw`DELETE FROM mentions WHERE id = ${deleted!}::uuid`, () => promoteMention(owner.id, deleted!))).toMatchObject({
      ok: false,
      code: 'not_found',
    });
    expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
  });

  it('refuses to move a mention to a keyword deleted meanwhile, as not found, and leaves the mention where it was', async () => {
    const { owner, keywords } = await createListener({ keywords: ['CRM', 'Next.js'] });
    const [mention] = await addMentions(owner.id, [keywords[0]!.id], 1);
    const moved = await racingCommit((tx) => tx.$executeRaw`DELETE FROM keywords WHERE id = ${keywords[1]!.id}::uuid`, () => moveMention(owner.id, mention!, keywords[1]!.id));
    expect(moved).toMatchObject({ ok: false, code: 'not_found' });
    expect((await prisma.mention.findUniqueOrThrow({ where: { id: mention! } })).keywordId).toBe(keywords[0]!.id);
    expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
  });

  it('deletes a keyword whose mention a concurrent write holds: the deadlock rolls the delete back once, and its rerun deletes it', async () => {
    const { owner, keywords } = await createListener({ keywords: ['CRM', 'Next.js'] });
    const [mention] = await addMentions(owner.id, [keywords[1]!.id], 3);
    // A move or delete of the mention locks it first, then its counter trigger locks the keyword;
    // the keyword's delete locks the keyword first, then cascades to the mention.
    const deleted = await racingCommit(
      (tx) => tx.$queryRaw`SELECT 1 FROM mentions WHERE id = ${mention!}::uuid FOR UPDATE`,
      () => deleteKeyword(owner.id, keywords[1]!.id),
      (tx) => tx.$queryRaw`SELECT 1 FROM keywords WHERE id = ${keywords[1]!.id}::uuid FOR NO KEY UPDATE`,
    );
    expect(deleted).toMatchObject({ ok: true });
    expect(await prisma.keyword.count({ where: { id: keywords[1]!.id } })).toBe(0);
    expect(await prisma.mention.count({ where: { keywordId: keywords[1]!.id } })).toBe(0);
    expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
  });

  it('keeps the threshold between 0 and 100', async () => {
    const { owner } = await createListener();
    expect(await setThreshold(owner.id, { threshold: '101' })).toMatchObject({ ok: false, fieldErrors: { threshold: 'Give a score from 0 to 100.' } });
    expect(await setThreshold(owner.id, { threshold: 'abc' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(await setThreshold(owner.id, { threshold: '45' })).toMatchObject({ ok: true, value: { threshold: 45 } });
    expect((await pipelineRead.get(owner.id)).threshold).toBe(45);
  });
});

describe('sources', () => {
  it('adds a source and searches it at once, pauses, resumes and removes it (mentions stay)', async () => {
    const { owner } = await createListener({ keywords: ['CRM', 'Next.js', 'PostgreSQL', 'Tailwind', 'lead generation'] });
    await integrationsRead.get(owner.id);
    const added = await addIntegration(owner.id, { url: 'https://demo-feeds.brisk.test/saas-talk.json', name: '' });
    expect(added).toMatchObject({ ok: true });
    const id = added.ok ? added.value.id : '';
    expect((await integrationsRead.get(owner.id)).find((s) => s.id === id)).toMatchObject({ name: 'demo-feeds.brisk.test', searchState: 'queued' });
    await settleInlineJobs();
    const searched = (await integrationsRead.get(owner.id)).find((s) => s.id === id)!;
    expect(searched).toMatchObject({ searchState: 'idle', provider: 'json', healthScore: 100, recentRuns: 'S' });
    const found = await prisma.mention.count({ where: { integrationId: id } });
    expect(found).toBeGreaterThan(0);
    expect(await addIntegration(owner.id, { url: 'https://demo-feeds.brisk.test/saas-talk.json' })).toMatchObject({ ok: false, code: 'conflict' });
    expect(await setIntegrationStatus(owner.id, id, 'paused')).toMatchObject({ ok: true });
    expect(await searchNow(owner.id, id)).toMatchObject({ ok: false, code: 'conflict', message: 'This source is paused: resume it first.' });
    expect(await setIntegrationStatus(owner.id, id, 'active')).toMatchObject({ ok: true });
    expect(await searchNow(owner.id, id)).toMatchObject({ ok: true });
    expect(await searchNow(owner.id, id)).toMatchObject({ ok: false, message: 'A search of this source is already under way.' });
    await settleInlineJobs();
    // The second search found nothing new: the same entries are one mention each.
    expect(await prisma.mention.count({ where: { integrationId: id } })).toBe(found);
    expect((await integrationsRead.get(owner.id)).find((s) => s.id === id)!.recentRuns).toBe('SS');
    const other = await createListener();
    expect(await removeIntegration(other.owner.id, id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await removeIntegration(owner.id, id)).toMatchObject({ ok: true });
    expect(await prisma.mention.count({ where: { ownerId: owner.id, source: 'SaaS Talk' } })).toBe(found);
  });

  it('refuses addresses that are not web feeds, and writes nothing', async () => {
    const { owner } = await createListener();
    const before = await prisma.integration.count({ where: { ownerId: owner.id } });
    for (const url of ['', 'ftp://example.com/feed', 'javascript:alert(1)', 'not a url', 'https://user:pass@example.com/feed']) {
      expect(await addIntegration(owner.id, { url }), url).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { url: expect.any(String) } });
    }
    expect(await addIntegration(owner.id, { url: 'https://example.com/feed', name: 'n'.repeat(121) })).toMatchObject({ ok: false, fieldErrors: { name: 'Use at most 120 characters.' } });
    expect(await setIntegrationStatus(owner.id, 'not-an-id', 'paused')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.integration.count({ where: { ownerId: owner.id } })).toBe(before);
  });
});

describe('statement budgets of the writes', () => {
  /** Every write once for a fresh owner with `mentions` mentions; the statements each took. */
  async function writeCosts(mentions: number) {
    const { owner, keywords, integration } = await createListener({ keywords: ['CRM', 'Next.js'] });
    const ids = await addMentions(owner.id, keywords.map((k) => k.id), mentions, integration.id);
    const costs: Record<string, number> = {};
    const measure = async <T>(name: string, write: () => Promise<T>) => {
      const { result, statements } = await countStatements(write, `write:${name}`);
      costs[name] = statements;
      return result;
    };
    const keyword = await measure('createKeyword', () => createKeyword(owner.id, { text: 'Tailwind' }));
    const keywordId = keyword.ok ? keyword.value.id : '';
    await measure('renameKeyword', () => renameKeyword(owner.id, keywordId, { text: 'Tailwind CSS' }));
    await measure('moveMention', () => moveMention(owner.id, ids[0]!, keywordId));
    const lead = await measure('promoteMention', () => promoteMention(owner.id, ids[1]!));
    const leadId = lead.ok ? lead.value.id : '';
    await measure('setLeadStatus', () => setLeadStatus(owner.id, leadId, 'converted'));
    await measure('deleteLead', () => deleteLead(owner.id, leadId));
    await measure('deleteMention', () => deleteMention(owner.id, ids[2]!));
    await measure('setThreshold', () => setThreshold(owner.id, { threshold: 70 }));
    const source = await measure('addIntegration', () => addIntegration(owner.id, { url: 'https://demo-feeds.brisk.test/dev-community.atom' }));
    const sourceId = source.ok ? source.value.id : '';
    await settleInlineJobs();
    await measure('searchNow', () => searchNow(owner.id, sourceId));
    await settleInlineJobs();
    await measure('setIntegrationStatus', () => setIntegrationStatus(owner.id, sourceId, 'paused'));
    await measure('removeIntegration', () => removeIntegration(owner.id, sourceId));
    await measure('deleteKeyword', () => deleteKeyword(owner.id, keywords[0]!.id));
    return costs;
  }

  it('each write costs at most 4 statements, the same with eight times the data', async () => {
    const few = await writeCosts(10);
    const many = await writeCosts(80);
    expect(many).toEqual(few);
    expect(Math.max(...Object.values(few))).toBeLessThanOrEqual(4);
    // Writes are one statement (the counters move inside it, by trigger); adding a source or
    // searching now also queues the job (its job_runs row).
    expect(few).toEqual({
      createKeyword: 1,
      renameKeyword: 1,
      moveMention: 1,
      promoteMention: 1,
      setLeadStatus: 1,
      deleteLead: 1,
      deleteMention: 1,
      setThreshold: 1,
      addIntegration: 2,
      searchNow: 2,
      setIntegrationStatus: 1,
      removeIntegration: 1,
      deleteKeyword: 1,
    });
  });
});

describe('counter caches', () => {
  it('stay exact under 1,000 concurrent mention and lead writes, moves and deletes: the audit finds no drift', async () => {
    const owners = await Promise.all([createListener({ keywords: ['CRM', 'Next.js', 'Rust'] }), createListener({ keywords: ['CRM', 'Tailwind'] })]);
    const pools = await Promise.all(owners.map(({ owner, keywords }) => addMentions(owner.id, keywords.map((k) => k.id), 60)));
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const operations = Array.from({ length: 1000 }, (_, i) => {
      const which = random(2);
      const { owner, keywords } = owners[which]!;
      const pool = pools[which]!;
      const mention = pool[random(pool.length)]!;
      const keyword = keywords[random(keywords.length)]!.id;
      switch (random(6)) {
        case 0:
          return () => addMentions(owner.id, [keyword], 1).then((ids) => void pool.push(...ids));
        case 1:
          return () => promoteMention(owner.id, mention);
        case 2:
          return () => moveMention(owner.id, mention, keyword);
        case 3:
          return () => deleteMention(owner.id, mention);
        case 4:
          return () => prisma.lead.deleteMany({ where: { mentionId: mention } });
        default:
          return () => prisma.lead.updateMany({ where: { mentionId: mention }, data: { status: (['new', 'qualified', 'converted', 'lost'] as const)[i % 4] } });
      }
    });
    // 25 at a time, each worker taking the next: truly concurrent on PostgreSQL (the pool's
    // connections), serialised by the embedded database (which runs one query at a time).
    const results: PromiseSettledResult<unknown>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        while (next < operations.length) {
          const operation = operations[next++]!;
          results.push(...(await Promise.allSettled([operation()])));
        }
      }),
    );
    expect(results).toHaveLength(1000);
    // A lead for a mention moved or deleted meanwhile is made under its new keyword or refused as
    // not found: never an error.
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason).slice(0, 200));
    expect(failures).toEqual([]);
    for (const { owner } of owners) expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
    const audit = await auditCounters();
    expect(audit.drifted).toBe(0);
  });

  it('the audit repairs drift, reports it to the ops console, and leaves exact counters alone', async () => {
    const { owner, keywords } = await createListener();
    await addMentions(owner.id, [keywords[0]!.id], 4);
    await prisma.$executeRaw`UPDATE keywords SET mentions_count = mentions_count + 3 WHERE id = ${keywords[0]!.id}::uuid`;
    await prisma.$executeRaw`UPDATE users SET leads_count = leads_count + 1 WHERE id = ${owner.id}`;
    await prisma.$executeRaw`UPDATE lead_status_counts SET leads = 0 WHERE owner_id = ${owner.id}`;
    const audit = await auditCounters();
    expect(audit.drifted).toBe(3);
    expect(audit.samples).toEqual(
      expect.arrayContaining([
        { counter: 'keywords.mentions_count', key: keywords[0]!.id, owner: owner.id, stored: 7, actual: 4 },
        { counter: 'users.leads_count', key: owner.id, stored: 3, actual: 2 },
        { counter: 'lead_status_counts', key: `${owner.id}:new`, stored: 0, actual: 2 },
      ]),
    );
    expect(await storedCounters(owner.id)).toEqual(await actualCounters(owner.id));
    const { getAlerts } = await import('@/lib/ops/queries');
    expect((await getAlerts()).find((alert) => alert.key === 'leads-counter-drift')?.message).toMatch(/found 3 drifted counters/);
    expect((await auditCounters()).drifted).toBe(0);
    expect((await getAlerts()).find((alert) => alert.key === 'leads-counter-drift')).toBeUndefined();
  });
});
