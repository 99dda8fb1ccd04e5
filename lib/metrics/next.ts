import { after } from 'next/server';
import { workAsyncStorage } from 'next/dist/server/app-render/work-async-storage.external';
import { workUnitAsyncStorage } from 'next/dist/server/app-render/work-unit-async-storage.external';
import { processGlobal } from '@/lib/process-global';
import { newRequestMetrics, setImplicitResolver, type RequestMetrics } from './context';
import { finishRequest } from './request';
import { RENDER_ID_HEADER, reportRenderOutcome } from '@/lib/render-cache/outcome';
import { REQUEST_START_HEADER } from './request-start';

/**
 * Page renders have no entry point of ours, so their metrics hang off the request store that
 * Next.js keeps for every request (one object per request, for its whole render). The books
 * close in after(), once the response has finished streaming. The start time comes from
 * proxy.ts (REQUEST_START_HEADER), which sees the request first.
 *
 * These are Next.js's own AsyncLocalStorage instances (the `.external` modules are shared by
 * every bundle); Next is pinned, and a test proves that page statements are counted.
 */

const byRequest = processGlobal('pageMetrics', () => new WeakMap<object, RequestMetrics>());

function pageMetrics(): RequestMetrics | undefined {
  const unit = workUnitAsyncStorage.getStore();
  if (!unit || unit.type !== 'request') return undefined;
  let metrics = byRequest.get(unit);
  if (!metrics) {
    const route = workAsyncStorage.getStore()?.route ?? unit.url.pathname;
    const startedAtEpoch = Number(unit.headers.get(REQUEST_START_HEADER));
    // performance.now() and Date.now() share a clock; convert the proxy's epoch time.
    const startedAt = Number.isFinite(startedAtEpoch) && startedAtEpoch > 0 ? performance.now() - (Date.now() - startedAtEpoch) : performance.now();
    metrics = newRequestMetrics(route, 'page', startedAt);
    byRequest.set(unit, metrics);
    const closing = metrics;
    const renderId = unit.headers.get(RENDER_ID_HEADER);
    after(() => {
      finishRequest(closing);
      reportRenderOutcome(renderId, closing);
    });
  }
  return metrics;
}

setImplicitResolver(pageMetrics);
