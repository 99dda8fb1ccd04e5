import { afterEach, describe, expect, it } from 'vitest';
import { register } from '@/instrumentation';
import { inlineCrons, startInlineCrons, stopInlineCrons } from './cron';

afterEach(() => stopInlineCrons());

describe('inline crons', () => {
  it('schedule every cron job once per process, in UTC', async () => {
    const crons = await startInlineCrons();
    // Every module's cron jobs, in registry order.
    expect(crons.map((cron) => cron.name)).toEqual(['brisk:leads/schedule-searches', 'brisk:leads/audit-counters', 'brisk:channels/maintenance', 'brisk:ops/daily-cleanup']);
    const next = crons.find((cron) => cron.name === 'brisk:ops/daily-cleanup')!.nextRun()!;
    expect([next.getUTCHours(), next.getUTCMinutes()]).toEqual([3, 30]);
    expect(crons.find((cron) => cron.name === 'brisk:channels/maintenance')!.nextRun()!.getUTCMinutes() % 10).toBe(0);
    expect(await startInlineCrons()).toBe(crons);
    expect(inlineCrons()).toBe(crons);
    stopInlineCrons();
    expect(inlineCrons()).toEqual([]);
    expect(crons.every((cron) => cron.isStopped())).toBe(true);
  });

  it('are not started by instrumentation in tests', async () => {
    const previous = process.env.NEXT_RUNTIME;
    process.env.NEXT_RUNTIME = 'nodejs';
    try {
      await register();
    } finally {
      if (previous === undefined) delete process.env.NEXT_RUNTIME;
      else process.env.NEXT_RUNTIME = previous;
    }
    expect(inlineCrons()).toEqual([]);
  });
});
