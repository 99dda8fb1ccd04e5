/**
 * One value per process, shared by every bundle. Next builds each route into a module graph of
 * its own, so plain module-level state exists once per route: a connection pool, a cache or an
 * AsyncLocalStorage kept that way would be split (and a request context entered in one route's
 * copy invisible to another's). Keyed on globalThis, it is also kept across dev reloads.
 */
export function processGlobal<T>(key: string, create: () => T): T {
  const store = globalThis as unknown as Record<string, unknown>;
  const name = `__brisk_${key}`;
  if (!(name in store)) store[name] = create();
  return store[name] as T;
}
