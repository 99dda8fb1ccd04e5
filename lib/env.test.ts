import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('falls back to the embedded database when DATABASE_URL is unset', () => {
    const env = parseEnv({ NODE_ENV: 'development' });
    expect(env.embeddedDatabase).toBe(true);
    expect(env.databaseUrl).toBe('postgresql://postgres:postgres@127.0.0.1:54329/postgres');
  });

  it('uses DATABASE_URL when it is set', () => {
    const env = parseEnv({ DATABASE_URL: 'postgresql://brisk@db.internal:5432/brisk' });
    expect(env.embeddedDatabase).toBe(false);
    expect(env.databaseUrl).toBe('postgresql://brisk@db.internal:5432/brisk');
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).embeddedDatabase).toBe(true);
  });

  it('names every invalid variable and says what is wrong', () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: 'mysql://x', PORT: 'eighty', BETTER_AUTH_SECRET: 'short', REDIS_URL: 'localhost:6379' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toContain('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
    expect(message).toContain('PORT');
    expect(message).toContain('BETTER_AUTH_SECRET must be at least 32 characters');
    expect(message).toContain('REDIS_URL must be a URL starting with redis:// or rediss://');
  });

  it('reads the kill switches as booleans, on by default, and names a bad value', () => {
    expect(parseEnv({}).CACHE_ENABLED).toBe(true);
    expect(parseEnv({}).ENABLE_PROGRESSIVE_LOADING).toBe(true);
    expect(parseEnv({ CACHE_ENABLED: 'false', ENABLE_PROGRESSIVE_LOADING: '0' })).toMatchObject({ CACHE_ENABLED: false, ENABLE_PROGRESSIVE_LOADING: false });
    expect(parseEnv({ CACHE_ENABLED: 'TRUE' }).CACHE_ENABLED).toBe(true);
    expect(() => parseEnv({ CACHE_ENABLED: 'off' })).toThrow(/CACHE_ENABLED must be true or false/);
  });

  it('requires an auth secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/BETTER_AUTH_SECRET is required in production/);
    expect(() => parseEnv({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) })).not.toThrow();
  });

  it('picks the jobs backend: JOBS_BACKEND, else inngest when Inngest is configured, else inline', () => {
    expect(parseEnv({}).jobsBackend).toBe('inline');
    expect(parseEnv({ INNGEST_EVENT_KEY: 'key' }).jobsBackend).toBe('inngest');
    expect(parseEnv({ INNGEST_DEV: '1' }).jobsBackend).toBe('inngest');
    expect(parseEnv({ INNGEST_DEV: 'http://127.0.0.1:8288' }).jobsBackend).toBe('inngest');
    expect(parseEnv({ INNGEST_DEV: '0' }).jobsBackend).toBe('inline');
    expect(parseEnv({ INNGEST_BASE_URL: 'https://inngest.internal' }).jobsBackend).toBe('inngest');
    expect(parseEnv({ INNGEST_SIGNING_KEY: 'signkey-prod-abc' }).jobsBackend).toBe('inline');
    expect(parseEnv({ JOBS_BACKEND: 'inline', INNGEST_EVENT_KEY: 'key' }).jobsBackend).toBe('inline');
    expect(parseEnv({ JOBS_BACKEND: 'inngest' }).jobsBackend).toBe('inngest');
  });

  it('rejects invalid jobs settings, and Inngest without keys in production', () => {
    expect(() => parseEnv({ JOBS_BACKEND: 'sidekiq' })).toThrow(/JOBS_BACKEND/);
    expect(() => parseEnv({ INNGEST_DEV: 'yes please' })).toThrow(/INNGEST_DEV must be 1, 0, true, false or the Dev Server URL/);
    expect(() => parseEnv({ INNGEST_BASE_URL: 'inngest.internal' })).toThrow(/INNGEST_BASE_URL must be a URL/);
    const production = { NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) };
    expect(() => parseEnv({ ...production, JOBS_BACKEND: 'inngest' })).toThrow(/INNGEST_EVENT_KEY is required in production[\s\S]*INNGEST_SIGNING_KEY is required/);
    expect(() => parseEnv({ ...production, INNGEST_EVENT_KEY: 'k', INNGEST_SIGNING_KEY: 's' })).not.toThrow();
    expect(() => parseEnv({ ...production, INNGEST_DEV: '1' })).not.toThrow();
    expect(parseEnv(production).jobsBackend).toBe('inline');
  });

  it('reads TRUSTED_PROXIES as addresses and CIDR ranges, empty by default', () => {
    expect(parseEnv({}).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.0/8,proxy.internal' })).toThrow(/TRUSTED_PROXIES.* must list IP addresses or CIDR ranges/);
    expect(() => parseEnv({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
  });
});
