// Loaded into the soak's server only (NODE_OPTIONS=--expose-gc --import …): every 15 s, a full
// collection, then the live heap and the process's memory on one line of its log. RSS alone
// cannot tell a leak from V8 growing its heap lazily under load; the heap after a full
// collection can.
import { isMainThread } from 'node:worker_threads';

const INTERVAL_MS = 15_000;
// The server's own heap: worker threads (a logger's, Next's) load this file too and are left out.
if (typeof globalThis.gc === 'function' && isMainThread) {
  setInterval(() => {
    globalThis.gc();
    const m = process.memoryUsage();
    process.stderr.write(`BRISK_HEAP ${JSON.stringify({ at: Date.now(), liveHeap: m.heapUsed, heapTotal: m.heapTotal, external: m.external, rss: m.rss })}\n`);
  }, INTERVAL_MS).unref();
}
