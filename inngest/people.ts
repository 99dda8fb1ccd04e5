import { warmUserCacheJob } from '@/lib/people/jobs';
import { createJobFunction } from './jobs';

/** people/user.signed-in → warm the user's cached data (lib/people/jobs.ts). */
export const warmUserCache = createJobFunction(warmUserCacheJob);
