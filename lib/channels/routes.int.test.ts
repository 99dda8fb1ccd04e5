import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { GET as dashboardRoute, POST as createRoute } from '@/app/api/v1/channels/route';
import { DELETE as deleteRoute, GET as channelRoute, PATCH as patchRoute } from '@/app/api/v1/channels/[id]/route';
import { GET as postsRoute, POST as publishRoute } from '@/app/api/v1/channels/[id]/posts/route';
import { GET as plansRoute } from '@/app/api/v1/channels/plans/route';
import { createApiToken } from '@/lib/api-tokens/mutations';
import { invalidate } from '@/lib/cache/cache';
import { parseServerTiming } from '@/bench/lib/http';
import { createCircle } from '@/test/people';
import { sessionCookie } from '@/test/sessions';
import { DEMO_CHANNELS, demoChannelId } from '@/prisma/seed/channels-demo';
import { channelTag, ownerTag, plansTag } from './tags';
import type { ChannelDashboard, ChannelDetail } from './types';

const BASE = 'http://localhost:3000';
const kitchen = demoChannelId('ada-kitchen');

type Handler<P> = (request: Request, context: { params: Promise<P> }) => Promise<Response>;

function call<P extends Record<string, string>>(handler: Handler<P>, path: string, init: RequestInit & { params?: P } = {}) {
  const { params, ...rest } = init;
  return handler(new Request(`${BASE}${path}`, rest), { params: Promise.resolve((params ?? {}) as P) });
}

const statements = (response: Response) => parseServerTiming(response.headers.get('server-timing') ?? '')?.statements;

async function bearer(userId: string) {
  const token = await createApiToken(userId, { name: `routes ${randomUUID().slice(0, 8)}`, lifetime: '30' });
  if (!token.ok) throw new Error(token.message);
  return { authorization: `Bearer ${token.value.secret}` };
}

let ada: { cookie: string };
let ben: { cookie: string };
let admin: { cookie: string };
beforeEach(async () => {
  await invalidate(['usr_ada', 'usr_ben', 'usr_admin'].map(ownerTag).concat(DEMO_CHANNELS.map((c) => channelTag(demoChannelId(c.key))), [plansTag]));
  ada ??= { cookie: await sessionCookie('ada@brisk.test') };
  ben ??= { cookie: await sessionCookie('ben@brisk.test') };
  admin ??= { cookie: await sessionCookie('admin@brisk.test') };
});

describe('the channels API: who sees what', () => {
  it('answers 401 to the signed-out and to bad tokens, on every route', async () => {
    const asAnonymous = [
      call(dashboardRoute, '/api/v1/channels'),
      call(channelRoute, `/api/v1/channels/${kitchen}`, { params: { id: kitchen } }),
      call(postsRoute, `/api/v1/channels/${kitchen}/posts`, { params: { id: kitchen } }),
      call(plansRoute, '/api/v1/channels/plans'),
      call(createRoute, '/api/v1/channels', { method: 'POST', body: '{}' }),
      call(deleteRoute, `/api/v1/channels/${kitchen}`, { method: 'DELETE', params: { id: kitchen } }),
    ];
    for (const response of await Promise.all(asAnonymous)) expect(response.status).toBe(401);
    const forged = await call(dashboardRoute, '/api/v1/channels', { headers: { authorization: `Bearer brisk_${'A'.repeat(43)}` } });
    expect(forged.status).toBe(401);
    expect(forged.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('gives the owner their channel (session or API token), another user a 404, an admin a read-only view', async () => {
    for (const headers of [{ cookie: ada.cookie }, await bearer('usr_ada')]) {
      const response = await call(channelRoute, `/api/v1/channels/${kitchen}?period=7`, { headers, params: { id: kitchen } });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      const detail = (await response.json()) as ChannelDetail;
      expect(detail.channel).toMatchObject({ title: 'Ada’s Kitchen', viewerIsOwner: true });
      expect(detail.summary.days).toHaveLength(7);
    }
    for (const headers of [{ cookie: ben.cookie }, await bearer('usr_gus')]) {
      const response = await call(channelRoute, `/api/v1/channels/${kitchen}`, { headers, params: { id: kitchen } });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'Not found.' });
      expect((await call(postsRoute, `/api/v1/channels/${kitchen}/posts`, { headers, params: { id: kitchen } })).status).toBe(404);
    }
    const asAdmin = await call(channelRoute, `/api/v1/channels/${kitchen}`, { headers: { cookie: admin.cookie }, params: { id: kitchen } });
    expect(((await asAdmin.json()) as ChannelDetail).channel).toMatchObject({ ownerName: 'Ada Park', viewerIsOwner: false });
    // Read-only: an admin changes nothing of someone else's channel.
    const patch = await call(patchRoute, `/api/v1/channels/${kitchen}`, { method: 'PATCH', headers: { cookie: admin.cookie }, body: JSON.stringify({ title: 'Mine now', handle: 'admin_took_it' }), params: { id: kitchen } });
    expect(patch.status).toBe(404);
    const publish = await call(publishRoute, `/api/v1/channels/${kitchen}/posts`, { method: 'POST', headers: { cookie: admin.cookie }, body: JSON.stringify({ text: 'Hi' }), params: { id: kitchen } });
    expect(publish.status).toBe(404);
    expect((await call(deleteRoute, `/api/v1/channels/${kitchen}`, { method: 'DELETE', headers: await bearer('usr_ben'), params: { id: kitchen } })).status).toBe(404);
  });

  it('gives each viewer their own dashboard from a warm cache, token or session alike', async () => {
    const first = (await (await call(dashboardRoute, '/api/v1/channels', { headers: { cookie: ada.cookie } })).json()) as ChannelDashboard;
    const asBen = (await (await call(dashboardRoute, '/api/v1/channels', { headers: await bearer('usr_ben') })).json()) as ChannelDashboard;
    expect(first.list.channels.map((c) => c.handle)).toEqual(['ada_on_the_road', 'adas_kitchen', 'paper_and_ink']);
    expect(asBen.list.channels.map((c) => c.handle)).toEqual(['bens_tech_digest', 'run_with_ben']);
    expect(asBen.subscription.status).toBe('trial');
    const asAdmin = (await (await call(dashboardRoute, '/api/v1/channels', { headers: { cookie: admin.cookie } })).json()) as ChannelDashboard;
    expect(asAdmin.list.channels).toEqual([]);
  });

  it('answers 400 naming the field for a bad query', async () => {
    const response = await call(dashboardRoute, '/api/v1/channels?period=14', { headers: { cookie: ada.cookie } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'Invalid query.', details: { period: 'Use one of 7, 30, 90 (days).' } });
    const sort = await call(postsRoute, `/api/v1/channels/${kitchen}/posts?sort=likes`, { headers: { cookie: ada.cookie }, params: { id: kitchen } });
    expect(sort.status).toBe(400);
  });
});

describe('the channels API: writes', () => {
  it('creates (201), renames, publishes to and deletes a channel, each change visible on the next request', async () => {
    const { owner } = await createCircle();
    const headers = { ...(await bearer(owner.id)), 'content-type': 'application/json' };
    const handle = `api_${randomUUID().slice(0, 8)}`;
    const created = await call(createRoute, '/api/v1/channels', { method: 'POST', headers, body: JSON.stringify({ title: 'From the API', handle }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const params = { id };
    expect((await call(createRoute, '/api/v1/channels', { method: 'POST', headers, body: JSON.stringify({ title: 'Second', handle: `${handle}2` }) })).status).toBe(403);
    const taken = await call(patchRoute, `/api/v1/channels/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ title: 'x', handle: 'adas_kitchen' }), params });
    expect(taken.status).toBe(422);
    expect(await taken.json()).toEqual({ error: 'This handle is taken: choose another.', details: { handle: 'This handle is taken: choose another.' } });
    const invalid = await call(patchRoute, `/api/v1/channels/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ title: '' }), params });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { details: Record<string, string> }).details).toMatchObject({ title: 'Give the channel a title.' });
    expect((await call(patchRoute, `/api/v1/channels/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ title: 'Renamed', handle }), params })).status).toBe(200);
    expect((await call(publishRoute, `/api/v1/channels/${id}/posts`, { method: 'POST', headers, body: JSON.stringify({ text: 'First post' }), params })).status).toBe(201);
    const detail = (await (await call(channelRoute, `/api/v1/channels/${id}?period=7`, { headers, params })).json()) as ChannelDetail;
    expect(detail.channel.title).toBe('Renamed');
    expect(detail.summary.totals.posts).toBe(1);
    expect((await call(deleteRoute, `/api/v1/channels/${id}`, { method: 'DELETE', headers, params })).status).toBe(204);
    expect((await call(channelRoute, `/api/v1/channels/${id}`, { headers, params })).status).toBe(404);
  });
});

describe('statement budgets of the API (Server-Timing)', () => {
  it('GET /api/v1/channels: 4 cold, 0 warm; one channel: 4 cold, 0 warm; its posts: 2 cold; the plans: 2 cold', async () => {
    const headers = { cookie: ada.cookie };
    const cases: [string, () => Promise<Response>, number][] = [
      ['dashboard', () => call(dashboardRoute, '/api/v1/channels?period=90', { headers }), 4],
      ['channel', () => call(channelRoute, `/api/v1/channels/${kitchen}?period=90`, { headers, params: { id: kitchen } }), 4],
    ];
    for (const [name, request, cold] of cases) {
      expect(statements(await request()), `${name} cold`).toBe(cold);
      expect(statements(await request()), `${name} warm`).toBe(0);
    }
    await invalidate([channelTag(kitchen), ownerTag('usr_ada'), plansTag]);
    expect(statements(await call(postsRoute, `/api/v1/channels/${kitchen}/posts?sort=views`, { headers, params: { id: kitchen } }))).toBe(2);
    expect(statements(await call(postsRoute, `/api/v1/channels/${kitchen}/posts?sort=views`, { headers, params: { id: kitchen } }))).toBe(0);
    expect(statements(await call(plansRoute, '/api/v1/channels/plans', { headers }))).toBe(2);
    expect(statements(await call(plansRoute, '/api/v1/channels/plans', { headers }))).toBe(0);
  });
});
