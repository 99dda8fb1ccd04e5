import { dailyCleanupJob } from '@/lib/ops/jobs';
import { createJobFunction } from './jobs';

/** Daily (and ops/daily-cleanup.requested): expired sessions and old job runs (lib/ops/jobs.ts). */
export const dailyCleanup = createJobFunction(dailyCleanupJob);
