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
