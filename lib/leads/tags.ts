/**
 * Cache tags of the Leads module, defined next to their invalidators (mutations.ts, jobs.ts).
 * Everything in Leads belongs to one owner and is seen by that owner alone, so each tag names
 * the owner:
 * - dataTag: keywords, mentions, leads and everything computed from them (dashboard widgets,
 *   analytics, pipeline, lists). Dropped by every write of those and by a search that stored
 *   something.
 * - sourcesTag: the owner's feed sources, their health and logs. Dropped by every search run
 *   (it writes a log line) and by the sources' own writes.
 */
export const dataTag = (ownerId: string) => `leads:data:${ownerId}`;
export const sourcesTag = (ownerId: string) => `leads:sources:${ownerId}`;
