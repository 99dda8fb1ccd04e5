import { describe, expect, it } from 'vitest';
import { stampPeer } from '@/lib/security/client-address';
import { KNOWN_DEVICE_COOKIE, isKnownDevice, rememberDevice } from './known-device';
import { LOGIN_LIMITS, accountKey, addressKey, createLoginLimiter, fallbackStore, memoryStore, pairLockMs, type LimiterStore, type PasswordCheck } from './limiter';

/** A limiter on its own memory store and a clock the test moves. */
function limiterWithClock(store: LimiterStore = memoryStore()) {
  const clock = { now: 1_700_000_000_000 };
  const limiter = createLoginLimiter({ store, now: () => clock.now });
  return { limiter, clock };
}

const from = (address: string, cookie?: string) => stampPeer(cookie ? { cookie } : undefined, address);
const admitted = (check: PasswordCheck) => {
  if (!check.allowed) throw new Error(`refused: ${check.message}`);
  return check;
};

/** One wrong password of `email` from `address`; returns the limiter's answer. */
async function wrong(limiter: ReturnType<typeof limiterWithClock>['limiter'], email: string, headers: Headers): Promise<PasswordCheck> {
  const check = await limiter.begin(email, headers);
  if (check.allowed) await check.failed();
  return check;
}

describe('the sign-in limiter, per account and address', () => {
  it('allows 5 failures, then locks that pair for 30 s, doubling per failure up to 15 minutes', async () => {
    const { limiter, clock } = limiterWithClock();
    const attacker = from('203.0.113.5');
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await wrong(limiter, 'ada@brisk.test', attacker)).allowed).toBe(true);
    const refused = await limiter.begin('ada@brisk.test', attacker);
    expect(refused).toMatchObject({ allowed: false, rule: 'pair', retryAfterSeconds: 30, message: expect.stringContaining('Too many failed attempts') });

    const locks: number[] = [];
    for (let i = 0; i < 8; i++) {
      const check = await limiter.begin('ada@brisk.test', attacker);
      if (check.allowed) throw new Error('expected a lock');
      locks.push(check.retryAfterSeconds);
      clock.now += check.retryAfterSeconds * 1000;
      expect((await wrong(limiter, 'ada@brisk.test', attacker)).allowed).toBe(true);
    }
    expect(locks).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
    expect(pairLockMs(4)).toBe(0);
  });

  it('never locks the owner out from another address, and a success resets the pair', async () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 10; i++) await wrong(limiter, 'ada@brisk.test', from('203.0.113.5'));
    expect((await limiter.begin('ada@brisk.test', from('203.0.113.5'))).allowed).toBe(false);
    // The owner, elsewhere, first mistypes and then gets it right.
    await wrong(limiter, 'ada@brisk.test', from('198.51.100.20'));
    const owner = admitted(await limiter.begin('ada@brisk.test', from('198.51.100.20')));
    await owner.succeeded();
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await wrong(limiter, 'ada@brisk.test', from('198.51.100.20'))).allowed).toBe(true);
  });

  it('cannot be dodged by a new X-Forwarded-For per request, nor by a forged peer stamp', async () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 6; i++) {
      const headers = from('203.0.113.5');
      headers.set('x-forwarded-for', `192.0.2.${i}`);
      headers.set('x-brisk-client-address', `192.0.2.${i}`);
      await wrong(limiter, 'ben@brisk.test', headers);
    }
    const next = from('203.0.113.5');
    next.set('x-forwarded-for', '192.0.2.200');
    expect(await limiter.begin('ben@brisk.test', next)).toMatchObject({ allowed: false, rule: 'pair' });
    // Unstamped requests (no socket known) share one bucket: rotating a fake stamp is no way out.
    for (let i = 0; i < 5; i++) await wrong(limiter, 'ben@brisk.test', new Headers({ 'x-brisk-peer': `bogus 192.0.2.${i}` }));
    expect(await limiter.begin('ben@brisk.test', new Headers({ 'x-brisk-peer': 'bogus 192.0.2.99' }))).toMatchObject({ allowed: false, rule: 'pair' });
  });

  it('limits an IPv6 client by its /64', () => {
    expect(addressKey('2001:db8:1:2::1')).toBe(addressKey('2001:db8:1:2:ffff::9'));
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
    expect(addressKey('::ffff:198.51.100.7')).toBe(addressKey('198.51.100.7'));
    expect(addressKey(null)).toBe('unknown');
  });
});

describe('the sign-in limiter, per account from everywhere', () => {
  /** A botnet: one failure from each of `n` addresses. */
  async function botnet(limiter: ReturnType<typeof limiterWithClock>['limiter'], email: string, n: number, offset = 0) {
    const answers: boolean[] = [];
    for (let i = 0; i < n; i++) answers.push((await wrong(limiter, email, from(`198.18.${Math.floor((i + offset) / 250)}.${(i + offset) % 250}`))).allowed);
    return answers;
  }

  it('slows unknown devices to one attempt per 30 s after 20 failures, but lets known devices and addresses through', async () => {
    const { limiter, clock } = limiterWithClock();
    const email = 'chloe@brisk.test';
    // The owner signed in before from home (address remembered) and on a laptop (cookie).
    const home = from('198.51.100.30');
    const laptop = admitted(await limiter.begin(email, from('198.51.100.31')));
    const cookie = await laptop.succeeded();
    await admitted(await limiter.begin(email, home)).succeeded();

    expect(await botnet(limiter, email, LOGIN_LIMITS.accountCeiling)).toEqual(Array(LOGIN_LIMITS.accountCeiling).fill(true));
    // The 21st address: slowed down, whatever the password.
    const slowed = await limiter.begin(email, from('198.18.9.9'));
    expect(slowed).toMatchObject({ allowed: false, rule: 'account', retryAfterSeconds: 30 });
    // The owner's known address and known device (from a new address) go straight through.
    await admitted(await limiter.begin(email, home)).succeeded();
    expect(isKnownDevice(`${cookie.name}=${cookie.value}`, accountKey(email), clock.now)).toBe(true);
    await admitted(await limiter.begin(email, from('203.0.113.77', `${cookie.name}=${cookie.value}`))).succeeded();
    // Unknown devices get one attempt per 30 s, never a lock.
    clock.now += 30_000;
    expect((await wrong(limiter, email, from('198.18.9.10'))).allowed).toBe(true);
    expect((await limiter.begin(email, from('198.18.9.11'))).allowed).toBe(false);
    clock.now += 30_000;
    expect((await limiter.begin(email, from('198.18.9.12'))).allowed).toBe(true);
  });

  it('forgets the account’s failures 15 minutes after the last one', async () => {
    const { limiter, clock } = limiterWithClock();
    await botnet(limiter, 'dev@brisk.test', LOGIN_LIMITS.accountCeiling);
    expect((await limiter.begin('dev@brisk.test', from('192.0.2.1'))).allowed).toBe(false);
    clock.now += LOGIN_LIMITS.accountWindowMs;
    expect((await limiter.begin('dev@brisk.test', from('192.0.2.1'))).allowed).toBe(true);
  });

  it('does not count correct sign-ins: a busy address signing in many people is never slowed', async () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 200; i++) await admitted(await limiter.begin(`person-${i % 7}@brisk.test`, from('127.0.0.1'))).succeeded();
    expect((await limiter.begin('person-0@brisk.test', from('127.0.0.1'))).allowed).toBe(true);
  });

  it('counts attempts in flight: parallel guesses cannot all pass before the failures land', async () => {
    const { limiter } = limiterWithClock();
    const checks = await Promise.all(Array.from({ length: 12 }, () => limiter.begin('eunji@brisk.test', from('203.0.113.50'))));
    expect(checks.filter((check) => check.allowed)).toHaveLength(LOGIN_LIMITS.pairFreeFailures);
  });

  it('uncounts an attempt whose password was never checked', async () => {
    const { limiter } = limiterWithClock();
    for (let i = 0; i < 20; i++) await admitted(await limiter.begin('farah@brisk.test', from('203.0.113.60'))).unchecked();
    expect((await limiter.begin('farah@brisk.test', from('203.0.113.60'))).allowed).toBe(true);
  });
});

describe('the sign-in limiter, per address over all accounts', () => {
  it('closes an address to unknown devices after 50 failures whatever the accounts', async () => {
    const { limiter, clock } = limiterWithClock();
    const stuffer = from('203.0.113.99');
    for (let i = 0; i < LOGIN_LIMITS.addressCeiling; i++) expect((await wrong(limiter, `victim-${i}@example.com`, stuffer)).allowed).toBe(true);
    expect(await limiter.begin('someone-else@example.com', stuffer)).toMatchObject({ allowed: false, rule: 'address', retryAfterSeconds: 900 });
    clock.now += LOGIN_LIMITS.addressWindowMs;
    expect((await limiter.begin('someone-else@example.com', stuffer)).allowed).toBe(true);
  });
});

describe('the known-device cookie', () => {
  it('names accounts by hash, is signed, expires, and keeps the 5 most recent accounts', () => {
    const now = 1_700_000_000_000;
    const first = rememberDevice(null, accountKey('ada@brisk.test'), now);
    expect(first.name).toBe(KNOWN_DEVICE_COOKIE);
    expect(first.value).not.toContain('ada');
    expect(first.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/', maxAge: 90 * 86_400 });
    const header = `${first.name}=${first.value}`;
    expect(isKnownDevice(header, accountKey('ada@brisk.test'), now)).toBe(true);
    expect(isKnownDevice(header, accountKey('ben@brisk.test'), now)).toBe(false);
    expect(isKnownDevice(header, accountKey('ada@brisk.test'), now + 91 * 86_400_000)).toBe(false);
    // Tampered: another account's hash under Ada's signature.
    const [payload, signature] = first.value.split('.');
    const forged = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace(accountKey('ada@brisk.test'), accountKey('ben@brisk.test'))).toString('base64url');
    expect(isKnownDevice(`${first.name}=${forged}.${signature}`, accountKey('ben@brisk.test'), now)).toBe(false);

    let cookie = header;
    for (let i = 0; i < 6; i++) {
      const next = rememberDevice(cookie, accountKey(`p${i}@brisk.test`), now);
      cookie = `other=1; ${next.name}=${next.value}`;
    }
    expect(isKnownDevice(cookie, accountKey('p5@brisk.test'), now)).toBe(true);
    expect(isKnownDevice(cookie, accountKey('p1@brisk.test'), now)).toBe(true);
    expect(isKnownDevice(cookie, accountKey('p0@brisk.test'), now)).toBe(false);
    expect(isKnownDevice(cookie, accountKey('ada@brisk.test'), now)).toBe(false);
  });
});

describe('the store fallback', () => {
  it('limits in memory while the primary store fails, and settles each attempt where it was admitted', async () => {
    const failures: unknown[] = [];
    const broken: LimiterStore = {
      begin: async () => {
        throw new Error('redis down');
      },
      settle: async () => {
        throw new Error('redis down');
      },
    };
    const { limiter } = limiterWithClock(fallbackStore(broken, memoryStore(), (error) => failures.push(error)));
    for (let i = 0; i < LOGIN_LIMITS.pairFreeFailures; i++) expect((await wrong(limiter, 'gus@brisk.test', from('203.0.113.8'))).allowed).toBe(true);
    expect((await limiter.begin('gus@brisk.test', from('203.0.113.8'))).allowed).toBe(false);
    // The breaker: one failure per 2 s window, not one per attempt.
    expect(failures).toHaveLength(1);
  });
});
