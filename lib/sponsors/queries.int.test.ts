import { beforeEach, describe, expect, it } from 'vitest';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { DEMO_OPEN_CODE, demoAnalysisId, demoSponsorId } from '@/prisma/seed/sponsors-demo';
import { countStatements, expectStatementBudget } from '@/test/statements';
import { createSponsorFixture, expectFlatPageBudget, growSponsor, type SponsorFixture } from '@/test/sponsors';
import { addDays, dayString, decodeCursor, defaultRange } from './schemas';
import {
  dealerCodesRead,
  farmerAnalysesRead,
  getAnalysisDetail,
  getSponsorAccess,
  getSponsorAnalytics,
  getSubscription,
  loadSponsorAnalytics,
  messagesRead,
  sponsorAnalysesRead,
  sponsorCodesRead,
  sponsorRolesRead,
  sponsorTeamRead,
  unreadCountRead,
} from './queries';
import { analysisTag, dealerCodesTag, farmerAnalysesTag, inboxTag, sentTag, sponsorRolesTag, sponsorTag, sponsorTeamTag, subscriptionTag } from './tags';
import type { AnalyticsRange } from './types';

const GREENLEAF = demoSponsorId('greenleaf');
const AGRINOVA = demoSponsorId('agrinova');
const AMINA_LATEST = demoAnalysisId('amina', 1);
const TOMAS_LATEST = demoAnalysisId('tomas', 1);
const user = (id: string) => ({ id, role: 'user' as const });
const admin = { id: 'usr_admin', role: 'admin' as const };

const today = dayString(new Date());
const range: AnalyticsRange = defaultRange(today);

/** What each page reads, as its widgets read it (every widget its own read; the proxy's access check included). */
const pages = {
  analytics: async (viewer: { id: string; role: 'user' | 'admin' }, sponsorId: string, asked = range) => {
    const access = await getSponsorAccess(viewer, sponsorId);
    return access ? getSponsorAnalytics(access, asked) : null;
  },
  hub: (viewerId: string) => Promise.all([sponsorRolesRead.get(viewerId), getSubscription(viewerId), unreadCountRead.get(viewerId)]),
  codes: async (viewer: { id: string; role: 'user' | 'admin' }, sponsorId: string, cursor: string | null = null) => {
    const access = await getSponsorAccess(viewer, sponsorId);
    return access ? Promise.all([sponsorCodesRead.get(sponsorId, 'all', cursor), sponsorTeamRead.get(sponsorId)]) : null;
  },
  sponsorAnalyses: async (viewer: { id: string; role: 'user' | 'admin' }, sponsorId: string, cursor: string | null = null) => {
    const access = await getSponsorAccess(viewer, sponsorId);
    return access ? sponsorAnalysesRead.get(sponsorId, cursor) : null;
  },
  team: async (viewer: { id: string; role: 'user' | 'admin' }, sponsorId: string) => {
    const access = await getSponsorAccess(viewer, sponsorId);
    return access ? sponsorTeamRead.get(sponsorId) : null;
  },
  dealer: (viewerId: string, cursor: string | null = null) => dealerCodesRead.get(viewerId, cursor),
  analyses: (viewerId: string, cursor: string | null = null) => Promise.all([farmerAnalysesRead.get(viewerId, cursor), getSubscription(viewerId)]),
  analysis: (viewerId: string, analysisId: string) => getAnalysisDetail(viewerId, analysisId),
  inbox: (viewerId: string, cursor: string | null = null) => Promise.all([unreadCountRead.get(viewerId), messagesRead.get(viewerId, 'inbox', cursor)]),
  sent: (viewerId: string, cursor: string | null = null) => messagesRead.get(viewerId, 'sent', cursor),
  subscription: (viewerId: string) => getSubscription(viewerId),
};

/** Drops every cache entry of the demo people and sponsors (each test starts cold). */
async function coldDemo() {
  const people = ['usr_sofia', 'usr_marco', 'usr_kenji', 'usr_dario', 'usr_amina', 'usr_tomas', 'usr_gus', 'usr_admin'];
  await invalidate([
    ...[GREENLEAF, AGRINOVA].flatMap((id) => [sponsorTag(id), sponsorTeamTag(id)]),
    ...people.flatMap((id) => [sponsorRolesTag(id), dealerCodesTag(id), farmerAnalysesTag(id), subscriptionTag(id), inboxTag(id), sentTag(id)]),
    analysisTag(AMINA_LATEST),
    analysisTag(TOMAS_LATEST),
  ]);
}

describe('sponsor analytics', () => {
  it('counts codes, analyses and messages of the range by bucket, with every bucket present', async () => {
    const analytics = await loadSponsorAnalytics({ id: GREENLEAF, name: 'GreenLeaf Agro' }, range);
    expect(analytics.series.length).toBeGreaterThanOrEqual(13);
    expect(analytics.series[0]!.bucket <= range.from).toBe(true);
    expect(analytics.series.every((point, i) => i === 0 || point.bucket > analytics.series[i - 1]!.bucket)).toBe(true);
    const sum = (key: 'codesDistributed' | 'codesRedeemed' | 'analyses' | 'messages') => analytics.series.reduce((total, point) => total + point[key], 0);
    expect(sum('codesDistributed')).toBe(analytics.totals.codesDistributed);
    expect(sum('codesRedeemed')).toBe(analytics.totals.codesRedeemed);
    expect(sum('analyses')).toBe(analytics.totals.analyses);
    expect(sum('messages')).toBe(analytics.totals.messages);
    expect(analytics.totals.analyses).toBeGreaterThan(50);
    expect(analytics.totals.redemptionRate).toBeGreaterThan(0);
    expect(analytics.totals.redemptionRate).toBeLessThanOrEqual(1);
    expect(analytics.dealers.map((dealer) => dealer.name)).toContain('Costa Farm Supply');
    expect(analytics.messaging.responseRate).toBeGreaterThan(0);
    expect(analytics.roi.investment).toBeGreaterThan(0);
  });

  it('matches the rows in the database for a range counted by hand', async () => {
    const asked: AnalyticsRange = { from: addDays(today, -30), to: addDays(today, -1), bucket: 'day' };
    const start = new Date(`${asked.from}T00:00:00Z`);
    const end = new Date(`${today}T00:00:00Z`);
    const analytics = await loadSponsorAnalytics({ id: GREENLEAF, name: 'GreenLeaf Agro' }, asked);
    expect(analytics.series).toHaveLength(30);
    expect(analytics.totals.analyses).toBe(await prisma.plantAnalysis.count({ where: { sponsorId: GREENLEAF, analysisDate: { gte: start, lt: end } } }));
    expect(analytics.totals.codesDistributed).toBe(await prisma.sponsorshipCode.count({ where: { sponsorId: GREENLEAF, distributedAt: { gte: start, lt: end } } }));
    expect(analytics.totals.codesRedeemed).toBe(await prisma.sponsorshipCode.count({ where: { sponsorId: GREENLEAF, redeemedAt: { gte: start, lt: end } } }));
    expect(analytics.totals.messages).toBe(await prisma.analysisMessage.count({ where: { sponsorId: GREENLEAF, sentAt: { gte: start, lt: end } } }));
  });

  it('costs 4 statements cold (access, codes, analyses, messages), none warm, and the same when the data grows eightfold', async () => {
    const fixture = await createSponsorFixture();
    await growSponsor(fixture, 2);
    await expectFlatPageBudget(
      4,
      () => pages.analytics(user(fixture.people.owner.id), fixture.sponsor.id),
      (analytics) => analytics!.totals.analyses + analytics!.totals.messages,
      async () => {
        await growSponsor(fixture, 14);
        await invalidate([sponsorTag(fixture.sponsor.id), sponsorTeamTag(fixture.sponsor.id), sponsorRolesTag(fixture.people.owner.id)]);
      },
    );
  });

  it('is shared by the sponsor’s members for one range, and a range is its own entry', async () => {
    await coldDemo();
    const sofia = await countStatements(() => pages.analytics(user('usr_sofia'), GREENLEAF));
    expect(sofia.statements).toBe(4);
    // Marco's own access (1 statement); the analytics are Sofia's entries.
    const marco = await countStatements(() => pages.analytics(user('usr_marco'), GREENLEAF));
    expect(marco.statements).toBe(1);
    expect(marco.result).toEqual(sofia.result);
    const monthly = await countStatements(() => pages.analytics(user('usr_sofia'), GREENLEAF, { ...range, bucket: 'month' }));
    expect(monthly.statements).toBe(3);
  });
});

describe('who sees a sponsor’s analytics, codes, analyses and team (through warm caches too)', () => {
  const matrix: [string, { id: string; role: 'user' | 'admin' }, string, boolean][] = [
    ['owner', user('usr_sofia'), GREENLEAF, true],
    ['analyst', user('usr_marco'), GREENLEAF, true],
    ['another sponsor’s owner', user('usr_kenji'), GREENLEAF, false],
    ['its dealer', user('usr_dario'), GREENLEAF, false],
    ['a farmer it sponsors', user('usr_amina'), GREENLEAF, false],
    ['a stranger', user('usr_gus'), GREENLEAF, false],
    ['an administrator', admin, GREENLEAF, true],
    ['its owner', user('usr_kenji'), AGRINOVA, true],
    ['GreenLeaf’s owner', user('usr_sofia'), AGRINOVA, false],
  ];

  it.each(matrix)('%s (%s) sees sponsor %s: %s', async (_who, viewer, sponsorId, allowed) => {
    for (const round of ['cold', 'warm']) {
      expect((await pages.analytics(viewer, sponsorId)) !== null, `analytics ${round}`).toBe(allowed);
      expect((await pages.codes(viewer, sponsorId)) !== null, `codes ${round}`).toBe(allowed);
      expect((await pages.sponsorAnalyses(viewer, sponsorId)) !== null, `analyses ${round}`).toBe(allowed);
      expect((await pages.team(viewer, sponsorId)) !== null, `team ${round}`).toBe(allowed);
    }
  });

  it('gives administrators read-only access and members their role’s rights', async () => {
    expect(await getSponsorAccess(admin, GREENLEAF)).toMatchObject({ role: 'admin', canManageCodes: false, canManageTeam: false });
    expect(await getSponsorAccess(user('usr_marco'), GREENLEAF)).toMatchObject({ role: 'analyst', canManageCodes: false });
    expect(await getSponsorAccess(user('usr_sofia'), GREENLEAF)).toMatchObject({ role: 'owner', canManageCodes: true, canManageTeam: true });
  });

  it('answers null without a query for ids that are not sponsor ids', async () => {
    await expectStatementBudget(0, async () => expect(await getSponsorAccess(user('usr_sofia'), 'not-a-uuid')).toBeNull());
    expect(await getSponsorAccess(user('usr_sofia'), '00000000-0000-0000-0000-000000000000')).toBeNull();
  });
});

describe('analyses', () => {
  it('a farmer’s list is a projection: its SQL never names a JSON column', async () => {
    await coldDemo();
    const { metrics, result } = await countStatements(() => farmerAnalysesRead.get('usr_amina', null));
    const sql = [...metrics.shapes.keys()].join('\n');
    expect(sql).toMatch(/FROM plant_analyses/);
    for (const column of ['detailed_analysis', 'health_assessment', 'nutrient_status', 'pest_disease', 'environmental_stress', 'recommendations', 'a.*', 'SELECT *']) {
      expect(sql).not.toContain(column);
    }
    expect(Object.keys(result.items[0]!).sort()).toEqual(['analysisDate', 'cropType', 'dealerName', 'farmerName', 'id', 'imageUrl', 'location', 'overallHealthScore', 'sponsorName', 'status']);
    // The sponsor's list shares the projection.
    const sponsorList = await countStatements(() => sponsorAnalysesRead.get(GREENLEAF, null));
    expect([...sponsorList.metrics.shapes.keys()].join('\n')).not.toContain('detailed_analysis');
  });

  it('pages by keyset: newest first, no row twice or missed, and rows added meanwhile do not shift a page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    const pagesRead: number[] = [];
    do {
      const page: Awaited<ReturnType<typeof farmerAnalysesRead.load>> = await farmerAnalysesRead.load('usr_amina', cursor);
      pagesRead.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
      if (cursor === null) {
        // A new analysis arrives after the first page was read: the next page is unchanged.
        await prisma.plantAnalysis.create({ data: { farmerId: 'usr_amina', analysisDate: new Date(), cropType: 'tomato', status: 'pending' } });
      }
      cursor = page.next;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(40);
    expect(pagesRead).toEqual([20, 20]);
    const dates = await prisma.plantAnalysis.findMany({ where: { id: { in: seen } }, select: { id: true, analysisDate: true } });
    const order = seen.map((id) => dates.find((row) => row.id === id)!.analysisDate.getTime());
    expect(order).toEqual([...order].sort((a, b) => b - a));
    await prisma.plantAnalysis.deleteMany({ where: { farmerId: 'usr_amina', status: 'pending' } });
    await invalidate([farmerAnalysesTag('usr_amina')]);
  });

  it('cursors are opaque and checked: one that does not decode is the first page', async () => {
    expect(decodeCursor('nonsense')).toBeNull();
    expect(decodeCursor(Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url'))).toBeNull();
    const first = await farmerAnalysesRead.load('usr_amina', null);
    expect((await farmerAnalysesRead.load('usr_amina', 'nonsense')).items).toEqual(first.items);
  });

  it('one analysis in full, with its documents and conversation, to its farmer and its sponsor’s members only', async () => {
    const asFarmer = await getAnalysisDetail('usr_amina', AMINA_LATEST);
    expect(asFarmer).toMatchObject({ viewerIsFarmer: true, cropType: 'tomato', sponsorName: 'GreenLeaf Agro', dealerName: 'Costa Farm Supply' });
    expect(asFarmer!.documents.detailedAnalysis).toHaveProperty('plantIdentification');
    expect(JSON.stringify(asFarmer!.documents).length).toBeGreaterThan(3000);
    expect(asFarmer!.messages.map((message) => message.fromName)).toEqual(['Sofia Reyes', 'Amina Yusuf', 'Sofia Reyes']);
    expect(asFarmer!.messages.map((message) => message.unreadByViewer)).toEqual([false, false, true]);
    for (const [viewer, visible] of [
      ['usr_sofia', true],
      ['usr_marco', true],
      ['usr_kenji', false],
      ['usr_dario', false],
      ['usr_tomas', false],
      ['usr_gus', false],
      ['usr_admin', false],
    ] as const) {
      // Twice: the second answer comes from the cache, and must be this viewer's.
      expect((await getAnalysisDetail(viewer, AMINA_LATEST)) !== null, viewer).toBe(visible);
      expect((await getAnalysisDetail(viewer, AMINA_LATEST)) !== null, `${viewer} (warm)`).toBe(visible);
    }
    expect(await getAnalysisDetail('usr_amina', TOMAS_LATEST)).toBeNull();
  });

  it('the detail costs 2 statements cold and none warm; a bad id none at all', async () => {
    await invalidate([analysisTag(AMINA_LATEST)]);
    await expectStatementBudget(2, () => getAnalysisDetail('usr_marco', AMINA_LATEST));
    await expectStatementBudget(0, () => getAnalysisDetail('usr_marco', AMINA_LATEST));
    await expectStatementBudget(0, () => getAnalysisDetail('usr_marco', 'not-a-uuid'));
  });
});

describe('messages and subscriptions', () => {
  it('the inbox shows messages to the viewer with an unread count; sent items the viewer’s own', async () => {
    await coldDemo();
    const [unread, inbox] = await pages.inbox('usr_amina');
    expect(unread).toBeGreaterThan(0);
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(inbox.items.filter((message) => !message.read)).toHaveLength(Math.min(unread, inbox.items.length));
    expect(unread).toBe(await prisma.analysisMessage.count({ where: { toUserId: 'usr_amina', readAt: null } }));
    const sent = await pages.sent('usr_sofia');
    expect(sent.items.every((message) => message.senderRole === 'sponsor')).toBe(true);
    expect((await pages.sent('usr_gus')).items).toEqual([]);
  });

  it('the subscription check is one indexed lookup (1 statement), none warm', async () => {
    await coldDemo();
    const subscription = await expectStatementBudget(1, () => pages.subscription('usr_amina'));
    expect(subscription).toMatchObject({ tier: 'medium', sponsorName: 'GreenLeaf Agro', dailyAnalyses: 20 });
    await expectStatementBudget(0, () => pages.subscription('usr_amina'));
    expect(await pages.subscription('usr_gus')).toBeNull();
  });

  it('a cached subscription that has ended since counts as none', async () => {
    const { getSubscription: check } = await import('./queries');
    const subscription = await check('usr_tomas');
    expect(subscription).not.toBeNull();
    expect(await check('usr_tomas', new Date(Date.parse(subscription!.endDate) + 1))).toBeNull();
  });
});

describe('statement budgets of every page, cold and warm, flat as the data grows eightfold', () => {
  // A fresh sponsor per test with 2 of everything, grown to 16 (less than a page, so that a page shows the growth).
  let fixture: SponsorFixture;
  let analysisId: string;
  beforeEach(async () => {
    fixture = await createSponsorFixture();
    analysisId = (await growSponsor(fixture, 2)).analysisIds[0]!;
  });
  const grow = (extra: () => string[] = () => []) => async () => {
    await growSponsor(fixture, 14);
    const { sponsor, people } = fixture;
    await invalidate([sponsorTag(sponsor.id), sponsorTeamTag(sponsor.id), ...Object.values(people).flatMap((person) => [sponsorRolesTag(person.id), farmerAnalysesTag(person.id), inboxTag(person.id), sentTag(person.id), dealerCodesTag(person.id), subscriptionTag(person.id)]), ...extra()]);
  };

  it('hub: roles, subscription and unread count, 3 statements', async () => {
    await expectFlatPageBudget(3, () => pages.hub(fixture.people.farmer.id), ([, , unread]) => unread, grow());
  });

  it('a sponsor’s codes: access, a page of codes and the dealers, 3 statements', async () => {
    await expectFlatPageBudget(3, () => pages.codes(user(fixture.people.manager.id), fixture.sponsor.id), (value) => value![0].items.length, grow());
  });

  it('a sponsor’s analyses: access and a page, 2 statements', async () => {
    await expectFlatPageBudget(2, () => pages.sponsorAnalyses(user(fixture.people.analyst.id), fixture.sponsor.id), (page) => page!.items.length, grow());
  });

  it('a sponsor’s team: access and the team, 2 statements', async () => {
    const addDealer = async () => {
      await grow()();
      const extra = await prisma.user.create({ data: { id: `usr_t_${fixture.tag}_d2`, name: 'Second dealer', email: `d2-${fixture.tag}@example.com` } });
      await prisma.dealer.create({ data: { sponsorId: fixture.sponsor.id, userId: extra.id, name: 'Second dealership' } });
    };
    await expectFlatPageBudget(2, () => pages.team(user(fixture.people.owner.id), fixture.sponsor.id), (team) => team!.dealers.length, addDealer);
  });

  it('a dealer’s codes: 1 statement', async () => {
    await expectFlatPageBudget(1, () => pages.dealer(fixture.people.dealer.id), (page) => page.items.length, grow());
  });

  it('my analyses: a page and the subscription, 2 statements', async () => {
    await expectFlatPageBudget(2, () => pages.analyses(fixture.people.farmer.id), ([page]) => page.items.length, grow());
  });

  it('one analysis: 2 statements however long its conversation', async () => {
    const longer = async () => {
      const at = await prisma.plantAnalysis.findFirstOrThrow({ where: { id: analysisId }, select: { analysisDate: true } });
      await prisma.analysisMessage.createMany({
        data: Array.from({ length: 14 }, (_, i) => ({ analysisId, analysisDate: at.analysisDate, sentAt: new Date(at.analysisDate.getTime() + (i + 5) * 60_000), sponsorId: fixture.sponsor.id, fromUserId: fixture.people.owner.id, toUserId: fixture.people.farmer.id, senderRole: 'sponsor' as const, body: `More ${i}` })),
      });
      await invalidate([analysisTag(analysisId)]);
    };
    await expectFlatPageBudget(2, () => pages.analysis(fixture.people.farmer.id, analysisId), (detail) => detail!.messages.length, longer);
  });

  it('the inbox: the unread count and a page, 2 statements', async () => {
    await expectFlatPageBudget(2, () => pages.inbox(fixture.people.owner.id), ([unread]) => unread, grow());
  });

  it('sent messages: 1 statement', async () => {
    await expectFlatPageBudget(1, () => pages.sent(fixture.people.owner.id), (page) => page.items.length, grow());
  });
});

describe('warm caches never answer one viewer with another’s data', () => {
  it('lists, inboxes and the dealer’s codes are each viewer’s own', async () => {
    await coldDemo();
    const [amina, tomas] = [await pages.analyses('usr_amina'), await pages.analyses('usr_tomas')];
    expect(amina[0].items.every((item) => item.farmerName === 'Amina Yusuf')).toBe(true);
    expect(tomas[0].items.every((item) => item.farmerName === 'Tomás Silva')).toBe(true);
    expect((await pages.analyses('usr_gus'))[0].items).toEqual([]);
    const dario = await pages.dealer('usr_dario');
    expect(dario.items.map((code) => code.code)).toContain(DEMO_OPEN_CODE);
    expect(dario.items.every((code) => code.dealerName === 'Costa Farm Supply')).toBe(true);
    expect((await pages.dealer('usr_sofia')).items).toEqual([]);
    expect((await pages.dealer('usr_gus')).items).toEqual([]);
    const [, sofiaInbox] = await pages.inbox('usr_sofia');
    const [, gusInbox] = await pages.inbox('usr_gus');
    expect(sofiaInbox.items.length).toBeGreaterThan(0);
    expect(gusInbox.items).toEqual([]);
  });
});
