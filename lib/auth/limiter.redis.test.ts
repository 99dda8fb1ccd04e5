import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRedis } from '@/lib/redis/client';
import { stampPeer } from '@/lib/security/client-address';
import { freePort } from '@/test/database';
import { spawnRedisServer } from '@/test/redis-server';
import { LOGIN_LIMITS, createLoginLimiter, fallbackStore, memoryStore, redisStore, type LoginLimiter, type PasswordCheck } from './limiter';

/**
 * The sign-in limiter of two app instances sharing a redis-server of this test's own (which it
 * stops), on the app's own fast-failing connection options. Needs the redis-server binary.
 */
let port: number;
let redisUrl: string;
let server: ChildProcess | undefined;
const connections: Redis[] = [];
const clock = { now: 1_700_000_000_000 };

async function startRedis() {
  server = await spawnRedisServer(port);
}

/** An app instance's limiter: Redis (through the app's connection options), memory when it fails. */
async function instance(): Promise<LoginLimiter> {
  const redis = createRedis(redisUrl);
  connections.push(redis);
  await vi.waitFor(() => expect(redis.status).toBe('ready'), { timeout: 5_000 });
  return createLoginLimiter({ store: fallbackStore(redisStore(redis), memoryStore()), now: () => clock.now });
}

const from = (address: string) => stampPeer(undefined, address);
async function wrong(limiter: LoginLimiter, email: string, headers: Headers): Promise<PasswordCheck> {
  const check = await limiter.begin(email, headers);
  if (check.allowed) await check.failed();
  return check;
}

let a: LoginLimiter;
let b: LoginLimiter;

beforeAll(async () => {
  port = await freePort();
  redisUrl = `redis://127.0.0.1:${port}`;
  await startRedis();
  a = await instance();
  b = await instance();
}, 20_000);

afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await exited;
  }
});

describe('the sign-in limiter over Redis', () => {
  it('shares its counters between instances: failures on either count for both', async () => {
    const attacker = from('203.0.113.5');
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await wrong(i % 2 ? a : b, 'ada@brisk.test', attacker)).allowed).toBe(true);
    expect(await a.begin('ada@brisk.test', attacker)).toMatchObject({ allowed: false, rule: 'pair', retryAfterSeconds: 30 });
    expect(await b.begin('ada@brisk.test', attacker)).toMatchObject({ allowed: false, rule: 'pair', retryAfterSeconds: 30 });
    // The lock doubles exactly as in memory.
    clock.now += 30_000;
    await wrong(a, 'ada@brisk.test', attacker);
    expect(await b.begin('ada@brisk.test', attacker)).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
  });

  it('slows an account attacked from everywhere, except for a known address, on every instance', async () => {
    const email = 'ben@brisk.test';
    const home = from('198.51.100.30');
    const owner = await a.begin(email, home);
    if (!owner.allowed) throw new Error('refused');
    await owner.succeeded();
    for (let i = 0; i < LOGIN_LIMITS.accountCeiling; i++) await wrong(i % 2 ? a : b, email, from(`198.18.0.${i}`));
    expect(await b.begin(email, from('198.18.1.1'))).toMatchObject({ allowed: false, rule: 'account' });
    const again = await b.begin(email, home);
    expect(again.allowed).toBe(true);
    if (again.allowed) await again.succeeded();
  });

  it('counts parallel attempts atomically', async () => {
    const checks = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).begin('chloe@brisk.test', from('203.0.113.50'))));
    expect(checks.filter((check) => check.allowed)).toHaveLength(LOGIN_LIMITS.pairFreeFailures);
  });

  it('keeps limiting, in memory and without waiting, while Redis hangs or is gone', async () => {
    const waits: number[] = [];
    const attempt = async (limiter: LoginLimiter, email: string, headers: Headers) => {
      const started = performance.now();
      const check = await wrong(limiter, email, headers);
      waits.push(performance.now() - started);
      return check;
    };
    // Hung: commands time out (50 ms); then the breaker skips Redis.
    process.kill(server!.pid!, 'SIGSTOP');
    try {
      for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await attempt(a, 'dev@brisk.test', from('203.0.113.70'))).allowed).toBe(true);
      expect((await attempt(a, 'dev@brisk.test', from('203.0.113.70'))).allowed).toBe(false);
    } finally {
      process.kill(server!.pid!, 'SIGCONT');
    }
    // Gone: connections refused.
    const exited = once(server!, 'exit');
    server!.kill('SIGKILL');
    await exited;
    clock.now += 5_000; // past the breaker: Redis is tried again, and fails at once
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await attempt(b, 'eunji@brisk.test', from('203.0.113.71'))).allowed).toBe(true);
    expect((await attempt(b, 'eunji@brisk.test', from('203.0.113.71'))).allowed).toBe(false);
    // A correct password still works for an owner elsewhere.
    const owner = await b.begin('eunji@brisk.test', from('198.51.100.9'));
    expect(owner.allowed).toBe(true);
    expect(Math.max(...waits)).toBeLessThan(150);
  }, 30_000);
});
