import { dailyCleanupJob } from '@/lib/ops/jobs';
import { warmUserCacheJob } from '@/lib/people/jobs';
import { extractItemMetadataJob, refreshActivityStatsJob } from '@/lib/wishlists/jobs';
import type { AnyJobDefinition } from './define';
import type { JobEventName } from './events';

/**
 * Every job of the application, for the inline backend and its crons (inngest/functions.ts is
 * the Inngest twin of this list; a test checks that they agree). Add new jobs to both.
 */
export const allJobs: readonly AnyJobDefinition[] = [warmUserCacheJob, dailyCleanupJob, extractItemMetadataJob, refreshActivityStatsJob];

const names = new Set<string>();
for (const job of allJobs) {
  if (names.has(job.name)) throw new Error(`Two jobs are named "${job.name}"`);
  names.add(job.name);
}

export function jobsForEvent(name: JobEventName): AnyJobDefinition[] {
  return allJobs.filter((job) => job.trigger.event === name);
}

export function cronJobs(): AnyJobDefinition[] {
  return allJobs.filter((job) => job.trigger.cron !== undefined);
}
