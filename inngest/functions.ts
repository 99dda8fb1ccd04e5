import '@/modules';
import { allJobs } from '@/lib/modules/registry';
import { createJobFunction } from './jobs';

/** Every job of the registry (the platform's and every module's) as an Inngest function, served at /api/inngest. */
export const functions = allJobs().map((job) => createJobFunction(job));
