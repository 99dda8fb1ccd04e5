// The part of autocannon's API (https://github.com/mcollina/autocannon) the benchmark uses; the
// package ships no types.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    headers?: Record<string, string>;
    method?: string;
    body?: string;
    /** Requests at most per second from each connection (think time: 1 / rate). */
    connectionRate?: number;
    /** Responses at most, then stop; it overrides duration (the run lasts until they are all in). */
    amount?: number;
    /** Responses at most per connection; duration still ends the run (bounded in count and in time). */
    maxConnectionRequests?: number;
    /** A flow each connection repeats, in order. */
    requests?: Request[];
  }

  /** One step of a flow; `setupRequest` adjusts it before each send (return a request object). */
  export interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: Request, context: Record<string, unknown>) => Request;
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void;
    /** Anything else travels with the request object (the load test names its endpoint). */
    [key: string]: unknown;
  }

  interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  }

  interface Result {
    requests: Histogram & { sent: number };
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  }

  interface Instance extends EventEmitter {
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
    stop(): void;
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
