import autocannon from 'autocannon';
import { BROWSER_HEADERS } from './http';
import { percentile } from './stats';

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/**
 * Load on one URL, bounded in time: `connections` clients each sending their next request as
 * soon as the last one is answered (like ab -c). Latencies are kept one by one for exact
 * percentiles (autocannon's own summary has no p95).
 */
export function load(url: string, options: { connections: number; durationSeconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: options.durationSeconds, timeout: 30, headers: { ...BROWSER_HEADERS, ...options.headers } },
      (error, result) => {
        if (error) return reject(error);
        const mean = latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length);
        resolve({
          connections: options.connections,
          durationSeconds: result.duration,
          requests: latencies.length,
          requestsPerSecond: latencies.length / result.duration,
          latencyMs: { mean, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });
}
