import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, rerunOnRace, sqlState } from './errors';

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

describe('sqlState', () => {
  it('finds PostgreSQL’s code where the driver adapter, a raw query or the driver put it', () => {
    const adapter = Object.assign(new Error('Raw query failed. Code: `23503`.'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { originalCode: '23503', kind: 'ForeignKeyConstraintViolation' } } },
    });
    expect(sqlState(adapter)).toBe('23503');
    expect(sqlState(Object.assign(new Error('raw'), { code: 'P2010', meta: { code: '23505' } }))).toBe('23505');
    expect(sqlState(new Error('wrapped', { cause: Object.assign(new Error('pg'), { code: '40P01' }) }))).toBe('40P01');
    expect(sqlState(Object.assign(new Error('raise'), { code: 'P0001' }))).toBe('P0001');
  });

  it('is undefined for Prisma’s own codes and errors without one', () => {
    expect(sqlState(Object.assign(new Error('not found'), { code: 'P2025' }))).toBeUndefined();
    expect(sqlState(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBeUndefined();
    expect(sqlState(null)).toBeUndefined();
  });
});

describe('rerunOnRace', () => {
  const keyRace = () => Object.assign(new Error('fk'), { meta: { code: '23503' } });

  it('runs the statement again after a broken key, and answers from the rerun', async () => {
    let runs = 0;
    expect(await rerunOnRace(async () => (++runs === 1 ? Promise.reject(keyRace()) : runs))).toBe(2);
  });

  it('runs the statement again after PostgreSQL rolled it back to break a deadlock', async () => {
    let runs = 0;
    const deadlock = () => Object.assign(new Error('Raw query failed. Code: `40P01`.'), { meta: { code: '40P01' } });
    expect(await rerunOnRace(async () => (++runs < 3 ? Promise.reject(deadlock()) : runs))).toBe(3);
  });

  it('gives up after its attempts, and never reruns other errors', async () => {
    let runs = 0;
    await expect(rerunOnRace(async () => (runs++, Promise.reject(keyRace())))).rejects.toThrow('fk');
    expect(runs).toBe(3);
    runs = 0;
    await expect(rerunOnRace(async () => (runs++, Promise.reject(Object.assign(new Error('dup'), { meta: { code: '23505' } }))))).rejects.toThrow('dup');
    expect(runs).toBe(1);
  });
});
