import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { parseFeed } from 'feedsmith';
import type { FeedFormat } from './types';

/*
 * Feed documents (RSS 2.0, RDF, Atom, JSON Feed) read with feedsmith, and what the search job
 * needs from each entry. Nothing here touches the network or the database.
 */

/** The media types a feed is served as (anything else is refused before it is read). */
export const FEED_MEDIA_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/xml',
  'text/xml',
  // Many servers send feeds as plain text or even HTML; the parser decides.
  'text/plain',
  'text/html',
] as const;

export const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, application/json;q=0.8, */*;q=0.1';

/** At most this many entries of a document are read. */
export const MAX_ENTRIES = 200;
const MAX_TITLE = 300;
const MAX_CONTENT = 2000;
const MAX_AUTHOR = 120;
const MAX_URL = 2048;

export interface FeedEntry {
  /** The entry's own id (guid, id), else its link, else its title and date. */
  id: string;
  title: string;
  content: string;
  link: string | null;
  author: string | null;
  publishedAt: Date | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  entries: FeedEntry[];
}

export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}

type Loose = Record<string, unknown>;
const isRecord = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isRecord(value)) return text(value.value) ?? text(value['#text']);
  return undefined;
};
const first = <T>(values: unknown): T | undefined => (Array.isArray(values) ? (values[0] as T | undefined) : undefined);

/** Text of an HTML fragment: tags dropped, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const plain = /[<&]/.test(html) ? load(`<body>${html}</body>`).root().text() : html;
  return plain.replace(/\s+/g, ' ').trim();
}

const clip = (value: string, max: number) => {
  const chars = Array.from(value);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : value;
};

function safeLink(raw: string | undefined, base: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim(), base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length <= MAX_URL ? url.href : null;
  } catch {
    return null;
  }
}

function date(value: unknown): Date | null {
  const raw = text(value);
  if (!raw) return null;
  const parsed = new Date(raw);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function entry(parts: { id?: string; title?: string; content?: string; link?: string | null; author?: string; published: Date | null }): FeedEntry | null {
  const title = htmlToText(parts.title ?? '');
  const content = htmlToText(parts.content ?? '');
  if (!title && !content) return null;
  const id = (parts.id?.trim() || parts.link || `${title}|${parts.published?.toISOString() ?? ''}`).slice(0, 1000);
  return {
    id,
    title: clip(title || clip(content, 80), MAX_TITLE),
    content: clip(content, MAX_CONTENT),
    link: parts.link ?? null,
    author: parts.author ? clip(htmlToText(parts.author), MAX_AUTHOR) || null : null,
    publishedAt: parts.published,
  };
}

/**
 * Reads a feed document. JSON Feed is recognised by its JSON; XML by feedsmith. Throws
 * FeedParseError with a short reason for anything that is not a feed.
 */
export function parseFeedDocument(body: string, baseUrl?: string): ParsedFeed {
  const trimmed = body.replace(/^\uFEFF/, '').trimStart();
  let input: unknown = trimmed;
  if (trimmed.startsWith('{')) {
    try {
      input = JSON.parse(trimmed);
    } catch {
      throw new FeedParseError('not a feed: invalid JSON');
    }
  }
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(input as string) as { format: string; feed: unknown };
  } catch (error) {
    throw new FeedParseError(`not a feed: ${(error as Error).message.toLowerCase().replace(/\.$/, '')}`);
  }
  const feed = isRecord(parsed.feed) ? parsed.feed : {};
  const format = parsed.format as FeedFormat;
  const entries: FeedEntry[] = [];
  const raw = (Array.isArray(feed.items) ? feed.items : Array.isArray(feed.entries) ? feed.entries : []).slice(0, MAX_ENTRIES) as unknown[];
  for (const item of raw) {
    if (!isRecord(item)) continue;
    let found: FeedEntry | null = null;
    if (format === 'atom') {
      const links = (Array.isArray(item.links) ? item.links : []) as Loose[];
      const alternate = links.find((l) => !l.rel || l.rel === 'alternate') ?? links[0];
      found = entry({
        id: text(item.id),
        title: text(item.title),
        content: text(item.content) ?? text(item.summary),
        link: safeLink(text(alternate?.href), baseUrl),
        author: text(first<Loose>(item.authors)?.name),
        published: date(item.published) ?? date(item.updated),
      });
    } else if (format === 'json') {
      found = entry({
        id: text(item.id),
        title: text(item.title),
        content: text(item.content_text) ?? text(item.content_html) ?? text(item.summary),
        link: safeLink(text(item.url) ?? text(item.external_url), baseUrl),
        author: text(first<Loose>(item.authors)?.name) ?? text(isRecord(item.author) ? item.author.name : undefined),
        published: date(item.date_published) ?? date(item.date_modified),
      });
    } else {
      const dc = isRecord(item.dc) ? item.dc : {};
      const content = isRecord(item.content) ? text(item.content.encoded) : undefined;
      const author = first<Loose>(item.authors);
      found = entry({
        id: text(item.guid),
        title: text(item.title),
        content: text(item.description) ?? content,
        link: safeLink(text(item.link), baseUrl),
        author: text(first(dc.creators)) ?? text(author?.name) ?? text(author),
        published: date(item.pubDate) ?? date(first(dc.dates)) ?? date(dc.date),
      });
    }
    if (found) entries.push(found);
  }
  const title = htmlToText(text(feed.title) ?? '') || null;
  return { format, title: title ? clip(title, 120) : null, entries };
}

/** The key a mention is stored under: one per source and entry, whoever searches. */
export function itemKey(feedUrl: string, entryId: string): string {
  return createHash('sha256').update(`${feedUrl}\n${entryId}`).digest('hex');
}

export interface MatchableKeyword {
  id: string;
  text: string;
}

export interface KeywordMatch {
  keyword: MatchableKeyword;
  inTitle: boolean;
  hits: number;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A keyword as a whole word or phrase, any case ("CRM" matches "crm," not "crmx"). */
export function keywordPattern(keyword: string): RegExp {
  const words = keyword.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * The owner's keyword an entry is about: found in the title before the text, then the most
 * hits, then the longest (most specific) keyword. Null when none is found.
 */
export function matchKeyword(entry: Pick<FeedEntry, 'title' | 'content'>, keywords: readonly MatchableKeyword[]): KeywordMatch | null {
  let best: KeywordMatch | null = null;
  for (const keyword of keywords) {
    const pattern = keywordPattern(keyword.text);
    const inTitle = (entry.title.match(pattern) ?? []).length;
    const inContent = (entry.content.match(pattern) ?? []).length;
    if (inTitle + inContent === 0) continue;
    const match: KeywordMatch = { keyword, inTitle: inTitle > 0, hits: inTitle + inContent };
    if (
      !best ||
      Number(match.inTitle) > Number(best.inTitle) ||
      (match.inTitle === best.inTitle && (match.hits > best.hits || (match.hits === best.hits && keyword.text.length > best.keyword.text.length)))
    ) {
      best = match;
    }
  }
  return best;
}
