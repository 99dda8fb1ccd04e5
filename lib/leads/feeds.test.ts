import { describe, expect, it } from 'vitest';
import { DEMO_FEEDS, demoFeedResponse, demoFeedUrl, demoEntriesBetween } from './demo-feeds';
import { FeedParseError, htmlToText, itemKey, keywordPattern, matchKeyword, parseFeedDocument } from './feeds';
import { conversionRate, performanceScore, scoreMention } from './scoring';

describe('feeds', () => {
  it('reads every demo feed in its own format, and the same entries on every call', () => {
    const now = new Date('2026-11-23T10:30:00Z');
    for (const feed of DEMO_FEEDS) {
      const response = demoFeedResponse(demoFeedUrl(feed), now);
      if (!response.ok) {
        expect(feed.flaky).toBe(true);
        continue;
      }
      const parsed = parseFeedDocument(response.body);
      expect(parsed.format).toBe(feed.format);
      expect(parsed.title).toBe(feed.title);
      expect(parsed.entries).toHaveLength(20);
      expect(parsed.entries[0]!.publishedAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      expect(parseFeedDocument((demoFeedResponse(demoFeedUrl(feed), now) as { body: string }).body)).toEqual(parsed);
    }
  });

  it('publishes demo entries on a fixed cadence, so a later document lists the new ones', () => {
    const feed = DEMO_FEEDS[0]!;
    const entries = demoEntriesBetween(feed, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-24T00:00:00Z'));
    expect(entries.length).toBeGreaterThanOrEqual(Math.floor((24 * 60) / feed.cadence));
    expect(entries.length).toBeLessThanOrEqual(Math.ceil((24 * 60) / feed.cadence));
    expect(entries.every((e, i) => i === 0 || e.publishedAt > entries[i - 1]!.publishedAt)).toBe(true);
  });

  it('refuses documents that are not feeds', () => {
    expect(() => parseFeedDocument('<html><body>hi</body></html>')).toThrow(FeedParseError);
    expect(() => parseFeedDocument('{"not": "a feed"')).toThrow(/invalid JSON/);
    expect(() => parseFeedDocument('')).toThrow(FeedParseError);
  });

  it('keeps only http(s) links and text without markup', () => {
    const parsed = parseFeedDocument(
      '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>&lt;b&gt;Hi&lt;/b&gt; there</title><link>javascript:alert(1)</link><description>&lt;script&gt;x&lt;/script&gt;&lt;p&gt;Body &amp;amp; more&lt;/p&gt;</description><guid>g</guid></item></channel></rss>',
    );
    expect(parsed.entries[0]).toMatchObject({ id: 'g', title: 'Hi there', link: null });
    expect(parsed.entries[0]!.content).not.toContain('<');
    expect(htmlToText('<p>a&nbsp;b</p>')).toBe('a b');
  });

  it('matches keywords as whole words or phrases, any case, preferring the title', () => {
    expect(keywordPattern('CRM').test('Best crm, ever')).toBe(true);
    expect(keywordPattern('CRM').test('crmx')).toBe(false);
    expect(keywordPattern('Next.js').test('next.js 16')).toBe(true);
    expect(keywordPattern('Next.js').test('nextajs')).toBe(false);
    expect(keywordPattern('lead generation').test('Lead   generation tips')).toBe(true);
    const keywords = [
      { id: 'a', text: 'CRM' },
      { id: 'b', text: 'PostgreSQL' },
    ];
    expect(matchKeyword({ title: 'PostgreSQL tips', content: 'CRM CRM CRM' }, keywords)).toMatchObject({ keyword: { id: 'b' }, inTitle: true, hits: 1 });
    expect(matchKeyword({ title: 'Tips', content: 'CRM and PostgreSQL and CRM' }, keywords)).toMatchObject({ keyword: { id: 'a' }, hits: 2 });
    expect(matchKeyword({ title: 'Tips', content: 'nothing' }, keywords)).toBeNull();
  });

  it('keys an item by its source and its id', () => {
    expect(itemKey('https://a/feed', '1')).toMatch(/^[0-9a-f]{64}$/);
    expect(itemKey('https://a/feed', '1')).not.toBe(itemKey('https://b/feed', '1'));
  });
});

describe('scoring', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('adds up its reasons and caps at 100', () => {
    const quiet = scoreMention({ title: 'Tips', content: 'About CRM.', publishedAt: new Date('2026-11-01T00:00:00Z'), now, keywordInTitle: false, keywordHits: 1 });
    expect(quiet).toEqual({ score: 20, reasons: [{ label: 'Keyword in the text', points: 20 }] });
    const eager = scoreMention({ title: 'Looking for a CRM?', content: 'Need a CRM, budget ok, pricing? Any suggestions, recommend one', publishedAt: now, now, keywordInTitle: true, keywordHits: 4 });
    expect(eager.score).toBe(100);
    expect(eager.reasons.map((r) => r.label)).toEqual(['Keyword in the title', 'Keyword mentioned 4 times', expect.stringMatching(/^Buying intent/), 'Asks a question', 'Posted in the last day']);
  });

  it('computes the plan’s keyword score and conversion rate', () => {
    expect(performanceScore(10, 5)).toBe(7);
    expect(conversionRate(1, 3)).toBe(33.33);
    expect(conversionRate(1, 0)).toBe(0);
  });
});
