/**
 * What the data cache holds, kind by kind. A module that caches something new adds its kind
 * here (e.g. `wishlistDashboard`), so every lifetime can be read in one place. Lifetimes come
 * from the plans in ../shared/seeds (DESIGN.md section 3).
 */
export interface CacheKind {
  /** Key prefix and the name hit rates are reported under in the ops console; unique. */
  namespace: string;
  /** How long a value is fresh (ms): the oldest data another viewer may be shown. */
  ttl: number;
  /** How long past its ttl the last good value may still be served while its source fails (ms). */
  grace: number;
}

const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;

/** Long enough to ride out a database outage, short enough that nobody sees last week's data. */
const GRACE = hours(6);

export const cacheKinds = {
  // Wishlists (plan 000). The author of a change and the author's friends get fresh values at
  // once (invalidation); anyone else may see another person's public list up to 5 minutes late.
  activityStats: { namespace: 'wishlists.activityStats', ttl: minutes(15), grace: GRACE },
  wishlistDashboard: { namespace: 'wishlists.dashboard', ttl: minutes(5), grace: GRACE },
  wishlistDetail: { namespace: 'wishlists.detail', ttl: minutes(5), grace: GRACE },
  activityFeed: { namespace: 'wishlists.activityFeed', ttl: minutes(5), grace: GRACE },

  // Leads (plan 001)
  keywordPerformance: { namespace: 'leads.keywordPerformance', ttl: minutes(5), grace: GRACE },
  leadAnalytics: { namespace: 'leads.analytics', ttl: minutes(10), grace: GRACE },

  // Channels (plan 002)
  channelAnalyticsSummary: { namespace: 'channels.analyticsSummary', ttl: minutes(10), grace: GRACE },
  channels: { namespace: 'channels.channels', ttl: minutes(5), grace: GRACE },
  subscriptionPlans: { namespace: 'channels.subscriptionPlans', ttl: hours(1), grace: GRACE },
  postMetrics: { namespace: 'channels.postMetrics', ttl: minutes(3), grace: GRACE },
  channelStats: { namespace: 'channels.channelStats', ttl: minutes(7), grace: GRACE },

  // Whom an API token acts for (plan 004's token→user). Never served unconfirmed: a revoked
  // token or a demoted admin must not keep working because the database is down.
  tokenUser: { namespace: 'auth.tokenUser', ttl: minutes(5), grace: 0 },

  // The generation of a person's session cookie caches (lib/auth/session-epoch.ts): a new one
  // when their password changes or their account goes, so that no other session is believed
  // from its 5-minute cookie. Longer than that cookie; no grace, and no database behind it.
  sessionEpoch: { namespace: 'auth.sessionEpoch', ttl: minutes(10), grace: 0 },

  // Projects (plan 004). Same rule for who a session belongs to.
  user: { namespace: 'projects.user', ttl: minutes(5), grace: 0 },
  project: { namespace: 'projects.project', ttl: minutes(10), grace: GRACE },
  serverStatus: { namespace: 'projects.serverStatus', ttl: minutes(2), grace: GRACE },
} satisfies Record<string, CacheKind>;

export type CacheKindName = keyof typeof cacheKinds;
