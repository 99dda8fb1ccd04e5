import { isDatabaseUnavailable } from '@/lib/db/errors';
import { noteDatabaseUnavailable } from '@/lib/db/health';
import { RENDER_ID_HEADER } from '@/lib/render-cache/outcome';

/**
 * Runs once per server process, before it serves requests. Installs the module registry, stamps
 * every request with its socket's address (lib/security/client-address.ts: Next.js exposes it
 * nowhere else), and starts the inline backend's cron timers: only in the Node.js runtime (not the edge), never during
 * `next build` nor in tests, and only when the jobs backend is inline (lib/jobs/cron.ts checks).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Installs the modules for every bundle of this process (the job backends read them).
  await import('@/modules');
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { installPeerStamp } = await import('@/lib/security/client-address');
  installPeerStamp();
  if (process.env.VITEST || process.env.NODE_ENV === 'test') return;
  const { startInlineCrons } = await import('@/lib/jobs/cron');
  await startInlineCrons();
}

/**
 * Next reports every error of a render here (those an error boundary shows included). A render
 * that could not reach the database is noted (lib/db/health.ts): the production server then
 * answers that page with a 503 and Retry-After instead of the error boxes (lib/db/degraded.ts).
 */
export function onRequestError(error: unknown, request: { headers: Record<string, string | string[] | undefined> }) {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || !isDatabaseUnavailable(error)) return;
  const renderId = request.headers[RENDER_ID_HEADER];
  noteDatabaseUnavailable(typeof renderId === 'string' ? renderId : null);
}
