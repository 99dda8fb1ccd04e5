import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { Redis } from 'ioredis';
import { logger } from '@/lib/metrics/logger';
import { processGlobal } from '@/lib/process-global';
import { sharedRedis } from '@/lib/redis/client';
import { clientAddress } from '@/lib/security/client-address';
import { isKnownDevice, rememberDevice, type CookieToSet } from './known-device';

/*
 * The one limiter of every password check: the sign-in form, Better Auth's sign-in endpoint and
 * the password change and account deletion of the settings page (README, "Security").
 *
 * Three counters, every attempt counted as a failure until it succeeds (so parallel guesses
 * cannot all pass one check before any failure is recorded), checked and bumped atomically:
 *
 * - per account and client address: 5 free failures, then each further attempt waits 30 s,
 *   doubling per failure up to 15 minutes; forgotten an hour after the last attempt and reset
 *   by a success. This is what an attacker at one address meets, and it never touches the
 *   owner's own (account, address) pair.
 * - per account, from everywhere: after 20 failures (forgotten 15 minutes after the last one),
 *   attempts from an unknown device and address must be 30 s apart: a botnet with an address
 *   per guess gets 2 guesses a minute. A known device (the signed cookie of known-device.ts) or
 *   address (one that signed in to this account before, remembered 90 days) is not slowed.
 * - per client address, over all accounts: 50 failures (forgotten 15 minutes after the last)
 *   close that address to unknown devices: credential stuffing from one place.
 *
 * Counters live in Redis when REDIS_URL is set (all instances share them), else in this process.
 * When Redis fails, the process's own memory takes over (each instance then limits on its own:
 * bounded, never open, never closed) and Redis is skipped for 2 s.
 */
export const LOGIN_LIMITS = {
  pairFreeFailures: 5,
  pairBaseLockMs: 30_000,
  pairMaxLockMs: 15 * 60_000,
  pairForgetMs: 60 * 60_000,
  accountCeiling: 20,
  accountIntervalMs: 30_000,
  accountWindowMs: 15 * 60_000,
  addressCeiling: 50,
  addressWindowMs: 15 * 60_000,
  knownAddressMs: 90 * 86_400_000,
} as const;

export type LimitRule = 'pair' | 'account' | 'address';

export interface LimiterKeys {
  pair: string;
  account: string;
  address: string;
  known: string;
}

export type Admission = { allowed: true; known: boolean } | { allowed: false; rule: LimitRule; retryAfterMs: number };
export type Settlement = 'success' | 'unchecked';

export interface LimiterStore {
  /** Checks the three rules and, when allowed, counts the attempt as a failure; atomic. */
  begin(keys: LimiterKeys, deviceKnown: boolean, now: number): Promise<Admission>;
  /** A success resets the pair and remembers the address; an unchecked attempt is uncounted. */
  settle(keys: LimiterKeys, outcome: Settlement, now: number): Promise<void>;
}

/** How long an account-and-address pair is locked after `count` failures (0 below the free ones). */
export function pairLockMs(count: number): number {
  if (count < LOGIN_LIMITS.pairFreeFailures) return 0;
  return Math.min(LOGIN_LIMITS.pairMaxLockMs, LOGIN_LIMITS.pairBaseLockMs * 2 ** (count - LOGIN_LIMITS.pairFreeFailures));
}

// ---------------------------------------------------------------------------------------------
// In memory

interface Counter {
  count: number;
  last: number;
  expiresAt: number;
}

const MEMORY_MAX_ENTRIES = 100_000;

export function memoryStore(): LimiterStore {
  const counters = new Map<string, Counter>();
  const known = new Map<string, number>();

  const live = (key: string, now: number) => {
    const counter = counters.get(key);
    if (counter && counter.expiresAt <= now) counters.delete(key);
    return counter && counter.expiresAt > now ? counter : undefined;
  };
  const bump = (key: string, now: number, ttl: number) => {
    const counter = live(key, now) ?? { count: 0, last: now, expiresAt: now };
    counter.count += 1;
    counter.last = now;
    counter.expiresAt = now + ttl;
    counters.delete(key);
    counters.set(key, counter); // most recently used last: the oldest are evicted first
  };
  const decrement = (key: string, now: number) => {
    const counter = live(key, now);
    if (counter && --counter.count <= 0) counters.delete(key);
  };
  const bound = (now: number) => {
    if (counters.size <= MEMORY_MAX_ENTRIES && known.size <= MEMORY_MAX_ENTRIES) return;
    for (const [key, counter] of counters) if (counter.expiresAt <= now) counters.delete(key);
    for (const [key, expiresAt] of known) if (expiresAt <= now) known.delete(key);
    // Still full: forget the least recently used tenth.
    for (const map of [counters, known] as Map<string, unknown>[]) {
      if (map.size <= MEMORY_MAX_ENTRIES) continue;
      let excess = map.size - MEMORY_MAX_ENTRIES * 0.9;
      for (const key of map.keys()) {
        if (excess-- <= 0) break;
        map.delete(key);
      }
    }
  };

  return {
    async begin(keys, deviceKnown, now) {
      const isKnown = deviceKnown || (known.get(keys.known) ?? 0) > now;
      const pair = live(keys.pair, now);
      if (pair) {
        const lock = pairLockMs(pair.count);
        if (now < pair.last + lock) return { allowed: false, rule: 'pair', retryAfterMs: pair.last + lock - now };
      }
      if (!isKnown) {
        const account = live(keys.account, now);
        if (account && account.count >= LOGIN_LIMITS.accountCeiling && now < account.last + LOGIN_LIMITS.accountIntervalMs) {
          return { allowed: false, rule: 'account', retryAfterMs: account.last + LOGIN_LIMITS.accountIntervalMs - now };
        }
        const address = live(keys.address, now);
        if (address && address.count >= LOGIN_LIMITS.addressCeiling) return { allowed: false, rule: 'address', retryAfterMs: address.expiresAt - now };
      }
      bump(keys.pair, now, LOGIN_LIMITS.pairForgetMs);
      bump(keys.account, now, LOGIN_LIMITS.accountWindowMs);
      bump(keys.address, now, LOGIN_LIMITS.addressWindowMs);
      bound(now);
      return { allowed: true, known: isKnown };
    },

    async settle(keys, outcome, now) {
      if (outcome === 'success') {
        counters.delete(keys.pair);
        known.delete(keys.known);
        known.set(keys.known, now + LOGIN_LIMITS.knownAddressMs);
      } else {
        decrement(keys.pair, now);
      }
      decrement(keys.account, now);
      decrement(keys.address, now);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// In Redis: the same rules as memoryStore, as scripts (one atomic round trip each).

const BEGIN_SCRIPT = `
local now = tonumber(ARGV[1])
local known = ARGV[2] == '1' or redis.call('EXISTS', KEYS[4]) == 1
local free, base, maxLock, forget = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local ceiling, interval, window = tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
local addressCeiling, addressWindow = tonumber(ARGV[10]), tonumber(ARGV[11])
local function read(key)
  local v = redis.call('HMGET', key, 'c', 'l')
  return (v[1] and tonumber(v[1])) or 0, (v[2] and tonumber(v[2])) or 0
end
local pc, pl = read(KEYS[1])
if pc >= free then
  local lock = math.min(maxLock, base * math.pow(2, pc - free))
  if now < pl + lock then return {0, 'pair', math.ceil(pl + lock - now)} end
end
if not known then
  local ac, al = read(KEYS[2])
  if ac >= ceiling and now < al + interval then return {0, 'account', math.ceil(al + interval - now)} end
  local rc = read(KEYS[3])
  if rc >= addressCeiling then
    local ttl = redis.call('PTTL', KEYS[3])
    if ttl <= 0 then ttl = addressWindow end
    return {0, 'address', ttl}
  end
end
local function bump(key, ttl)
  redis.call('HINCRBY', key, 'c', 1)
  redis.call('HSET', key, 'l', ARGV[1])
  redis.call('PEXPIRE', key, ttl)
end
bump(KEYS[1], forget)
bump(KEYS[2], window)
bump(KEYS[3], addressWindow)
if known then return {1, 'known', 0} end
return {1, '', 0}
`;

const SETTLE_SCRIPT = `
local function decrement(key)
  if redis.call('EXISTS', key) == 1 then
    if redis.call('HINCRBY', key, 'c', -1) <= 0 then redis.call('DEL', key) end
  end
end
if ARGV[1] == 'success' then
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
else
  decrement(KEYS[1])
end
decrement(KEYS[2])
decrement(KEYS[3])
return 1
`;

export function redisStore(redis: Redis): LimiterStore {
  const keyList = (keys: LimiterKeys) => [keys.pair, keys.account, keys.address, keys.known];
  return {
    async begin(keys, deviceKnown, now) {
      const L = LOGIN_LIMITS;
      const [allowed, rule, retryAfterMs] = (await redis.eval(
        BEGIN_SCRIPT,
        4,
        ...keyList(keys),
        now,
        deviceKnown ? '1' : '0',
        L.pairFreeFailures,
        L.pairBaseLockMs,
        L.pairMaxLockMs,
        L.pairForgetMs,
        L.accountCeiling,
        L.accountIntervalMs,
        L.accountWindowMs,
        L.addressCeiling,
        L.addressWindowMs,
      )) as [number, string, number];
      return allowed === 1 ? { allowed: true, known: rule === 'known' } : { allowed: false, rule: rule as LimitRule, retryAfterMs };
    },
    async settle(keys, outcome) {
      await redis.eval(SETTLE_SCRIPT, 4, ...keyList(keys), outcome, LOGIN_LIMITS.knownAddressMs);
    },
  };
}

/** After a Redis failure, Redis is skipped this long (one timeout per outage, not per attempt). */
const REDIS_BREAK_MS = 2_000;

/**
 * Redis when it answers, else memory. An attempt is settled in the store that admitted it. An
 * attempt admitted by Redis whose settlement fails stays counted as a failure (fail closed).
 */
export function fallbackStore(primary: LimiterStore | undefined, memory: LimiterStore, onFailure: (error: unknown) => void = () => {}): LimiterStore {
  let brokenUntil = 0;
  const admittedBy = new WeakMap<LimiterKeys, LimiterStore>();
  const usable = (now: number) => (primary && now >= brokenUntil ? primary : undefined);
  return {
    async begin(keys, deviceKnown, now) {
      const store = usable(now);
      if (store) {
        try {
          const admission = await store.begin(keys, deviceKnown, now);
          admittedBy.set(keys, store);
          return admission;
        } catch (error) {
          brokenUntil = now + REDIS_BREAK_MS;
          onFailure(error);
        }
      }
      admittedBy.set(keys, memory);
      return memory.begin(keys, deviceKnown, now);
    },
    async settle(keys, outcome, now) {
      const store = admittedBy.get(keys) ?? memory;
      try {
        await store.settle(keys, outcome, now);
      } catch (error) {
        onFailure(error);
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The limiter

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/** The limiter's name for an account: its e-mail address, hashed (never kept in clear). */
export const accountKey = (email: string) => digest(`login-account:${email.trim().toLowerCase()}`);

/** The limiter's name for a client address; an IPv6 client is limited by its /64 (one customer's network). */
export function addressKey(address: string | null): string {
  if (!address) return 'unknown';
  const parsed = ipaddr.process(address);
  const network = parsed.kind() === 'ipv6' ? ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString() : parsed.toString();
  return digest(`login-address:${network}`);
}

export function limiterKeys(email: string, address: string | null): LimiterKeys {
  const account = accountKey(email);
  const where = addressKey(address);
  return {
    pair: `brisk:login:pair:${account}:${where}`,
    account: `brisk:login:account:${account}`,
    address: `brisk:login:address:${where}`,
    known: `brisk:login:known:${account}:${where}`,
  };
}

/** A password check the limiter let through: say how it ended. */
export interface AdmittedCheck {
  allowed: true;
  /** The password was right: resets this pair and remembers the device (set the cookie returned). */
  succeeded(): Promise<CookieToSet>;
  /** The password was wrong: it stays counted. */
  failed(): Promise<void>;
  /** No password was checked after all (refused for another reason): uncounted. */
  unchecked(): Promise<void>;
}

export interface RefusedCheck {
  allowed: false;
  rule: LimitRule;
  retryAfterSeconds: number;
  /** What to tell the person, with the wait. */
  message: string;
}

export type PasswordCheck = AdmittedCheck | RefusedCheck;

function wait(seconds: number): string {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}

function refusalMessage(rule: LimitRule, seconds: number): string {
  switch (rule) {
    case 'pair':
      return `Too many failed attempts for this account from your network. Try again in ${wait(seconds)}.`;
    case 'account':
      return `Too many failed attempts for this account lately. Try again in ${wait(seconds)}, or from a device you have signed in with before.`;
    case 'address':
      return `Too many failed attempts from your network. Try again in ${wait(seconds)}.`;
  }
}

export interface LoginLimiter {
  /** Asks to check a password of `email` for the request with these headers (address, device cookie). */
  begin(email: string, headers: Headers): Promise<PasswordCheck>;
}

export function createLoginLimiter({ store, now = Date.now }: { store: LimiterStore; now?: () => number }): LoginLimiter {
  return {
    async begin(email, headers) {
      const keys = limiterKeys(email, clientAddress(headers));
      const cookies = headers.get('cookie');
      const account = accountKey(email);
      const admission = await store.begin(keys, isKnownDevice(cookies, account, now()), now());
      if (!admission.allowed) {
        const retryAfterSeconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
        return { allowed: false, rule: admission.rule, retryAfterSeconds, message: refusalMessage(admission.rule, retryAfterSeconds) };
      }
      let settled = false;
      const settle = async (outcome: Settlement | 'failure') => {
        if (settled) return;
        settled = true;
        if (outcome !== 'failure') await store.settle(keys, outcome, now());
      };
      return {
        allowed: true,
        succeeded: async () => {
          await settle('success');
          return rememberDevice(cookies, account, now());
        },
        failed: () => settle('failure'),
        unchecked: () => settle('unchecked'),
      };
    },
  };
}

/** The limiter of this process: Redis-backed when REDIS_URL is set, memory otherwise. */
export function loginLimiter(): LoginLimiter {
  return processGlobal('loginLimiter', () => {
    const redis = sharedRedis();
    let warned = 0;
    const store = fallbackStore(redis ? redisStore(redis) : undefined, memoryStore(), (error) => {
      if (Date.now() - warned < 60_000) return;
      warned = Date.now();
      logger.warn({ err: (error as Error).message }, 'sign-in limiter: redis failed; limiting in this process');
    });
    return createLoginLimiter({ store });
  });
}

/** Asks the process's limiter to check a password (see LoginLimiter.begin). */
export function beginPasswordCheck(email: string, headers: Headers): Promise<PasswordCheck> {
  return loginLimiter().begin(email, headers);
}
