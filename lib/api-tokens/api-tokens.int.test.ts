import { describe, expect, it } from 'vitest';
import { getStaticRoute as get } from '@/test/routes';
import { GET as prometheusRoute } from '@/app/api/metrics/route';
import { GET as cacheStatsRoute } from '@/app/api/v1/cache/stats/route';
import { GET as opsMetricsRoute } from '@/app/api/v1/ops/metrics/route';
import { GET as wishlistsRoute } from '@/app/api/v1/wishlists/route';
import { configureApiLimits } from '@/lib/api/rate-limit';
import { prisma } from '@/lib/db/client';
import { stampPeer } from '@/lib/security/client-address';
import { createCircle } from '@/test/people';
import { countStatements, expectStatementBudget } from '@/test/statements';
import { sessionCookie } from '@/test/sessions';
import { createApiToken, recordTokenUse, revokeApiToken } from './mutations';
import { getTokenOwner, listApiTokens } from './queries';
import { MAX_ACTIVE_TOKENS } from './schemas';
import { hashSecret } from './secret';

const DAY = 86_400_000;

async function newToken(userId: string, lifetime = '30', now?: Date): Promise<{ id: string; secret: string }> {
  const result = await createApiToken(userId, { name: 'test token', lifetime }, now);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe('creating an API token', () => {
  it('shows the secret once and stores only its SHA-256', async () => {
    const { owner } = await createCircle();
    const now = new Date();
    const result = await createApiToken(owner.id, { name: '  CI scraper  ', lifetime: '90' }, now);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.secret).toMatch(/^brisk_[A-Za-z0-9_-]{43}$/);
    expect(result.value.name).toBe('CI scraper');
    expect(result.value.expiresAt?.getTime()).toBe(now.getTime() + 90 * DAY);

    const row = await prisma.apiToken.findUniqueOrThrow({ where: { id: result.value.id } });
    expect(row.tokenHash).toBe(hashSecret(result.value.secret));
    expect(row.prefix).toBe(result.value.secret.slice(0, 10));
    expect(Object.values(row)).not.toContain(result.value.secret);
    // The list never carries the secret or its hash.
    const [listed] = await listApiTokens(owner.id);
    expect(listed).toMatchObject({ id: result.value.id, name: 'CI scraper', prefix: row.prefix, status: 'active', lastUsedAt: null });
    expect(JSON.stringify(listed)).not.toContain(row.tokenHash);
  });

  it('refuses a missing name, a long name or an unknown lifetime, and creates nothing', async () => {
    const { owner } = await createCircle();
    for (const input of [{ name: ' ', lifetime: '30' }, { name: 'x'.repeat(61), lifetime: '30' }, { name: 'ok', lifetime: '7' }, { name: 'ok' }, null]) {
      const result = await createApiToken(owner.id, input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'invalid' });
    }
    const result = await createApiToken(owner.id, { name: '', lifetime: 'forever' });
    expect(!result.ok && result.fieldErrors).toMatchObject({ name: expect.any(String), lifetime: expect.any(String) });
    expect(await prisma.apiToken.count({ where: { userId: owner.id } })).toBe(0);
  });

  it(`allows ${MAX_ACTIVE_TOKENS} live tokens per person; revoked and expired ones do not count`, async () => {
    const { owner } = await createCircle();
    const expired = await newToken(owner.id, '30', new Date(Date.now() - 31 * DAY));
    const revoked = await newToken(owner.id);
    await revokeApiToken(owner.id, revoked.id);
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i++) await newToken(owner.id);
    const refused = await createApiToken(owner.id, { name: 'one too many', lifetime: 'never' });
    expect(refused).toMatchObject({ ok: false, code: 'conflict' });
    expect(await prisma.apiToken.count({ where: { userId: owner.id } })).toBe(MAX_ACTIVE_TOKENS + 2);
    expect((await listApiTokens(owner.id)).find((t) => t.id === expired.id)?.status).toBe('expired');
  });
});

describe('the token page', () => {
  it('lists my tokens, newest first, in one statement however many there are', async () => {
    const { owner } = await createCircle();
    const one = await countStatements(() => listApiTokens(owner.id));
    expect(one.statements).toBe(1);
    expect(one.result).toEqual([]);
    const created = [];
    for (let i = 0; i < 5; i++) created.push((await newToken(owner.id, '30', new Date(Date.now() + i * 1000))).id);
    const many = await countStatements(() => listApiTokens(owner.id));
    expect(many.statements).toBe(1);
    expect(many.result.map((token) => token.id)).toEqual(created.reverse());
  });
});

describe('using an API token', () => {
  it('acts as its owner: one statement cold, none warm', async () => {
    const { owner } = await createCircle();
    const { secret, id } = await newToken(owner.id);
    const cold = await countStatements(() => getTokenOwner(secret));
    expect(cold.statements).toBe(1);
    expect(cold.result).toEqual({ tokenId: id, viewer: { id: owner.id, name: owner.name, email: owner.email, role: 'user' }, expiresAt: expect.any(String) });
    await expectStatementBudget(0, () => getTokenOwner(secret));
  });

  it('knows no unknown token, and no expired one even while its lookup is cached', async () => {
    const { owner } = await createCircle();
    expect(await getTokenOwner(`brisk_${'A'.repeat(43)}`)).toBeNull();
    const { secret } = await newToken(owner.id, '30');
    expect(await getTokenOwner(secret)).not.toBeNull();
    expect(await getTokenOwner(secret, new Date(Date.now() + 31 * DAY))).toBeNull();
  });

  it('stops working at once when revoked, though its lookup was cached', async () => {
    const { owner } = await createCircle();
    const { secret, id } = await newToken(owner.id);
    expect(await getTokenOwner(secret)).not.toBeNull();
    expect(await revokeApiToken(owner.id, id)).toEqual({ ok: true, value: undefined });
    expect(await getTokenOwner(secret)).toBeNull();
    // Revoking again is harmless.
    expect(await revokeApiToken(owner.id, id)).toEqual({ ok: true, value: undefined });
    expect((await listApiTokens(owner.id))[0]).toMatchObject({ id, status: 'revoked', revokedAt: expect.any(Date) });
  });

  it('cannot be revoked by anyone but its owner, who is told it does not exist', async () => {
    const { owner, friend } = await createCircle();
    const { secret, id } = await newToken(owner.id);
    expect(await revokeApiToken(friend.id, id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await revokeApiToken(friend.id, 'not-a-uuid')).toMatchObject({ ok: false, code: 'not_found' });
    expect(await getTokenOwner(secret)).not.toBeNull();
    expect(await listApiTokens(friend.id)).toEqual([]);
  });

  it('records its last use at most once a minute', async () => {
    const { owner } = await createCircle();
    const { id } = await newToken(owner.id);
    const now = new Date();
    expect((await countStatements(() => recordTokenUse(id, now))).statements).toBe(1);
    expect((await countStatements(() => recordTokenUse(id, new Date(now.getTime() + 30_000)))).statements).toBe(0);
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(now);
    await recordTokenUse(id, new Date(now.getTime() + 61_000));
    expect((await prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(new Date(now.getTime() + 61_000));
  });
});

describe('the API with tokens (access matrix)', () => {
  const ADMIN_ROUTES = [
    { path: '/api/v1/ops/metrics', handler: opsMetricsRoute },
    { path: '/api/v1/cache/stats', handler: cacheStatsRoute },
    { path: '/api/metrics', handler: prometheusRoute },
  ];

  it('opens the metrics and cache statistics to an admin token only', async () => {
    const admin = await newToken('usr_admin');
    const user = await newToken('usr_ada');
    for (const { path, handler } of ADMIN_ROUTES) {
      expect((await get(handler, path, bearer(admin.secret))).status, path).toBe(200);
      const denied = await get(handler, path, bearer(user.secret));
      expect(denied.status, path).toBe(404);
      expect(await denied.json()).toEqual({ error: 'Not found.' });
    }
    const text = await (await get(prometheusRoute, '/api/metrics', bearer(admin.secret))).text();
    expect(text).toContain('# TYPE brisk_requests_total counter');
    await revokeApiToken('usr_admin', admin.id);
    await revokeApiToken('usr_ada', user.id);
  });

  it('answers 401 to revoked, expired, unknown and malformed tokens, saying which', async () => {
    const revoked = await newToken('usr_admin');
    await revokeApiToken('usr_admin', revoked.id);
    const expired = await newToken('usr_admin', '30', new Date(Date.now() - 31 * DAY));
    for (const { path, handler } of ADMIN_ROUTES) {
      for (const secret of [revoked.secret, expired.secret, `brisk_${'B'.repeat(43)}`]) {
        const response = await get(handler, path, bearer(secret));
        expect(response.status, path).toBe(401);
        expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_token"');
        expect(await response.json()).toEqual({ error: 'This API token is not valid: it is unknown, revoked or expired.' });
      }
      for (const authorization of ['Bearer', 'Basic YWRtaW46cGFzcw==', `Bearer ${revoked.secret}x`, 'token brisk_abc']) {
        const response = await get(handler, path, { authorization });
        expect(response.status, `${path} ${authorization}`).toBe(401);
        expect(response.headers.get('WWW-Authenticate')).toBe('Bearer error="invalid_request"');
      }
    }
  });

  it('lets a token decide over a session cookie, never the other way round', async () => {
    const adminCookie = await sessionCookie('admin@brisk.test');
    const adaCookie = await sessionCookie('ada@brisk.test');
    const admin = await newToken('usr_admin');
    // A bad token with an admin's session: refused, the session does not stand in for it.
    expect((await get(cacheStatsRoute, '/api/v1/cache/stats', { cookie: adminCookie, ...bearer(`brisk_${'C'.repeat(43)}`) })).status).toBe(401);
    // A user's session with an admin token: the token's owner is who asks.
    expect((await get(cacheStatsRoute, '/api/v1/cache/stats', { cookie: adaCookie, ...bearer(admin.secret) })).status).toBe(200);
    await revokeApiToken('usr_admin', admin.id);
  });

  it('reads the JSON API as the token’s owner and records the use', async () => {
    const { owner } = await createCircle();
    await prisma.wishlist.create({ data: { ownerId: owner.id, name: 'Token test list', visibility: 'private' } });
    const token = await newToken(owner.id);
    const response = await get(wishlistsRoute, '/api/v1/wishlists', bearer(token.secret));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { mine: { name: string }[] };
    expect(body.mine.map((list) => list.name)).toEqual(['Token test list']);
    expect((await listApiTokens(owner.id))[0]?.lastUsedAt).toBeInstanceOf(Date);
    // Signed out, the same route says how to get in.
    const anonymous = await get(wishlistsRoute, '/api/v1/wishlists');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('WWW-Authenticate')).toBe('Bearer');
  });
});

describe('rate limits of the API', () => {
  const limits = { token: { points: 3, duration: 60 }, unknownToken: { points: 2, duration: 60 } };

  it('answers 429 with Retry-After once a token has used its budget, and counts each token apart', async () => {
    const restore = configureApiLimits(limits);
    try {
      const { owner, friend } = await createCircle();
      const [mine, theirs] = [await newToken(owner.id), await newToken(friend.id)];
      for (let i = 0; i < 3; i++) expect((await get(wishlistsRoute, '/api/v1/wishlists', bearer(mine.secret))).status).toBe(200);
      const refused = await get(wishlistsRoute, '/api/v1/wishlists', bearer(mine.secret));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
      expect((await refused.json()).error).toMatch(/This API token has made too many requests: try again in \d+ s\./);
      expect((await get(wishlistsRoute, '/api/v1/wishlists', bearer(theirs.secret))).status).toBe(200);
    } finally {
      restore();
    }
  });

  it('refuses a client that keeps sending unknown tokens before looking the next one up, and only that client', async () => {
    const restore = configureApiLimits(limits);
    try {
      const from = (address: string, secret: string) =>
        get(wishlistsRoute, '/api/v1/wishlists', stampPeer(bearer(secret), address));
      const unknown = () => `brisk_${'x'.repeat(40)}${Math.random().toString(36).slice(2, 5)}`;
      expect((await from('203.0.113.7', unknown())).status).toBe(401);
      expect((await from('203.0.113.7', unknown())).status).toBe(401);
      const { result: refused, statements } = await countStatements(() => from('203.0.113.7', unknown()));
      expect(refused.status).toBe(429);
      expect(refused.headers.get('Retry-After')).toMatch(/^\d+$/);
      expect(statements).toBe(0);
      // Another address is not held back.
      expect((await from('198.51.100.9', unknown())).status).toBe(401);
    } finally {
      restore();
    }
  });
});
