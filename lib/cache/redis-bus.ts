import type { BusDriver, CreateBusDriverResult } from 'bentocache/types';
import type { Redis } from 'ioredis';
import { createRedis } from '@/lib/redis/client';

type Message = Parameters<BusDriver['publish']>[1];
type Handler = (payload: Message) => void | Promise<void>;

/**
 * The bus that makes every instance drop an L1 entry another instance invalidated: Redis
 * pub/sub over two connections.
 *
 * Not bentocache's redisBusDriver: it gives its publisher and subscriber the same options and
 * subscribes once, at construction, without handling a failure. With Brisk's fast-failing
 * options (lib/redis/client.ts) that SUBSCRIBE fails whenever Redis is not up yet, as an
 * unhandled rejection, and the instance never hears an invalidation; with an offline queue
 * instead, a publish could wait on a dead connection. Here both connections fail fast, a
 * failed publish goes to bentocache's retry queue, and the subscriber subscribes again each
 * time its connection becomes ready.
 */
export function redisBus(url: string): CreateBusDriverResult {
  return { options: { retryQueue: { enabled: true, maxSize: 1_000 } }, factory: () => new RedisBusTransport(url) };
}

class RedisBusTransport implements BusDriver {
  #busId = '';
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #handlers = new Map<string, Handler>();

  constructor(url: string) {
    this.#publisher = createRedis(url);
    // ioredis would only resubscribe channels whose SUBSCRIBE once succeeded; we track our own.
    this.#subscriber = createRedis(url, { autoResubscribe: false });
    this.#subscriber.on('ready', () => this.#subscribeAll());
    this.#subscriber.on('message', (channel: string, raw: string) => {
      let message: { busId: string; payload: Message };
      try {
        message = JSON.parse(raw);
      } catch {
        return; // not one of ours
      }
      if (message.busId !== this.#busId) void this.#handlers.get(channel)?.(message.payload);
    });
  }

  #subscribeAll() {
    if (this.#handlers.size === 0 || this.#subscriber.status !== 'ready') return;
    // A failure is retried on the next 'ready'.
    this.#subscriber.subscribe(...this.#handlers.keys()).catch(() => {});
  }

  setId(id: string) {
    this.#busId = id;
    return this;
  }

  onReconnect(callback: () => void) {
    this.#publisher.on('ready', callback);
  }

  async publish(channel: string, message: Message) {
    await this.#publisher.publish(channel, JSON.stringify({ busId: this.#busId, payload: message }));
  }

  async subscribe<T extends Message>(channel: string, handler: (payload: T) => void | Promise<void>) {
    // bentocache's bus decides what it sends, and it subscribes to its own messages only.
    this.#handlers.set(channel, handler as Handler);
    this.#subscribeAll();
  }

  async unsubscribe(channel: string) {
    this.#handlers.delete(channel);
    await this.#subscriber.unsubscribe(channel).catch(() => {});
  }

  async disconnect() {
    this.#publisher.disconnect();
    this.#subscriber.disconnect();
  }
}
