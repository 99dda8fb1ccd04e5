import { beforeAll, describe, expect, it } from 'vitest';
import { GET as analyticsRoute } from '@/app/api/v1/sponsors/[id]/analytics/route';
import { POST as assignRoute } from '@/app/api/v1/sponsors/[id]/codes/assign/route';
import { GET as codesRoute, POST as generateRoute } from '@/app/api/v1/sponsors/[id]/codes/route';
import { POST as distributeRoute } from '@/app/api/v1/sponsors/codes/[codeId]/distribute/route';
import { POST as redeemRoute } from '@/app/api/v1/sponsors/codes/redeem/route';
import { GET as dealerCodesRoute } from '@/app/api/v1/sponsors/dealer/codes/route';
import { POST as messageRoute } from '@/app/api/v1/sponsors/analyses/[id]/messages/route';
import { POST as readRoute } from '@/app/api/v1/sponsors/analyses/[id]/read/route';
import { GET as analysisRoute } from '@/app/api/v1/sponsors/analyses/[id]/route';
import { GET as analysesRoute, POST as requestRoute } from '@/app/api/v1/sponsors/analyses/route';
import { GET as messagesRoute } from '@/app/api/v1/sponsors/messages/route';
import { GET as rolesRoute } from '@/app/api/v1/sponsors/route';
import { GET as subscriptionRoute } from '@/app/api/v1/sponsors/subscription/route';
import { createApiToken } from '@/lib/api-tokens/mutations';
import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { settleInlineJobs } from '@/lib/jobs/inline';
import { DEMO_OPEN_CODE, demoAnalysisId, demoSponsorId } from '@/prisma/seed/sponsors-demo';
import { sessionCookie } from '@/test/sessions';
import { createSponsorFixture } from '@/test/sponsors';
import { analysisTag, farmerAnalysesTag, inboxTag, sentTag, sponsorRolesTag, sponsorTag, sponsorTeamTag, subscriptionTag } from './tags';

const GREENLEAF = demoSponsorId('greenleaf');
const AMINA_LATEST = demoAnalysisId('amina', 1);
const BASE = 'http://localhost:3000';

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
const call = (handler: unknown, path: string, init: { credential?: string; method?: string; body?: unknown; params?: Record<string, string> } = {}) => {
  const headers = new Headers();
  if (init.credential?.startsWith('brisk_')) headers.set('authorization', `Bearer ${init.credential}`);
  else if (init.credential) headers.set('cookie', init.credential);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const request = new Request(`${BASE}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body) });
  return (handler as Handler)(request, { params: Promise.resolve(init.params ?? {}) });
};
/** Statements the request ran, from its Server-Timing header. */
const statements = (response: Response) => Number(/db;dur=[\d.]+;desc="(\d+) statements"/.exec(response.headers.get('server-timing') ?? '')?.[1]);

const sessions: Record<string, string> = {};
const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const key of ['sofia', 'marco', 'kenji', 'dario', 'amina', 'tomas', 'gus', 'admin']) {
    sessions[key] = await sessionCookie(`${key}@brisk.test`);
    const token = await createApiToken(`usr_${key}`, { name: `sponsors routes ${Math.random()}`, lifetime: '30' });
    if (!token.ok) throw new Error(token.message);
    tokens[key] = token.value.secret;
  }
});

async function coldDemo() {
  const people = ['sofia', 'marco', 'kenji', 'dario', 'amina', 'tomas', 'gus', 'admin'].map((key) => `usr_${key}`);
  await invalidate([sponsorTag(GREENLEAF), sponsorTeamTag(GREENLEAF), analysisTag(AMINA_LATEST), ...people.flatMap((id) => [sponsorRolesTag(id), farmerAnalysesTag(id), subscriptionTag(id), inboxTag(id), sentTag(id)])]);
}

describe('GET /api/v1/sponsors/:id/analytics', () => {
  const analytics = (credential: string | undefined, query = '') => call(analyticsRoute, `/api/v1/sponsors/${GREENLEAF}/analytics${query}`, { credential, params: { id: GREENLEAF } });

  it('answers members and administrators, by session or API token; 404 to everyone else; 401 signed out', async () => {
    const matrix: [string, number][] = [
      ['sofia', 200],
      ['marco', 200],
      ['admin', 200],
      ['kenji', 404],
      ['dario', 404],
      ['amina', 404],
      ['gus', 404],
    ];
    for (const [who, status] of matrix) {
      expect((await analytics(sessions[who])).status, `${who} (session)`).toBe(status);
      expect((await analytics(tokens[who])).status, `${who} (token)`).toBe(status);
    }
    const signedOut = await analytics(undefined);
    expect(signedOut.status).toBe(401);
    expect((await analytics('brisk_not-a-real-token')).status).toBe(401);
  });

  it('costs 4 statements cold and none warm, with private no-store answers', async () => {
    await coldDemo();
    const cold = await analytics(sessions.sofia);
    expect(statements(cold)).toBe(4);
    expect(cold.headers.get('cache-control')).toBe('private, no-store');
    const body = (await cold.json()) as { range: { bucket: string }; series: unknown[]; dealers: { name: string }[] };
    expect(body.range.bucket).toBe('week');
    expect(body.dealers.map((dealer) => dealer.name)).toContain('Costa Farm Supply');
    expect(statements(await analytics(sessions.sofia))).toBe(0);
    // Another member: their own access only.
    expect(statements(await analytics(tokens.marco))).toBe(1);
  });

  it('refuses a bad range with the fields at fault', async () => {
    const response = await analytics(sessions.sofia, '?from=2026-02-30&bucket=hour');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'Invalid query.', details: { from: 'This is not a real date.', bucket: 'Choose day, week or month.' } });
    const tooLong = await analytics(sessions.sofia, '?from=2025-01-01&to=2026-01-01&bucket=day');
    expect(await tooLong.json()).toMatchObject({ details: { from: 'By day, a range covers at most 92 days.' } });
    const future = await analytics(sessions.sofia, '?to=2999-01-01');
    expect(await future.json()).toMatchObject({ details: { to: 'The range cannot end in the future.' } });
  });
});

describe('the other read routes', () => {
  it('each answers its viewer’s own data, in the statements of its page', async () => {
    await coldDemo();
    const roles = await call(rolesRoute, '/api/v1/sponsors', { credential: tokens.sofia });
    expect(statements(roles)).toBe(1);
    expect(await roles.json()).toMatchObject({ memberships: [{ name: 'GreenLeaf Agro', role: 'owner' }], dealerships: [] });

    const subscription = await call(subscriptionRoute, '/api/v1/sponsors/subscription', { credential: tokens.amina });
    expect(statements(subscription)).toBe(1);
    expect(await subscription.json()).toMatchObject({ subscription: { tier: 'medium', sponsorName: 'GreenLeaf Agro' } });
    expect(await (await call(subscriptionRoute, '/api/v1/sponsors/subscription', { credential: tokens.gus })).json()).toEqual({ subscription: null });

    const inbox = await call(messagesRoute, '/api/v1/sponsors/messages', { credential: sessions.amina });
    expect(statements(inbox)).toBe(2);
    const inboxBody = (await inbox.json()) as { unread: number; items: { otherName: string }[] };
    expect(inboxBody.unread).toBeGreaterThan(0);
    expect(inboxBody.items.map((item) => item.otherName)).toContain('Sofia Reyes');
    const sent = await call(messagesRoute, '/api/v1/sponsors/messages?box=sent', { credential: sessions.amina });
    expect(statements(sent)).toBe(1);

    const analyses = await call(analysesRoute, '/api/v1/sponsors/analyses', { credential: tokens.amina });
    expect(statements(analyses)).toBe(1);
    const page = (await analyses.json()) as { items: Record<string, unknown>[]; next: string };
    expect(page.items).toHaveLength(20);
    expect(page.items[0]).not.toHaveProperty('detailedAnalysis');
    const second = await call(analysesRoute, `/api/v1/sponsors/analyses?cursor=${page.next}`, { credential: tokens.amina });
    expect(((await second.json()) as { items: unknown[] }).items).toHaveLength(20);
    expect((await call(analysesRoute, '/api/v1/sponsors/analyses?cursor=garbage', { credential: tokens.amina })).status).toBe(400);

    const dealer = await call(dealerCodesRoute, '/api/v1/sponsors/dealer/codes', { credential: tokens.dario });
    expect(statements(dealer)).toBe(1);
    expect(((await dealer.json()) as { items: { code: string }[] }).items.map((code) => code.code)).toContain(DEMO_OPEN_CODE);

    const codes = await call(codesRoute, `/api/v1/sponsors/${GREENLEAF}/codes?status=with_dealer`, { credential: tokens.marco, params: { id: GREENLEAF } });
    expect(statements(codes)).toBe(2);
    expect(((await codes.json()) as { items: { status: string }[] }).items.every((code) => code.status === 'with_dealer')).toBe(true);
    expect((await call(codesRoute, `/api/v1/sponsors/${GREENLEAF}/codes`, { credential: tokens.dario, params: { id: GREENLEAF } })).status).toBe(404);
    expect((await call(codesRoute, `/api/v1/sponsors/${GREENLEAF}/codes?status=lost`, { credential: tokens.marco, params: { id: GREENLEAF } })).status).toBe(400);
  });

  it('an analysis answers its farmer and its sponsor’s members, 404 to others, in 2 statements cold', async () => {
    await coldDemo();
    const get = (who: string) => call(analysisRoute, `/api/v1/sponsors/analyses/${AMINA_LATEST}`, { credential: tokens[who], params: { id: AMINA_LATEST } });
    const cold = await get('amina');
    expect(cold.status).toBe(200);
    expect(statements(cold)).toBe(2);
    expect(await cold.json()).toMatchObject({ cropType: 'tomato', documents: { detailedAnalysis: { plantIdentification: expect.any(Object) } } });
    expect(statements(await get('amina'))).toBe(0);
    for (const [who, status] of [['sofia', 200], ['marco', 200], ['kenji', 404], ['dario', 404], ['tomas', 404], ['gus', 404], ['admin', 404]] as const) {
      expect((await get(who)).status, who).toBe(status);
    }
    expect((await call(analysisRoute, '/api/v1/sponsors/analyses/nope', { credential: tokens.amina, params: { id: 'nope' } })).status).toBe(404);
  });
});

describe('the write routes', () => {
  it('a sponsor’s codes go from generation to a dealer, out to a farmer and redeemed, with API tokens throughout', async () => {
    const fixture = await createSponsorFixture();
    const owner = await createApiToken(fixture.people.owner.id, { name: 'owner', lifetime: '30' });
    const dealer = await createApiToken(fixture.people.dealer.id, { name: 'dealer', lifetime: '30' });
    const farmer = await createApiToken(fixture.people.stranger.id, { name: 'farmer', lifetime: '30' });
    if (!owner.ok || !dealer.ok || !farmer.ok) throw new Error('tokens');
    const params = { id: fixture.sponsor.id };
    // A token's first request looks it up and records its use (2 statements, then cached for minutes).
    for (const token of [owner, dealer, farmer]) await call(rolesRoute, '/api/v1/sponsors', { credential: token.value.secret });
    const generated = await call(generateRoute, `/api/v1/sponsors/${fixture.sponsor.id}/codes`, { method: 'POST', credential: owner.value.secret, body: { count: 2, tier: 'medium', validDays: 60 }, params });
    expect(generated.status).toBe(201);
    expect(statements(generated)).toBe(1);
    expect(await generated.json()).toEqual({ created: 2 });
    const assigned = await call(assignRoute, `/api/v1/sponsors/${fixture.sponsor.id}/codes/assign`, { method: 'POST', credential: owner.value.secret, body: { dealerId: fixture.dealer.id, count: 1 }, params });
    expect(await assigned.json()).toEqual({ assigned: 1 });
    const held = ((await (await call(dealerCodesRoute, '/api/v1/sponsors/dealer/codes', { credential: dealer.value.secret })).json()) as { items: { id: string; code: string; status: string }[] }).items.find((code) => code.status === 'with_dealer')!;
    const sent = await call(distributeRoute, `/api/v1/sponsors/codes/${held.id}/distribute`, { method: 'POST', credential: dealer.value.secret, params: { codeId: held.id } });
    expect(sent.status).toBe(200);
    const again = await call(distributeRoute, `/api/v1/sponsors/codes/${held.id}/distribute`, { method: 'POST', credential: dealer.value.secret, params: { codeId: held.id } });
    expect(again.status).toBe(409);
    const redeemed = await call(redeemRoute, '/api/v1/sponsors/codes/redeem', { method: 'POST', credential: farmer.value.secret, body: { code: held.code } });
    expect(redeemed.status).toBe(201);
    expect(statements(redeemed)).toBe(1);
    expect(await redeemed.json()).toMatchObject({ code: held.code, tier: 'medium', sponsorName: fixture.sponsor.name });
    const twice = await call(redeemRoute, '/api/v1/sponsors/codes/redeem', { method: 'POST', credential: farmer.value.secret, body: { code: held.code } });
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ error: 'You have already redeemed this code.' });
    // The new subscriber requests an analysis and writes about it.
    const requested = await call(requestRoute, '/api/v1/sponsors/analyses', { method: 'POST', credential: farmer.value.secret, body: { cropType: 'grape' } });
    expect(requested.status).toBe(201);
    const { id } = (await requested.json()) as { id: string };
    await settleInlineJobs();
    const message = await call(messageRoute, `/api/v1/sponsors/analyses/${id}/messages`, { method: 'POST', credential: farmer.value.secret, body: { body: 'Is this mildew?' }, params: { id } });
    expect(message.status).toBe(201);
    const ownerInbox = (await (await call(messagesRoute, '/api/v1/sponsors/messages', { credential: owner.value.secret })).json()) as { unread: number; items: { preview: string; analysisId: string }[] };
    expect(ownerInbox.items[0]).toMatchObject({ preview: 'Is this mildew?', analysisId: id });
    const read = await call(readRoute, `/api/v1/sponsors/analyses/${id}/read`, { method: 'POST', credential: owner.value.secret, params: { id } });
    expect(await read.json()).toEqual({ marked: 1 });
  });

  it('bad bodies and refusals are JSON errors that name the problem, and write nothing', async () => {
    const fixture = await createSponsorFixture();
    const params = { id: fixture.sponsor.id };
    const owner = await createApiToken(fixture.people.owner.id, { name: 'owner', lifetime: '30' });
    const analyst = await createApiToken(fixture.people.analyst.id, { name: 'analyst', lifetime: '30' });
    if (!owner.ok || !analyst.ok) throw new Error('tokens');
    const count = () => prisma.sponsorshipCode.count({ where: { sponsorId: fixture.sponsor.id } });
    const before = await count();
    const notJson = await call(generateRoute, '/x', { method: 'POST', credential: owner.value.secret, body: 'count=5', params });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'The body must be JSON (Content-Type: application/json).' });
    expect((await call(generateRoute, '/x', { method: 'POST', credential: owner.value.secret, body: [1, 2], params })).status).toBe(400);
    const invalid = await call(generateRoute, '/x', { method: 'POST', credential: owner.value.secret, body: { count: 9000, tier: 'huge' }, params });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: 'Please correct the highlighted fields.', details: { count: 'At most 500 at a time.', tier: expect.any(String), validDays: expect.any(String) } });
    const forbidden = await call(generateRoute, '/x', { method: 'POST', credential: analyst.value.secret, body: { count: 1, tier: 'small', validDays: 30 }, params });
    expect(forbidden.status).toBe(403);
    const signedOut = await call(generateRoute, '/x', { method: 'POST', body: { count: 1, tier: 'small', validDays: 30 }, params });
    expect(signedOut.status).toBe(401);
    const notFound = await call(redeemRoute, '/x', { method: 'POST', credential: sessions.gus, body: { code: 'QQQ-0000-0000' } });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ details: { code: 'There is no such code: check it for typos.' } });
    expect((await call(requestRoute, '/x', { method: 'POST', credential: sessions.gus, body: { cropType: 'tomato' } })).status).toBe(403);
    expect(await count()).toBe(before);
  });
});
