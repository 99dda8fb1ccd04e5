/**
 * Cache tags of the Channels module, defined next to their invalidators (mutations.ts, jobs.ts):
 * - ownerTag: everything a person's channel dashboard shows (their channel list with period
 *   totals, the daily series and top posts across their channels, their subscription). Dropped
 *   by any change a person makes to one of their channels or its posts, and to their subscription.
 * - channelTag: everything about one channel, whoever looks (its summary, audience, top posts,
 *   and each viewer's access to it). Dropped by the same changes to that channel.
 * - ownerMetricsTag, channelMetricsTag: the part of the same reads that metrics change (totals,
 *   series, top posts, audience; not the subscription or who may see what). Ingestion drops only
 *   these, coalesced (jobs.ts): a collector's stream never drops a person's subscription.
 * - plansTag: the subscription plans everybody shares.
 */
export const ownerTag = (userId: string) => `channels:owner:${userId}`;
export const channelTag = (channelId: string) => `channel:${channelId}`;
export const ownerMetricsTag = (userId: string) => `channels:owner-metrics:${userId}`;
export const channelMetricsTag = (channelId: string) => `channel-metrics:${channelId}`;
export const plansTag = 'channels:plans';
