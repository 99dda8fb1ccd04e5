import { Redis, type RedisOptions } from 'ioredis';
import { env } from '@/lib/env';
import { processGlobal } from '@/lib/process-global';
import { logger } from '@/lib/metrics/logger';

/**
 * Options for every Redis connection of Brisk. Out of the box ioredis queues commands while it
 * reconnects and retries each for ~40 s; a cache must never make a page wait like that, so
 * commands fail at once while the connection is down (no offline queue, no per-command retry)
 * and time out after REDIS_COMMAND_TIMEOUT_MS when Redis is slow. Reconnection goes on in the
 * background.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 50;

export function redisOptions(overrides: RedisOptions = {}): RedisOptions {
  return {
    connectTimeout: 500,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: (attempt) => Math.min(attempt * 250, 2_000),
    ...overrides,
  };
}

/**
 * Commands sent and not yet answered past which a connection counts as backed up. A hung server
 * (stopped, or a stalled network) keeps its connection and answers nothing; ioredis keeps every
 * command sent to it, arguments and all, until an answer comes, whatever the command's timeout
 * (measured: 5,900 commands and 25 MB of heap in 18 s of a hung Redis under load, nearly all of
 * them metrics flushes).
 */
export const MAX_UNANSWERED_COMMANDS = 100;

/** Whether this connection has more unanswered commands than a healthy server would leave: send nothing optional to it. */
export function redisIsBackedUp(redis: Pick<Redis, 'commandQueue'>): boolean {
  return redis.commandQueue.length > MAX_UNANSWERED_COMMANDS;
}

export function createRedis(url: string, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(url, redisOptions(overrides));
  let warned = false;
  redis.on('error', (error) => {
    // One line per outage, not one per reconnection attempt.
    if (!warned) logger.warn({ err: error.message }, 'redis unavailable; serving without it');
    warned = true;
  });
  redis.on('ready', () => {
    if (warned) logger.info('redis is back');
    warned = false;
  });
  return redis;
}

/** The shared Redis connection, or undefined when REDIS_URL is unset. */
export function sharedRedis(): Redis | undefined {
  return (
    processGlobal('redis', () => {
      const url = env().REDIS_URL;
      return url ? createRedis(url) : null;
    }) ?? undefined
  );
}
