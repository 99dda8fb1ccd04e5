import { describe, expect, it } from 'vitest';
import { defineJob, inngestFunctionId, parseCron } from './define';
import { InvalidJobEventError, isJobEventName, parseJobEvent } from './events';

describe('the event catalogue', () => {
  it('accepts a valid payload and drops unknown keys', () => {
    expect(parseJobEvent('people/user.signed-in', { userId: 'usr_ada', extra: 1 })).toEqual({ userId: 'usr_ada' });
    expect(parseJobEvent('ops/daily-cleanup.requested', {})).toEqual({});
  });

  it('names the event and every problem of an invalid payload', () => {
    const error = (() => {
      try {
        parseJobEvent('people/user.signed-in', { userId: 7 } as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidJobEventError);
    expect((error as InvalidJobEventError).message).toBe('Invalid job event "people/user.signed-in": userId: Invalid input: expected string, received number');
    expect(() => parseJobEvent('people/user.signed-in', undefined as never)).toThrow(/Invalid job event "people\/user.signed-in"/);
  });

  it('refuses an event it does not know', () => {
    expect(isJobEventName('people/user.signed-in')).toBe(true);
    expect(isJobEventName('toString')).toBe(false);
    expect(() => parseJobEvent('nope/nothing' as never, {} as never)).toThrow(/no such event \(known: people\/user.signed-in, /);
  });
});

describe('job definitions', () => {
  const base = { description: 'test', retries: 0 as const, run: async () => null };

  it('want <module>/<job> names, which become Inngest function ids', () => {
    expect(() => defineJob({ ...base, name: 'Warm Cache', trigger: { event: 'people/user.signed-in' } })).toThrow(/<module>\/<job>/);
    expect(inngestFunctionId('people/warm-user-cache')).toBe('people-warm-user-cache');
  });

  it('want a cron job event that accepts an empty payload', () => {
    expect(() => defineJob({ ...base, name: 'test/cron', trigger: { event: 'people/user.signed-in', cron: '0 * * * *' } })).toThrow(
      /must accept an empty payload/,
    );
    expect(defineJob({ ...base, name: 'test/cron', trigger: { event: 'ops/daily-cleanup.requested', cron: '0 * * * *' } }).name).toBe('test/cron');
  });

  it('read an Inngest-style TZ prefix on cron schedules', () => {
    expect(parseCron('30 3 * * *')).toEqual({ pattern: '30 3 * * *' });
    expect(parseCron('TZ=Europe/Paris 30 3 * * *')).toEqual({ pattern: '30 3 * * *', timezone: 'Europe/Paris' });
  });
});
