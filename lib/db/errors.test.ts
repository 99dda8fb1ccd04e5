import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './errors';

describe('isDatabaseUnavailable', () => {
  it('knows the errors of a lost or refused database', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    // node-postgres, after a restart of the server, without a code:
    expect(isDatabaseUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    // A raw query while the server starts (Prisma P2010, the code in meta and the message):
    expect(isDatabaseUnavailable(Object.assign(new Error('Raw query failed. Code: `57P03`. Message: `the database system is starting up`'), { code: 'P2010', meta: { code: '57P03' } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Raw query failed. Code: `57P03`. Message: `the database system is starting up`'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: new Error('Connection terminated due to connection timeout') }))).toBe(true);
  });

  it('leaves bugs and refusals alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
