import { createHash } from 'node:crypto';
import { generateAtomFeed, generateJsonFeed, generateRssFeed } from 'feedsmith';
import type { FeedFormat } from './types';

/*
 * Demo feed sources, so that a fresh clone shows sources that find new mentions as time passes
 * without reaching the internet: addresses under DEMO_FEED_ORIGIN (a reserved .test name, which
 * never resolves) are answered by Brisk itself with a generated document. Each feed publishes an
 * entry every `cadence` minutes, the same entry for the same slot on every machine, written with
 * feedsmith's generators in the feed's own format; the seed stores their past entries, and every
 * search later finds the ones published since. One source is flaky on purpose (an outage every
 * third two-hour window), so that health scores and error logs have something to show.
 */
export const DEMO_FEED_ORIGIN = 'https://demo-feeds.brisk.test';

export interface DemoFeed {
  key: string;
  title: string;
  format: Exclude<FeedFormat, 'rdf'>;
  /** Minutes between entries. */
  cadence: number;
  flaky?: boolean;
}

export const DEMO_FEEDS: readonly DemoFeed[] = [
  { key: 'indie-forum', title: 'Indie Makers Forum', format: 'rss', cadence: 75 },
  { key: 'dev-community', title: 'Dev Community', format: 'atom', cadence: 100 },
  { key: 'saas-talk', title: 'SaaS Talk', format: 'json', cadence: 130 },
  { key: 'vendor-status', title: 'Vendor status board', format: 'rss', cadence: 240, flaky: true },
];

const EXTENSION = { rss: 'rss', atom: 'atom', json: 'json' } as const;
export const demoFeedUrl = (feed: DemoFeed) => `${DEMO_FEED_ORIGIN}/${feed.key}.${EXTENSION[feed.format]}`;
export const isDemoFeedUrl = (url: string) => url.startsWith(`${DEMO_FEED_ORIGIN}/`);

/** The topics entries are about: the demo accounts' keywords and a few no one listens for. */
const TOPICS = ['Next.js', 'PostgreSQL', 'CRM', 'lead generation', 'Tailwind', 'Kubernetes', 'Rust', 'analytics', 'Figma', 'Shopify'];

const TEMPLATES: readonly [string, string][] = [
  ['Looking for a {kw} consultant for a 3-month project', 'We have budget for a part-time expert in {kw}. Any suggestions on where to look?'],
  ['Anyone know a good alternative to {kw}?', 'Our team is switching from {kw} because of pricing. What would you recommend?'],
  ['{kw} tips I wish I had known earlier', 'A long thread of small lessons about {kw} after two years in production.'],
  ['Show us your {kw} setup', 'Curious how other teams organise their {kw} work day to day.'],
  ['Hiring: senior engineer with {kw} experience', 'Remote, full-time. We need a person who has shipped {kw} at scale.'],
  ['Release notes roundup', 'What changed this week across the tools we follow.'],
  ['Is {kw} worth it for a small team?', 'We are five people with a tight budget. Would you recommend it, or wait a year?'],
  ['Case study: how we cut our hosting bill', 'Moving off a legacy stack saved us a third of our costs.'],
  ['{kw} compared: our notes after a month', 'We compared pricing and features of the main options around {kw}.'],
  ['Weekly community digest', 'Links and discussions from around the web, picked by the moderators.'],
  ['Need a freelancer for a {kw} migration', 'Budget is flexible and the timeline is three weeks. Looking for references.'],
  ['What is new in {kw} this month', 'Highlights from the latest releases and a few talks worth watching.'],
];

const AUTHORS = [
  'Maya Chen', 'Jonas Weber', 'Priya Nair', 'Tom Becker', 'Lucía Romero', 'Kwame Mensah', 'Sofia Rossi', 'Aiden Walsh', 'Yuki Tanaka', 'Omar Haddad',
  'Elena Petrova', 'Noah Fischer', 'Amara Okoye', 'Liam Murphy', 'Zara Ahmed', 'Mateo Silva', 'Hannah Lee', 'Felix Novak', 'Ines Costa', 'Ravi Kapoor',
];

export interface DemoEntry {
  id: string;
  slot: number;
  title: string;
  content: string;
  link: string;
  author: string;
  publishedAt: Date;
}

const pick = (seed: string, modulo: number, salt: string) => createHash('md5').update(`${seed}:${salt}`).digest().readUInt32BE(0) % modulo;

export function demoEntry(feed: DemoFeed, slot: number): DemoEntry {
  const seed = `${feed.key}:${slot}`;
  const [title, content] = TEMPLATES[pick(seed, TEMPLATES.length, 'template')]!;
  const keyword = TOPICS[pick(seed, TOPICS.length, 'topic')]!;
  return {
    id: `${feed.key}-${slot}`,
    slot,
    title: title.replaceAll('{kw}', keyword),
    content: content.replaceAll('{kw}', keyword),
    link: `${DEMO_FEED_ORIGIN}/posts/${feed.key}/${slot}`,
    author: AUTHORS[pick(seed, AUTHORS.length, 'author')]!,
    publishedAt: new Date(slot * feed.cadence * 60_000),
  };
}

/** The entries a feed published in [from, to), oldest first. */
export function demoEntriesBetween(feed: DemoFeed, from: Date, to: Date): DemoEntry[] {
  const period = feed.cadence * 60_000;
  const entries: DemoEntry[] = [];
  for (let slot = Math.ceil(from.getTime() / period); slot * period < to.getTime(); slot++) entries.push(demoEntry(feed, slot));
  return entries;
}

/** How many of its latest entries a feed document lists. */
export const DEMO_FEED_LENGTH = 20;

/** Whether the flaky feed is in one of its outages at `now`. */
export const demoFeedDown = (feed: DemoFeed, now: Date) => !!feed.flaky && Math.floor(now.getTime() / 7_200_000) % 3 === 0;

export type DemoFeedResponse = { ok: true; contentType: string; body: string } | { ok: false; error: string };

/** The document a demo feed serves at `now`, or its outage. */
export function demoFeedResponse(url: string, now: Date): DemoFeedResponse {
  const feed = DEMO_FEEDS.find((candidate) => demoFeedUrl(candidate) === url);
  if (!feed) return { ok: false, error: 'HTTP 404' };
  if (demoFeedDown(feed, now)) return { ok: false, error: 'HTTP 503' };
  const period = feed.cadence * 60_000;
  const entries = demoEntriesBetween(feed, new Date(now.getTime() - DEMO_FEED_LENGTH * period), new Date(now.getTime() + 1)).reverse();
  const home = `${DEMO_FEED_ORIGIN}/${feed.key}`;
  const updated = entries[0]?.publishedAt ?? now;
  switch (feed.format) {
    case 'rss':
      return {
        ok: true,
        contentType: 'application/rss+xml; charset=utf-8',
        body: generateRssFeed({
          title: feed.title,
          link: home,
          description: `Latest posts of ${feed.title}`,
          items: entries.map((e) => ({ title: e.title, link: e.link, description: e.content, guid: { value: e.id, isPermaLink: false }, pubDate: e.publishedAt, dc: { creators: [e.author] } })),
        }),
      };
    case 'atom':
      return {
        ok: true,
        contentType: 'application/atom+xml; charset=utf-8',
        body: generateAtomFeed({
          id: home,
          title: { value: feed.title },
          updated,
          links: [{ href: home }],
          entries: entries.map((e) => ({
            id: e.id,
            title: { value: e.title },
            updated: e.publishedAt,
            published: e.publishedAt,
            links: [{ href: e.link }],
            summary: { value: e.content },
            authors: [{ name: e.author }],
          })),
        } as Parameters<typeof generateAtomFeed>[0]),
      };
    case 'json':
      return {
        ok: true,
        contentType: 'application/feed+json; charset=utf-8',
        body: JSON.stringify(
          generateJsonFeed({
            title: feed.title,
            home_page_url: home,
            items: entries.map((e) => ({ id: e.id, url: e.link, title: e.title, content_text: e.content, date_published: e.publishedAt, authors: [{ name: e.author }] })),
          }),
        ),
      };
  }
}
