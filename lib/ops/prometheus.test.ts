import { describe, expect, it } from 'vitest';
import { prometheusText } from './prometheus';

describe('prometheusText', () => {
  it('writes one family per metric, with escaped labels and no values for kinds never read', () => {
    const text = prometheusText(
      {
        routes: [{ route: '/a"b\\c', count: 3, p50: 1.23456, p95: 2, p99: 3, statementsPerRequest: 1.5, avgStatementMs: 0.25 }],
        slowest: [],
        cache: [
          { namespace: 'x', hits: 9, misses: 1, stale: 0, hitRate: 0.9 },
          { namespace: 'y', hits: 0, misses: 0, stale: 0, hitRate: null },
        ],
        source: 'memory',
      },
      { l1: 'memory', l2: 'redis', l2Ready: true, bus: 'redis' },
    );
    expect(text).toContain('brisk_requests_total{route="/a\\"b\\\\c"} 3\n');
    expect(text).toContain('brisk_request_duration_milliseconds{route="/a\\"b\\\\c",quantile="0.5"} 1.235\n');
    expect(text).toContain('brisk_cache_hit_ratio{kind="x"} 0.9\n');
    expect(text).not.toContain('brisk_cache_hit_ratio{kind="y"}');
    expect(text).toContain('brisk_cache_redis_up 1\n');
    expect(text.endsWith('\n')).toBe(true);
    // Every sample line belongs to a family declared just before it.
    for (const line of text.split('\n').filter((l) => l && !l.startsWith('#'))) {
      const name = line.split(/[{ ]/)[0]!;
      expect(text).toContain(`# TYPE ${name} `);
    }
  });
});
