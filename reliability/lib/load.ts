import autocannon from 'autocannon';
import { BROWSER_HEADERS } from '@/bench/lib/http';
import { percentile } from '@/bench/lib/stats';

export interface Target {
  /** A name for reports (`/wishlists as ada`). */
  name: string;
  url: string;
  headers?: Record<string, string>;
  /**
   * A query parameter given a new value on every request (`?<name>=<n>`): each request is then a
   * URL never asked before, a miss of every cache keyed by URL (the soak fills them to their bounds).
   */
  varyQuery?: string;
}

export interface Sample {
  /** When the answer arrived (Date.now()). */
  at: number;
  ms: number;
  status: number;
  target: string;
}

export interface Failure {
  at: number;
  target: string;
  error: string;
}

export interface RunningLoad {
  samples: Sample[];
  failures: Failure[];
  /** Stops the load (it also stops by itself after its duration) and waits for it to end. */
  stop(): Promise<void>;
  done: Promise<void>;
}

/**
 * Steady load on several URLs at once (autocannon: `connections` clients per URL, each sending its
 * next request when the last is answered), every answer kept with its time so that a run can be
 * cut into phases (before, during, after a fault).
 */
export function startLoad(
  targets: readonly Target[],
  options: { connectionsPerTarget: number; durationSeconds: number; timeoutSeconds?: number; /** Requests a second per connection (none: as fast as answered). */ ratePerConnection?: number },
): RunningLoad {
  const samples: Sample[] = [];
  const failures: Failure[] = [];
  const instances = targets.map((target) => {
    let instance: ReturnType<typeof autocannon>;
    const done = new Promise<void>((resolve, reject) => {
      instance = autocannon(
        {
          url: target.url,
          connections: options.connectionsPerTarget,
          duration: options.durationSeconds,
          timeout: options.timeoutSeconds ?? 10,
          headers: { ...BROWSER_HEADERS, ...target.headers },
          ...(options.ratePerConnection ? { connectionRate: options.ratePerConnection } : {}),
          ...(target.varyQuery ? { requests: [{ setupRequest: varying(target.url, target.varyQuery) }] } : {}),
        },
        (error) => (error ? reject(error) : resolve()),
      );
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        samples.push({ at: Date.now(), ms: responseTime, status: statusCode, target: target.name });
      });
      instance.on('reqError', (error: unknown) => {
        failures.push({ at: Date.now(), target: target.name, error: error instanceof Error ? error.message : String(error) });
      });
    });
    return { instance: instance!, done };
  });
  const done = Promise.all(instances.map((i) => i.done)).then(() => undefined);
  return {
    samples,
    failures,
    done,
    stop: async () => {
      for (const { instance } of instances) instance.stop();
      await done;
    },
  };
}

function varying(url: string, name: string) {
  const { pathname, search } = new URL(url);
  let sequence = 0;
  return (request: { path?: string }) => ({ ...request, path: `${pathname}${search ? `${search}&` : '?'}${name}=${++sequence}` });
}

export interface PhaseFigures {
  requests: number;
  non2xx: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
  /** Status codes other than 2xx, with their counts. */
  statuses: Record<string, number>;
}

export function phase(load: Pick<RunningLoad, 'samples' | 'failures'>, from: number, to: number, filter: (target: string) => boolean = () => true): PhaseFigures {
  const inside = load.samples.filter((s) => s.at >= from && s.at < to && filter(s.target));
  const latencies = inside.map((s) => s.ms);
  const statuses: Record<string, number> = {};
  for (const sample of inside) if (sample.status < 200 || sample.status > 299) statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
  return {
    requests: inside.length,
    non2xx: inside.filter((s) => s.status < 200 || s.status > 299).length,
    errors: load.failures.filter((f) => f.at >= from && f.at < to && filter(f.target)).length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: percentile(latencies, 100),
    statuses,
  };
}
