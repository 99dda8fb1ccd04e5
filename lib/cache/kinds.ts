/**
 * A kind of data the cache holds: a key prefix and a lifetime. Each module declares its own
 * kinds in its manifest (lib/<module>/module.ts) with the lifetimes of its plan
 * (../shared/seeds), and the registry refuses two kinds with one namespace. The namespace starts
 * with the module's name, which is how the ops console groups hit rates by module.
 */
export interface CacheKind {
  /** `<module>.<kind>`: key prefix and the name hit rates are reported under; unique. */
  namespace: string;
  /** How long a value is fresh (ms): the oldest data another viewer may be shown. */
  ttl: number;
  /** How long past its ttl the last good value may still be served while its source fails (ms). */
  grace: number;
}

export const minutes = (n: number) => n * 60_000;
export const hours = (n: number) => n * 3_600_000;

/** Long enough to ride out a database outage, short enough that nobody sees last week's data. */
export const DEFAULT_GRACE = hours(6);

const NAMESPACE = /^[a-z][a-z0-9-]*\.[a-zA-Z][a-zA-Z0-9-]*$/;

/**
 * Declares a kind. `grace` defaults to 6 hours; a kind whose stale value would be unsafe (who a
 * token or a session belongs to) says `grace: 0` and is never served unconfirmed.
 */
export function defineCacheKind(kind: { namespace: string; ttl: number; grace?: number }): CacheKind {
  if (!NAMESPACE.test(kind.namespace)) throw new Error(`Cache namespace "${kind.namespace}" must look like <module>.<kind>`);
  if (!(kind.ttl > 0)) throw new Error(`Cache kind "${kind.namespace}" needs a positive ttl`);
  return { namespace: kind.namespace, ttl: kind.ttl, grace: kind.grace ?? DEFAULT_GRACE };
}

/** The module a namespace belongs to: `wishlists.dashboard` → `wishlists`. */
export const namespaceModule = (namespace: string) => namespace.slice(0, namespace.indexOf('.'));
