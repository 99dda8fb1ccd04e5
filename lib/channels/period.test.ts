import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, engagementRate, fillDays, periodWindow, relativeChange } from './period';
import { apiPeriodSchema, channelInputSchema, periodParamSchema, postInputSchema } from './schemas';
import { chunks, uniqueSnapshots } from './jobs';

describe('periods', () => {
  it('end today (UTC) and are followed back by a previous period of the same length', () => {
    const now = new Date('2026-03-01T23:30:00Z');
    expect(periodWindow(7, now)).toEqual({ period: 7, start: '2026-02-23', end: '2026-03-01', previousStart: '2026-02-16', previousEnd: '2026-02-22' });
    expect(periodWindow(30, new Date('2026-11-23T00:00:01Z'))).toMatchObject({ start: '2026-10-25', previousEnd: '2026-10-24', previousStart: '2026-09-25' });
    expect(daysBetween('2026-02-27', '2026-03-02')).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });

  it('fill the days without a rollup row with zeros', () => {
    expect(fillDays([{ day: '2026-01-02', posts: 1, views: 5, likes: 1, forwards: 0 }], '2026-01-01', '2026-01-03').map((d) => d.views)).toEqual([0, 5, 0]);
  });

  it('compare with the previous period, and rate engagement', () => {
    expect(relativeChange(150, 100)).toBe(0.5);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(5, 0)).toBeNull();
    expect(engagementRate({ views: 200, likes: 8, forwards: 2 })).toBe(0.05);
    expect(engagementRate({ views: 0, likes: 0, forwards: 0 })).toBe(0);
  });
});

describe('inputs', () => {
  it('take ?period= from the URL leniently on pages and strictly in the API', () => {
    expect(periodParamSchema.parse('7')).toBe(7);
    expect(periodParamSchema.parse('14')).toBe(30);
    expect(periodParamSchema.parse(undefined)).toBe(30);
    expect(apiPeriodSchema.parse(undefined)).toBe(30);
    expect(apiPeriodSchema.safeParse('14').success).toBe(false);
  });

  it('normalise handles and read form times as UTC', () => {
    expect(channelInputSchema.parse({ title: ' A ', handle: ' @Ada_Cooks ' })).toEqual({ title: 'A', handle: 'ada_cooks' });
    const minuteAgo = new Date(Date.now() - 60_000).toISOString().slice(0, 16);
    expect(postInputSchema.parse({ text: 'x', publishedAt: minuteAgo }).publishedAt).toBe(`${minuteAgo}:00Z`);
    expect(postInputSchema.parse({ text: 'x', publishedAt: minuteAgo.replace('T', ' ') }).publishedAt).toBe(`${minuteAgo}:00Z`);
    expect(postInputSchema.parse({ text: 'x', publishedAt: '' }).publishedAt).toBeUndefined();
  });
});

describe('ingestion helpers', () => {
  it('chunk by 500 and drop duplicate snapshots (same post, same moment in any notation), the first winning', () => {
    expect(chunks(Array.from({ length: 1001 }, (_, i) => i), 500).map((c) => c.length)).toEqual([500, 500, 1]);
    const id = '0f4c9d2e-8a41-4c1b-9d3e-1a2b3c4d5e6f';
    const unique = uniqueSnapshots(
      [
        { postId: id, capturedAt: '2026-11-23T10:00:00Z', views: 1, likes: 0, forwards: 0 },
        { postId: id.toUpperCase(), capturedAt: '2026-11-23T11:00:00+01:00', views: 2, likes: 0, forwards: 0 },
        { postId: id, capturedAt: '2026-11-23T09:00:00.000Z', views: 3, likes: 0, forwards: 0 },
      ],
      (s) => `${s.postId.toLowerCase()}|${new Date(s.capturedAt).toISOString()}`,
    );
    expect(unique.map((s) => s.views)).toEqual([3, 1]);
  });
});
