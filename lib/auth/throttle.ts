import { createHash } from 'node:crypto';
import { processGlobal } from '@/lib/process-global';
import { sharedRedis } from '@/lib/redis/client';

/**
 * Failed sign-ins per account, in fixed windows: the sign-in form calls Better Auth on the
 * server, where its own per-address rate limit does not apply. Counting by account (the e-mail
 * hashed, never stored in clear) also holds when the attacker changes addresses. Shared through
 * Redis when configured, else per instance; a Redis failure falls back to memory.
 */
export const SIGN_IN_FAILURE_LIMIT = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60_000;

const memory = processGlobal('signInFailures', () => new Map<string, { count: number; resetAt: number }>());

const keyOf = (email: string) => `brisk:sign-in-failures:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;

function memoryCount(key: string, increment: boolean): number {
  const now = Date.now();
  let entry = memory.get(key);
  if (!entry || entry.resetAt <= now) {
    if (!increment) return 0;
    entry = { count: 0, resetAt: now + SIGN_IN_WINDOW_MS };
    memory.set(key, entry);
    // Bounded: forget expired windows when the map grows.
    if (memory.size > 10_000) for (const [k, v] of memory) if (v.resetAt <= now) memory.delete(k);
  }
  if (increment) entry.count += 1;
  return entry.count;
}

async function count(email: string, increment: boolean): Promise<number> {
  const key = keyOf(email);
  const redis = sharedRedis();
  if (redis) {
    try {
      if (!increment) return Number((await redis.get(key)) ?? 0);
      const [[, value]] = (await redis.multi().incr(key).pexpire(key, SIGN_IN_WINDOW_MS, 'NX').exec()) as [[null, number]];
      return value;
    } catch {
      // Redis is down: count in this instance instead.
    }
  }
  return memoryCount(key, increment);
}

/** Whether this account has had too many failed sign-ins in the current window. */
export async function signInBlocked(email: string): Promise<boolean> {
  return (await count(email, false)) >= SIGN_IN_FAILURE_LIMIT;
}

export async function recordSignInFailure(email: string): Promise<void> {
  await count(email, true);
}
