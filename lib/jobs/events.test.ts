import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { defineJob, inngestFunctionId, parseCron } from './define';
import { defineEvent, InvalidJobEventError, parseJobEvent } from './events';

const signedIn = defineEvent('test/user.signed-in', z.object({ userId: z.string().min(1) }));
const requested = defineEvent('test/cleanup.requested', z.object({}));

describe('job events', () => {
  it('accept a valid payload and drop unknown keys', () => {
    expect(parseJobEvent(signedIn, { userId: 'usr_ada', extra: 1 })).toEqual({ userId: 'usr_ada' });
    expect(parseJobEvent(requested, {})).toEqual({});
  });

  it('name the event and every problem of an invalid payload', () => {
    const error = (() => {
      try {
        parseJobEvent(signedIn, { userId: 7 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidJobEventError);
    expect((error as InvalidJobEventError).message).toBe('Invalid job event "test/user.signed-in": userId: Invalid input: expected string, received number');
    expect(() => parseJobEvent(signedIn, undefined)).toThrow(/Invalid job event "test\/user.signed-in"/);
  });

  it('want <module>/<noun>.<verb> names', () => {
    expect(() => defineEvent('SignedIn', z.object({}))).toThrow(/<module>\/<noun>.<verb>/);
    expect(() => defineEvent('test/signed-in', z.object({}))).toThrow(/<module>\/<noun>.<verb>/);
  });
});

describe('job definitions', () => {
  const base = { description: 'test', retries: 0 as const, run: async () => null };

  it('want <module>/<job> names, which become Inngest function ids', () => {
    expect(() => defineJob({ ...base, name: 'Warm Cache', trigger: { event: signedIn } })).toThrow(/<module>\/<job>/);
    expect(inngestFunctionId('platform/warm-on-sign-in')).toBe('platform-warm-on-sign-in');
  });

  it('want a cron job event that accepts an empty payload', () => {
    expect(() => defineJob({ ...base, name: 'test/cron', trigger: { event: signedIn, cron: '0 * * * *' } })).toThrow(/must accept an empty payload/);
    expect(defineJob({ ...base, name: 'test/cron', trigger: { event: requested, cron: '0 * * * *' } }).name).toBe('test/cron');
  });

  it('read an Inngest-style TZ prefix on cron schedules', () => {
    expect(parseCron('30 3 * * *')).toEqual({ pattern: '30 3 * * *' });
    expect(parseCron('TZ=Europe/Paris 30 3 * * *')).toEqual({ pattern: '30 3 * * *', timezone: 'Europe/Paris' });
  });
});
