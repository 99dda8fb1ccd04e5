import { processGlobal } from '@/lib/process-global';

/**
 * What the process knows about its database's health, from the failures it saw: the time of the
 * last "database unreachable" error (a statement, a route, an action, a render, an idle
 * connection dropped), and the renders that hit one. Nothing here queries the database.
 *
 * While a failure is recent, the production server (scripts/serve.ts, ./degraded.ts) holds page
 * renders until they finish, so that a page whose data could not be read answers 503 with
 * Retry-After instead of a 200 already streamed with error boxes in it.
 */
const state = processGlobal('databaseHealth', () => ({ lastFailureAt: 0, failedRenders: new Map<string, number>() }));

/** How long after the last failure pages are still rendered in full before they are sent. */
export const SUSPECT_WINDOW_MS = 30_000;
/** The Retry-After of every answer that says the database is not reachable (seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function noteDatabaseUnavailable(renderId?: string | null): void {
  const now = Date.now();
  state.lastFailureAt = now;
  if (renderId) {
    state.failedRenders.set(renderId, now);
    // Forget renders nobody asked about (a minute is far beyond any render).
    for (const [id, at] of state.failedRenders) if (now - at > 60_000) state.failedRenders.delete(id);
  }
}

/** Whether the database failed within the last SUSPECT_WINDOW_MS. */
export function databaseRecentlyFailed(now = Date.now()): boolean {
  return now - state.lastFailureAt < SUSPECT_WINDOW_MS;
}

/** Whether this render hit an unreachable database (and forgets it). */
export function renderHitUnavailableDatabase(renderId: string): boolean {
  const hit = state.failedRenders.has(renderId);
  state.failedRenders.delete(renderId);
  return hit;
}

/** The page every signed-in or public page answers while its data cannot be read. */
export function databaseUnavailableHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${DATABASE_RETRY_AFTER_SECONDS}">
<title>Back in a few seconds · Brisk</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1.5rem;color:#18181b}h1{font-size:1.25rem}p{color:#52525b;line-height:1.5}</style>
</head>
<body>
<main>
<h1>This page is back in a few seconds</h1>
<p>Brisk cannot reach its database right now, so this page could not be loaded. Nothing you saved is lost. The page tries again by itself in ${DATABASE_RETRY_AFTER_SECONDS} seconds.</p>
</main>
</body>
</html>
`;
}

export function databaseUnavailableHeaders(): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'retry-after': String(DATABASE_RETRY_AFTER_SECONDS),
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
  };
}
