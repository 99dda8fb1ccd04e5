import { beforeEach, describe, expect, it } from 'vitest';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { createApiToken } from '@/lib/api-tokens/mutations';
import { addMentions, createListener } from '@/test/leads';
import { sessionCookie } from '@/test/sessions';
import { countStatements } from '@/test/statements';
import { GET as dashboardRoute } from '@/app/api/v1/leads/dashboard/route';
import { GET as analyticsRoute } from '@/app/api/v1/leads/analytics/route';
import { GET as widgetsRoute } from '@/app/api/v1/leads/widgets/route';
import { GET as keywordsRoute } from '@/app/api/v1/leads/keywords/route';
import { GET as mentionsRoute } from '@/app/api/v1/leads/mentions/route';
import { GET as leadsRoute } from '@/app/api/v1/leads/leads/route';
import { GET as integrationsRoute } from '@/app/api/v1/leads/integrations/route';
import { GET as integrationRoute } from '@/app/api/v1/leads/integrations/[id]/route';
import { GET as progressRoute } from '@/app/api/v1/leads/integrations/[id]/progress/route';
import { demoIntegrationId } from './module';
import {
  getIntegrationDetail,
  getLeadsAnalytics,
  getLeadsDashboard,
  integrationsRead,
  keywordsRead,
  loadLeadAnalytics,
  mentionsRead,
  pipelineRead,
  todayUtc,
} from './queries';
import { encodeCursor } from './schemas';
import { dataTag, sourcesTag } from './tags';

const ADA = 'usr_ada';
const BEN = 'usr_ben'; // Ada's friend: friendship opens nothing in Leads
const GUS = 'usr_gus'; // a stranger
const ADMIN = 'usr_admin';
const adaSource = demoIntegrationId(ADA, 'indie-forum');

beforeEach(async () => {
  await invalidate([ADA, BEN, GUS, ADMIN].flatMap((id) => [dataTag(id), sourcesTag(id)]));
});

/** The statements a route handler ran, from its Server-Timing header. */
const statementsOf = (response: Response) => Number(/desc="(\d+) statements"/.exec(response.headers.get('Server-Timing') ?? '')?.[1] ?? Number.NaN);

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: unknown, path: string, headers: Record<string, string>, params?: Record<string, string>) =>
  (handler as Handler)(new Request(`http://localhost:3000${path}`, { headers }), { params: Promise.resolve(params ?? {}) });

describe('the Leads dashboard', () => {
  it('shows the owner’s leads, keywords, sources, analytics and conversions', async () => {
    const dashboard = await getLeadsDashboard(ADA);
    expect(dashboard.recentLeads).toHaveLength(10);
    expect(dashboard.recentLeads.every((lead, i, all) => i === 0 || all[i - 1]!.createdAt >= lead.createdAt)).toBe(true);
    expect(dashboard.keywordPerformance.map((k) => k.text).sort()).toEqual(['CRM', 'Next.js', 'PostgreSQL', 'Tailwind', 'lead generation']);
    for (const k of dashboard.keywordPerformance) {
      expect(k.score).toBe(Math.round(k.mentions * 0.3 + k.leads * 0.7));
      expect(k.conversionRate).toBe(Math.round((k.leads / k.mentions) * 10_000) / 100);
    }
    expect(dashboard.integrationStatus.map((s) => s.name)).toEqual(['Dev Community', 'Indie Makers Forum', 'SaaS Talk', 'Vendor status board']);
    expect(dashboard.integrationStatus.find((s) => s.name === 'Vendor status board')!.healthScore).toBeLessThan(100);
    expect(dashboard.analytics.daily).toHaveLength(30);
    expect(dashboard.analytics.daily.at(-1)!.day).toBe(todayUtc());
    const user = await prisma.user.findUniqueOrThrow({ where: { id: ADA } });
    expect(dashboard.analytics.total).toBe(user.leadsCount);
    expect(dashboard.conversionMetrics).toMatchObject({ totalLeads: user.leadsCount, mentions: user.mentionsCount });
    expect(dashboard.conversionMetrics.converted).toBe(await prisma.lead.count({ where: { ownerId: ADA, status: 'converted' } }));
  });

  it('costs 5 statements cold (budget 6), none warm, and the same 5 with eight times the data', async () => {
    const { owner, keywords, integration } = await createListener();
    await addMentions(owner.id, keywords.map((k) => k.id), 12, integration.id);
    for (const round of [1, 2]) {
      if (round === 2) {
        await addMentions(owner.id, keywords.map((k) => k.id), 84, integration.id);
        await invalidate([dataTag(owner.id), sourcesTag(owner.id)]);
      }
      const cold = await countStatements(() => getLeadsDashboard(owner.id));
      expect(cold.statements, [...cold.metrics.shapes.keys()].join(' | ')).toBe(5);
      expect(cold.result.analytics.total).toBe(round === 1 ? 6 : 48);
      const warm = await countStatements(() => getLeadsDashboard(owner.id));
      expect(warm.statements).toBe(0);
      expect(warm.result).toEqual(cold.result);
    }
  });

  it('counts this month and last month from the daily rollup', async () => {
    const { owner, keywords } = await createListener();
    const today = new Date(`${todayUtc()}T12:00:00Z`);
    const lastMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15, 12));
    const ids = await addMentions(owner.id, [keywords[0]!.id], 6);
    // Two leads this month (today), one last month; the rest older.
    const leads = await prisma.lead.findMany({ where: { mentionId: { in: ids } }, select: { id: true } });
    expect(leads).toHaveLength(3);
    await prisma.lead.deleteMany({ where: { id: { in: leads.map((l) => l.id) } } });
    await prisma.lead.createMany({
      data: [
        { ownerId: owner.id, mentionId: ids[0]!, keywordId: keywords[0]!.id, score: 70, createdAt: today },
        { ownerId: owner.id, mentionId: ids[1]!, keywordId: keywords[0]!.id, score: 70, createdAt: today },
        { ownerId: owner.id, mentionId: ids[2]!, keywordId: keywords[0]!.id, score: 70, createdAt: lastMonth },
        { ownerId: owner.id, mentionId: ids[3]!, keywordId: keywords[0]!.id, score: 70, createdAt: new Date(lastMonth.getTime() - 40 * 86_400_000) },
      ],
    });
    const analytics = await loadLeadAnalytics(owner.id, todayUtc());
    expect(analytics).toMatchObject({ total: 4, thisMonth: 2, lastMonth: 1 });
    expect(analytics.daily.at(-1)).toEqual({ day: todayUtc(), leads: 2 });
  });
});

describe('the list pages’ reads', () => {
  async function flat(read: (ownerId: string) => Promise<unknown>, cold: number) {
    const { owner, keywords, integration } = await createListener();
    await addMentions(owner.id, keywords.map((k) => k.id), 10, integration.id);
    for (const round of [1, 2]) {
      if (round === 2) {
        await addMentions(owner.id, keywords.map((k) => k.id), 70, integration.id);
        await invalidate([dataTag(owner.id), sourcesTag(owner.id)]);
      }
      const first = await countStatements(() => read(owner.id));
      expect(first.statements, [...first.metrics.shapes.keys()].join(' | ')).toBe(cold);
      const again = await countStatements(() => read(owner.id));
      expect(again.statements).toBe(0);
    }
    return owner;
  }

  it('keywords: 1 statement cold, none warm, however many mentions', () => flat((id) => keywordsRead.get(id), 1));
  it('mentions page (keywords, sources, a page of mentions): 3 statements cold, none warm', () =>
    flat((id) => Promise.all([keywordsRead.get(id), integrationsRead.get(id), mentionsRead.get(id, {})]), 3));
  it('pipeline: 1 statement cold, none warm, however many leads', () => flat((id) => pipelineRead.get(id), 1));
  it('sources: 1 statement cold, none warm', () => flat((id) => integrationsRead.get(id), 1));
  it('a source with its log: 1 statement cold, none warm', async () => {
    const { owner, integration } = await createListener();
    await expect(countStatements(() => getIntegrationDetail(owner.id, integration.id))).resolves.toMatchObject({ statements: 1 });
    await expect(countStatements(() => getIntegrationDetail(owner.id, integration.id))).resolves.toMatchObject({ statements: 0 });
  });

  it('pages mentions newest first with a keyset cursor, filtered by keyword, source and dates', async () => {
    const { owner, keywords, integration } = await createListener();
    await addMentions(owner.id, keywords.map((k) => k.id), 60, integration.id);
    const first = await mentionsRead.get(owner.id, {});
    expect(first.mentions).toHaveLength(25);
    const second = await mentionsRead.get(owner.id, { after: first.nextCursor! });
    const third = await mentionsRead.get(owner.id, { after: second.nextCursor! });
    expect(third.mentions).toHaveLength(10);
    expect(third.nextCursor).toBeNull();
    const all = [...first.mentions, ...second.mentions, ...third.mentions];
    expect(new Set(all.map((m) => m.id)).size).toBe(60);
    expect(all.every((m, i) => i === 0 || all[i - 1]!.publishedAt >= m.publishedAt)).toBe(true);
    const byKeyword = await mentionsRead.get(owner.id, { keyword: keywords[1]!.id });
    expect(byKeyword.mentions.every((m) => m.keyword.id === keywords[1]!.id)).toBe(true);
    expect((await mentionsRead.get(owner.id, { source: integration.id })).mentions).toHaveLength(25);
    const day = new Date(Date.now() - 30 * 3_600_000).toISOString().slice(0, 10);
    const oneDay = await mentionsRead.get(owner.id, { from: day, to: day });
    expect(oneDay.mentions.length).toBeGreaterThan(0);
    expect(oneDay.mentions.every((m) => m.publishedAt.startsWith(day))).toBe(true);
    // Someone else's keyword or cursor finds nothing of theirs.
    const ada = await prisma.keyword.findFirstOrThrow({ where: { ownerId: ADA } });
    expect((await mentionsRead.get(owner.id, { keyword: ada.id })).mentions).toEqual([]);
    expect((await mentionsRead.get(owner.id, { after: encodeCursor('2000-01-01T00:00:00.000Z', ada.id) })).mentions).toEqual([]);
  });
});

describe('who sees what', () => {
  it('shows each viewer their own data only, warm caches included', async () => {
    const ada = await getLeadsDashboard(ADA);
    const [adaAgain, ben, gus, admin] = await Promise.all([getLeadsDashboard(ADA), getLeadsDashboard(BEN), getLeadsDashboard(GUS), getLeadsDashboard(ADMIN)]);
    expect(adaAgain).toEqual(ada);
    expect(ben.keywordPerformance.map((k) => k.text).sort()).toEqual(['Kubernetes', 'Rust']);
    expect(ben.integrationStatus.map((s) => s.name)).toEqual(['Dev Community']);
    expect(ben.integrationStatus[0]!.id).not.toBe(ada.integrationStatus.find((s) => s.name === 'Dev Community')!.id);
    const adaLeads = new Set(ada.recentLeads.map((l) => l.id));
    expect(ben.recentLeads.some((l) => adaLeads.has(l.id))).toBe(false);
    for (const empty of [gus, admin]) {
      expect(empty).toMatchObject({ recentLeads: [], keywordPerformance: [], integrationStatus: [] });
      expect(empty.analytics.total).toBe(0);
      expect(empty.conversionMetrics).toMatchObject({ mentions: 0, totalLeads: 0, topKeyword: null });
    }
  });

  const matrix: [string, string, boolean][] = [
    ['the owner', ADA, true],
    ['a friend', BEN, false],
    ['a stranger', GUS, false],
    ['an admin', ADMIN, false],
  ];
  it.each(matrix)('%s (%s) may open Ada’s source: %s', async (_role, viewer, visible) => {
    expect((await getIntegrationDetail(viewer, adaSource)) !== null).toBe(visible);
    // The cached path answers the same.
    expect((await getIntegrationDetail(viewer, adaSource)) !== null).toBe(visible);
    expect(await getIntegrationDetail(viewer, 'not-an-id')).toBeNull();
  });

  it('walks the API: 401 signed out, the owner’s data by session or token, 404 for another’s source', async () => {
    const adaCookie = await sessionCookie('ada@brisk.test');
    const benCookie = await sessionCookie('ben@brisk.test');
    const token = await createApiToken(ADA, { name: 'leads test', lifetime: '30' });
    if (!token.ok) throw new Error(token.message);
    const bearer = { authorization: `Bearer ${token.value.secret}` };
    for (const [handler, path] of [
      [dashboardRoute, '/api/v1/leads/dashboard'],
      [analyticsRoute, '/api/v1/leads/analytics'],
      [widgetsRoute, '/api/v1/leads/widgets'],
      [keywordsRoute, '/api/v1/leads/keywords'],
      [mentionsRoute, '/api/v1/leads/mentions'],
      [leadsRoute, '/api/v1/leads/leads'],
      [integrationsRoute, '/api/v1/leads/integrations'],
    ] as const) {
      expect((await call(handler, path, {})).status, path).toBe(401);
      const bySession = await call(handler, path, { cookie: adaCookie });
      const byToken = await call(handler, path, bearer);
      expect(bySession.status, path).toBe(200);
      expect(bySession.headers.get('Cache-Control')).toBe('private, no-store');
      expect(await byToken.json()).toEqual(await bySession.json());
    }
    const ben = (await (await call(dashboardRoute, '/api/v1/leads/dashboard', { cookie: benCookie })).json()) as { keywordPerformance: { text: string }[] };
    expect(ben.keywordPerformance.map((k) => k.text).sort()).toEqual(['Kubernetes', 'Rust']);
    for (const handler of [integrationRoute, progressRoute]) {
      expect((await call(handler, `/api/v1/leads/integrations/${adaSource}`, bearer, { id: adaSource })).status).toBe(200);
      expect((await call(handler, `/api/v1/leads/integrations/${adaSource}`, { cookie: benCookie }, { id: adaSource })).status).toBe(404);
      expect((await call(handler, '/api/v1/leads/integrations/x', bearer, { id: 'x' })).status).toBe(404);
    }
    const bad = await call(mentionsRoute, '/api/v1/leads/mentions?from=2026-02-30', bearer);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ details: { from: 'This is not a real date.' } });
    // A cursor that is not one (an address once answered 500: it reached the cache key).
    for (const after of ['a@b', 'garbage', Buffer.from('2026-01-01|x').toString('base64url')]) {
      const notAPage = await call(mentionsRoute, `/api/v1/leads/mentions?after=${encodeURIComponent(after)}`, bearer);
      expect(notAPage.status, after).toBe(400);
      expect(await notAPage.json()).toMatchObject({ details: { after: 'Not a page of your mentions: start again from the first page.' } });
    }
  });

  it('API routes: the dashboard 5 statements cold and none warm; analytics 4; widgets 4; lists and a source 1', async () => {
    const { owner, keywords, integration } = await createListener();
    await addMentions(owner.id, keywords.map((k) => k.id), 16, integration.id);
    const token = await createApiToken(owner.id, { name: 'budget', lifetime: '30' });
    if (!token.ok) throw new Error(token.message);
    const bearer = { authorization: `Bearer ${token.value.secret}` };
    // The token's owner is looked up once (cached 5 minutes) before the measured calls.
    await call(keywordsRoute, '/api/v1/leads/keywords', bearer);
    for (const [handler, path, cold] of [
      [dashboardRoute, '/api/v1/leads/dashboard', 5],
      [analyticsRoute, '/api/v1/leads/analytics', 4],
      [widgetsRoute, '/api/v1/leads/widgets', 4],
      [keywordsRoute, '/api/v1/leads/keywords', 1],
      [mentionsRoute, '/api/v1/leads/mentions', 1],
      [leadsRoute, '/api/v1/leads/leads', 1],
      [integrationRoute, `/api/v1/leads/integrations/${integration.id}`, 1],
    ] as const) {
      const params = path.includes('/integrations/') ? { id: integration.id } : undefined;
      await invalidate([dataTag(owner.id), sourcesTag(owner.id)]);
      const first = await call(handler, path, bearer, params);
      expect(statementsOf(first), path).toBe(cold);
      expect(statementsOf(await call(handler, path, bearer, params)), path).toBe(0);
    }
  });

  it('the analytics answer lists every keyword by conversion rate and every source', async () => {
    const analytics = await getLeadsAnalytics(ADA);
    expect(analytics.keywords).toHaveLength(5);
    expect(analytics.keywords.every((k, i, all) => i === 0 || all[i - 1]!.conversionRate >= k.conversionRate)).toBe(true);
    expect(analytics.integrations.map((i) => i.name).sort()).toEqual(['Dev Community', 'Indie Makers Forum', 'SaaS Talk', 'Vendor status board']);
  });
});
