import { describe, expect, it } from 'vitest';
import { checkTargets, latencyOf, markdownReport, recommend, type EndpointFigures, type LoadtestReport } from './loadtest-report';

const endpoint = (name: string, p95: number, server: EndpointFigures['server'], kind: EndpointFigures['kind'] = 'page'): EndpointFigures => ({
  endpoint: name,
  kind,
  requests: 100,
  errors: 0,
  statuses: {},
  throughput: 10,
  latency: { mean: p95 / 2, p50: p95 / 3, p95, p99: p95 * 1.2, max: p95 * 2 },
  server,
});

function run(overrides: Partial<Omit<LoadtestReport, 'recommendations' | 'targets'>> = {}): Omit<LoadtestReport, 'recommendations' | 'targets'> {
  return {
    startedAt: '2026-11-23T20:00:00.000Z',
    durationSeconds: 60,
    target: 'http://127.0.0.1:3000',
    label: 'test',
    options: {},
    machine: { cpus: 2, cpuModel: 'test', loadAverageAtStart: [1, 1, 1], loadAverageAtEnd: [2, 1, 1] },
    commit: 'abc',
    users: { virtual: 10, accounts: ['ada@brisk.test'], rampSeconds: 10, thinkSeconds: 1 },
    overall: { requests: 400, errors: 0, errorRate: 0, throughput: 6.7, latency: latencyOf([10, 20, 30]) },
    endpoints: [endpoint('/channels', 120, { requests: 100, statementsPerRequest: 0.1, p95: 40 }), endpoint('/api/v1/channels', 30, { requests: 100, statementsPerRequest: 0.2, p95: 5 }, 'api')],
    ingestion: null,
    cache: { hits: 950, misses: 50, hitRate: 0.95, byKind: [] },
    cpu: { machineBusy: 0.5, serverMsPerRequest: 20, serverPid: 1 },
    ...overrides,
  };
}

describe('the load test’s recommendations', () => {
  it('say no threshold was crossed, naming where the next limit is, when all is well', () => {
    const lines = recommend(run());
    expect(lines.join('\n')).toMatch(/No threshold was crossed.*95 % cache hits.*20 ms of CPU per request/);
    expect(checkTargets(run()).map((t) => t.met)).toEqual([true, true, true]);
  });

  it('blame a slow route on its statements, and CPU when the machine is saturated and requests queue', () => {
    const lines = recommend(
      run({
        endpoints: [endpoint('/channels/[id]', 900, { requests: 100, statementsPerRequest: 7.5, p95: 80 })],
        cpu: { machineBusy: 0.97, serverMsPerRequest: 40, serverPid: 1 },
      }),
    );
    expect(lines[0]).toBe(
      '/channels/[id]: p95 900 ms is over the 500 ms target; it runs 7.5 SQL statements per request (budget 4): cache or combine its reads; the server spent 80 ms (p95) on it: the rest, 820 ms, was waiting in line for a CPU (97 % busy).',
    );
    expect(lines[1]).toMatch(/^CPU is the bottleneck: the machine was 97 % busy and each request cost the app 40 ms of CPU, a ceiling of about 50 req\/s on 2 cores/);
  });

  it('trace a low hit rate to ingestion’s invalidations, and flag lost ingestion batches', () => {
    const base = run({
      cache: { hits: 600, misses: 400, hitRate: 0.6, byKind: [{ namespace: 'channels.summary', hits: 100, misses: 300, hitRate: 0.25 }] },
      ingestion: { requests: 120, accepted: 118, snapshots: 24_000, checked: 118, processed: 100, taskSuccessRate: 100 / 118, jobRuns: 118, waitedSeconds: 60 },
    });
    const lines = recommend(base).join('\n');
    expect(lines).toMatch(/cache hit rate fell to 60 % while 118 metric batches were applied in 118 job runs/);
    expect(lines).toMatch(/Only 100 of 118 ingestion batches were applied 60 s after the run/);
    const targets = checkTargets(base);
    expect(targets.find((t) => t.name.startsWith('Data-cache'))?.met).toBe(false);
    expect(targets.find((t) => t.name.startsWith('Task success'))).toMatchObject({ met: false, value: '84.7 % (100 of 118)' });
    expect(markdownReport({ ...base, targets, recommendations: recommend(base) })).toContain('| Task success (ingestion batches applied) | > 99 % (002 KPI) | 84.7 % (100 of 118) | ❌ |');
  });
});
