/**
 * Cache tags of the Channels module, defined next to their invalidators (mutations.ts, jobs.ts):
 * - ownerTag: everything a person's channel dashboard shows (their channel list with period
 *   totals, the daily series and top posts across their channels, their subscription). Dropped
 *   by any change to one of their channels, its posts or its metrics, and to their subscription.
 * - channelTag: everything about one channel, whoever looks (its summary, audience, top posts,
 *   and each viewer's access to it). Dropped by the same changes to that channel.
 * - plansTag: the subscription plans everybody shares.
 */
export const ownerTag = (userId: string) => `channels:owner:${userId}`;
export const channelTag = (channelId: string) => `channel:${channelId}`;
export const plansTag = 'channels:plans';
