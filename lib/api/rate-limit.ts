import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { processGlobal } from '@/lib/process-global';
import { sharedRedis } from '@/lib/redis/client';

/**
 * Rate limits of the JSON API for scripts (rate-limiter-flexible): each API token may make
 * `token.points` requests per `token.duration` seconds, and a client that sends unknown, revoked
 * or expired tokens may fail `unknownToken.points` times per `unknownToken.duration` seconds before
 * its next token is refused without even being looked up. Counts live in Redis when it is
 * configured (every instance shares them), with memory as the insurance while Redis fails, so a
 * Redis outage neither blocks scripts nor lifts the limits.
 */
export interface ApiLimits {
  token: { points: number; duration: number };
  unknownToken: { points: number; duration: number };
}

export const DEFAULT_API_LIMITS: ApiLimits = {
  // 10 requests a second on average, in bursts as a script likes.
  token: { points: 600, duration: 60 },
  unknownToken: { points: 20, duration: 60 },
};

interface Limiters {
  limits: ApiLimits;
  token: RateLimiterAbstract;
  unknownToken: RateLimiterAbstract;
}

function limiter(name: string, { points, duration }: { points: number; duration: number }): RateLimiterAbstract {
  const keyPrefix = `brisk:rate:${name}`;
  const memory = new RateLimiterMemory({ keyPrefix, points, duration });
  const redis = sharedRedis();
  if (!redis) return memory;
  return new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration, insuranceLimiter: memory, rejectIfRedisNotReady: true });
}

const state = processGlobal('apiLimiters', () => ({ current: undefined as Limiters | undefined }));

function limiters(): Limiters {
  state.current ??= build(DEFAULT_API_LIMITS);
  return state.current;
}

function build(limits: ApiLimits): Limiters {
  return { limits, token: limiter('token', limits.token), unknownToken: limiter('unknown-token', limits.unknownToken) };
}

/** Other limits (tests); returns a function that restores the defaults. */
export function configureApiLimits(limits: ApiLimits): () => void {
  state.current = build(limits);
  return () => {
    state.current = undefined;
  };
}

/** Seconds until a refused caller may try again, or null when allowed. */
export type Refusal = { retryAfterSeconds: number } | null;

const refusal = (result: RateLimiterRes): Refusal => ({ retryAfterSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)) });

/** Counts a request made with a token (by the token's hash); refused once the token has used its budget. */
export async function consumeTokenRequest(tokenHash: string): Promise<Refusal> {
  try {
    await limiters().token.consume(tokenHash);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return refusal(error);
    throw error;
  }
}

/** Whether a client has failed with unknown tokens too often to have its next one looked up. */
export async function unknownTokensRefused(clientKey: string): Promise<Refusal> {
  const { unknownToken, limits } = limiters();
  const result = await unknownToken.get(clientKey);
  return result && result.consumedPoints >= limits.unknownToken.points ? refusal(result) : null;
}

/** Counts a failed token lookup against the client. */
export async function countUnknownToken(clientKey: string): Promise<void> {
  try {
    await limiters().unknownToken.consume(clientKey);
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
