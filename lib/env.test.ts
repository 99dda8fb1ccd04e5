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

  it('requires an auth secret in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/BETTER_AUTH_SECRET is required in production/);
    expect(() => parseEnv({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) })).not.toThrow();
  });
});
