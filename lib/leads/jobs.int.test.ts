import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAtomFeed, generateRssFeed } from 'feedsmith';
import { prisma } from '@/lib/db/client';
import { settleInlineJobs } from '@/lib/jobs/inline';
import { seedBulkHistory } from '@/prisma/seed/leads';
import { createListener } from '@/test/leads';
import { countStatements } from '@/test/statements';
import { scheduleSearches, searchIntegration } from './jobs';
import { integrationDetailRead, mentionsRead } from './queries';

/*
 * The search job against a feed server on loopback: RSS 2.0, Atom and JSON Feed, and broken and
 * hostile feeds. The server's origin is allowed although private (as SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS
 * allows a test server); every other private address is refused.
 */

const now = new Date();
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

const RSS = generateRssFeed({
  title: 'Makers',
  link: 'https://makers.example',
  description: 'Posts',
  items: [
    { title: 'Looking for a CRM that works for a small team?', link: 'https://makers.example/1', description: '<p>We have <b>budget</b> for it. Any suggestions?</p>', guid: { value: 'm-1' }, pubDate: hoursAgo(2), dc: { creators: ['Maya'] } },
    { title: 'Release notes', link: 'https://makers.example/2', description: 'We moved to PostgreSQL last week.', guid: { value: 'm-2' }, pubDate: hoursAgo(30) },
    { title: 'Nothing to see', link: 'https://makers.example/3', description: 'About gardening.', guid: { value: 'm-3' }, pubDate: hoursAgo(3) },
  ],
});
const ATOM = generateAtomFeed({
  id: 'urn:dev',
  title: { value: 'Dev' },
  updated: now,
  entries: [{ id: 'urn:dev:1', title: { value: 'Anyone know an alternative to Next.js?' }, updated: hoursAgo(1), published: hoursAgo(1), links: [{ href: 'https://dev.example/1' }], summary: { value: 'Switching from it because of pricing.' }, authors: [{ name: 'Jo' }] }],
} as Parameters<typeof generateAtomFeed>[0]);
const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'Talk',
  items: [{ id: 't-1', url: 'https://talk.example/1', title: 'CRM pricing thread', content_text: 'Need a CRM, what would you recommend?', date_published: hoursAgo(5).toISOString(), authors: [{ name: 'Al' }] }],
});
const BOMB = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]><rss version="2.0"><channel><title>&lol4;</title><item><title>CRM &lol4;</title><guid>b</guid></item></channel></rss>`;

let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const send = (type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      res.writeHead(200, { 'content-type': type, ...headers });
      res.end(body);
    };
    switch (req.url) {
      case '/rss':
        return send('application/rss+xml', RSS);
      case '/atom':
        return send('application/atom+xml; charset=utf-8', ATOM);
      case '/json':
        return send('application/feed+json', JSON_FEED);
      case '/gzip':
        return send('application/rss+xml', zlib.gzipSync(RSS), { 'content-encoding': 'gzip' });
      case '/broken':
        return send('application/xml', '<rss><channel><item><title>CRM</title></item');
      case '/html':
        return send('text/html', '<!doctype html><html><body><h1>Not a feed</h1></body></html>');
      case '/image':
        return send('image/png', Buffer.alloc(10));
      case '/huge':
        return send('application/rss+xml', `<rss><channel>${'<item><title>CRM</title></item>'.repeat(100_000)}</channel></rss>`);
      case '/bomb':
        return send('application/rss+xml', BOMB);
      case '/to-private':
        res.writeHead(302, { location: 'http://10.20.30.40/feed' });
        return res.end();
      case '/slow':
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.write('<rss>');
        return; // never ends
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function sourceFor(path: string, threshold = 50) {
  const listener = await createListener({ keywords: ['CRM', 'PostgreSQL', 'Next.js'], feedUrl: `${origin}${path}`, threshold });
  const search = () => searchIntegration(listener.integration.id, { reason: 'manual', allowedPrivateOrigins: [origin] });
  return { ...listener, search };
}

describe('the search job', () => {
  it.each([
    ['RSS 2.0', '/rss', 'rss', 2],
    ['Atom', '/atom', 'atom', 1],
    ['JSON Feed', '/json', 'json', 1],
    ['gzip-encoded RSS', '/gzip', 'rss', 2],
  ])('reads %s, stores matching entries once, scores them, makes leads above the threshold and logs the run', async (_name, path, format, matching) => {
    const { owner, integration, search } = await sourceFor(path);
    const first = await search();
    expect(first).toMatchObject({ status: 'done', newMentions: matching });
    const mentions = await prisma.mention.findMany({ where: { integrationId: integration.id }, orderBy: { publishedAt: 'desc' } });
    expect(mentions).toHaveLength(matching);
    for (const mention of mentions) {
      expect(mention.score).toBe((mention.scoreReasons as { points: number }[]).reduce((sum, r) => sum + r.points, 0));
      expect(mention.content).not.toMatch(/<[a-z]/);
    }
    const leads = await prisma.lead.findMany({ where: { ownerId: owner.id } });
    expect(leads.length).toBe(mentions.filter((m) => m.score >= 50).length);
    expect(first.newLeads).toBe(leads.length);
    // A second run adds nothing.
    expect(await search()).toMatchObject({ status: 'done', newMentions: 0, newLeads: 0 });
    expect(await prisma.mention.count({ where: { integrationId: integration.id } })).toBe(matching);
    const detail = await integrationDetailRead.load(owner.id, integration.id);
    expect(detail).toMatchObject({ provider: format, healthScore: 100, recentRuns: 'SS', searchState: 'idle', lastError: null });
    expect(detail!.logs.map((l) => l.level)).toEqual(['info', 'info']);
    expect(detail!.logs[0]!.message).toMatch(/nothing new/);
    expect(detail!.logs[1]!.message).toMatch(new RegExp(`${matching} new mention`));
  });

  it('explains the score of a mention asking for a CRM with a budget, posted two hours ago', async () => {
    const { integration, search } = await sourceFor('/rss');
    await search();
    const mention = await prisma.mention.findFirstOrThrow({ where: { integrationId: integration.id, title: { startsWith: 'Looking for a CRM' } } });
    expect(mention.scoreReasons).toEqual([
      { label: 'Keyword in the title', points: 35 },
      { label: 'Buying intent: “looking for”, “any suggestions”', points: 30 },
      { label: 'Asks a question', points: 10 },
      { label: 'Posted in the last day', points: 15 },
    ]);
    expect(mention.score).toBe(90);
    expect(mention.author).toBe('Maya');
  });

  it.each([
    ['a broken document', '/broken', /Could not read the feed: not a feed/],
    ['an HTML page', '/html', /not a feed/],
    ['an image', '/image', /not a feed \(image\/png\)/],
    ['a missing feed', '/missing', /HTTP 404/],
    ['a feed over 2 MiB', '/huge', /too large/],
    ['a redirect to a private address', '/to-private', /private address/],
  ])('logs %s as a failed run, lowers the health score, and stores nothing', async (_name, path, error) => {
    const { owner, integration, search } = await sourceFor(path);
    const outcome = await search();
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(error) });
    expect(await prisma.mention.count({ where: { ownerId: owner.id } })).toBe(0);
    const detail = await integrationDetailRead.load(owner.id, integration.id);
    expect(detail).toMatchObject({ healthScore: 0, recentRuns: 'F', searchState: 'idle', lastError: expect.stringMatching(error) });
    expect(detail!.logs[0]).toMatchObject({ level: 'error', message: expect.stringMatching(error) });
  });

  it('times out on a feed that never ends', async () => {
    const { search } = await sourceFor('/slow');
    const started = Date.now();
    expect(await search()).toMatchObject({ status: 'failed', error: expect.stringMatching(/timed out/) });
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 20_000);

  it('does not expand entities of a hostile document (no billion laughs)', async () => {
    const { owner, search } = await sourceFor('/bomb');
    const outcome = await search();
    expect(outcome.status).toBe('done');
    const mentions = await prisma.mention.findMany({ where: { ownerId: owner.id } });
    expect(mentions.every((m) => m.title.length < 300)).toBe(true);
  });

  it('refuses private addresses that are not allowed', async () => {
    const { owner, integration } = await createListener({ feedUrl: `${origin}/rss` });
    expect(await searchIntegration(integration.id, { reason: 'manual', allowedPrivateOrigins: [] })).toMatchObject({ status: 'failed', error: expect.stringMatching(/private address/) });
    expect(await prisma.mention.count({ where: { ownerId: owner.id } })).toBe(0);
  });

  it('keeps the health score from the last ten runs', async () => {
    const { integration, search, owner } = await sourceFor('/rss');
    await search();
    await prisma.integration.update({ where: { id: integration.id }, data: { feedUrl: `${origin}/missing` } });
    await search();
    await search();
    expect(await integrationDetailRead.load(owner.id, integration.id)).toMatchObject({ recentRuns: 'FFS', healthScore: 33 });
  });

  it('skips a paused source on schedule, and the schedule queues only due active sources', async () => {
    const due = await createListener({ feedUrl: 'https://demo-feeds.brisk.test/saas-talk.json' });
    const paused = await createListener({ feedUrl: 'https://demo-feeds.brisk.test/saas-talk.json' });
    await prisma.integration.update({ where: { id: paused.integration.id }, data: { status: 'paused' } });
    const recent = await createListener({ feedUrl: 'https://demo-feeds.brisk.test/saas-talk.json' });
    await prisma.integration.update({ where: { id: recent.integration.id }, data: { lastSearchedAt: new Date() } });
    // Every other source counts as searched just now: only these three are considered.
    await prisma.$executeRaw`UPDATE integrations SET last_searched_at = now() WHERE id NOT IN (${due.integration.id}::uuid, ${paused.integration.id}::uuid, ${recent.integration.id}::uuid)`;
    const { result, statements } = await countStatements(() => scheduleSearches());
    expect(result.queued).toBe(1);
    expect(statements).toBe(2);
    await settleInlineJobs();
    const states = await prisma.integration.findMany({ where: { id: { in: [due.integration.id, paused.integration.id, recent.integration.id] } }, select: { id: true, lastSearchedAt: true, recentRuns: true } });
    expect(states.find((s) => s.id === due.integration.id)!.recentRuns).toBe('S');
    expect(states.find((s) => s.id === paused.integration.id)!.lastSearchedAt).toBeNull();
    expect(states.find((s) => s.id === recent.integration.id)!.recentRuns).toBe('');
    expect(await searchIntegration(paused.integration.id, { reason: 'schedule' })).toEqual({ status: 'skipped' });
  });

  it('stores a demo feed’s entries through the same path, and the mentions page shows them', async () => {
    const { owner, integration } = await createListener({ keywords: ['CRM', 'Next.js', 'PostgreSQL', 'Tailwind', 'lead generation', 'Rust', 'Figma'], feedUrl: 'https://demo-feeds.brisk.test/indie-forum.rss' });
    const outcome = await searchIntegration(integration.id, { reason: 'manual' });
    expect(outcome).toMatchObject({ status: 'done', entries: 20 });
    expect((await mentionsRead.load(owner.id, { source: integration.id })).mentions).toHaveLength(outcome.newMentions!);
  });
});

describe('the large seed’s bulk SQL, on a small size', () => {
  it('writes mentions spread over keywords and sources, every fifth a lead, idempotently; counters follow', async () => {
    const { owner, keywords, integration } = await createListener();
    const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
    const ids = keywords.map((k) => k.id);
    await seedBulkHistory(prisma, owner.id, ids, [integration.id], 0, 40, today);
    await seedBulkHistory(prisma, owner.id, ids, [integration.id], 0, 40, today);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    expect(user).toMatchObject({ mentionsCount: 40, leadsCount: 8, keywordsCount: 3 });
    const perKeyword = await prisma.keyword.findMany({ where: { ownerId: owner.id }, select: { mentionsCount: true } });
    expect(perKeyword.map((k) => k.mentionsCount).sort()).toEqual([13, 13, 14]);
    const mentions = await prisma.mention.findMany({ where: { ownerId: owner.id }, select: { publishedAt: true, score: true } });
    expect(mentions.every((m) => m.publishedAt < today && m.publishedAt > new Date(today.getTime() - 366 * 86_400_000))).toBe(true);
  });
});
