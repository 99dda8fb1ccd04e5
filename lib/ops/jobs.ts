import { prisma } from '@/lib/db/client';

export const JOB_RUN_RETENTION_DAYS = 30;
/** Revoked and expired API tokens stay in their owner's list this long, then go. */
export const ENDED_TOKEN_RETENTION_DAYS = 30;
export const CLEANUP_BATCH_SIZE = 1_000;
/** At most this many batches per table and run; what is left waits for the next day. */
export const CLEANUP_MAX_BATCHES = 500;

export interface CleanupOptions {
  now?: Date;
  batchSize?: number;
  maxBatches?: number;
  jobRunRetentionDays?: number;
  endedTokenRetentionDays?: number;
}

export interface CleanupResult {
  /** Sessions deleted because they had expired. */
  expiredSessions: number;
  /** job_runs rows deleted because they were queued more than the retention period ago. */
  oldJobRuns: number;
  /** API tokens deleted because they were revoked or expired more than the retention period ago. */
  endedApiTokens: number;
  /** True when a table hit maxBatches: there is more to delete on the next run. */
  more: boolean;
}

/**
 * Deletes expired sessions, job_runs older than 30 days and API tokens revoked or expired more
 * than 30 days ago, in bounded batches: each batch is
 * its own short statement (and transaction), so the cleanup never holds locks for long nor
 * builds one huge transaction, and a run stops after maxBatches per table. Idempotent.
 */
export async function cleanupExpired(options: CleanupOptions = {}): Promise<CleanupResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? CLEANUP_BATCH_SIZE;
  const maxBatches = options.maxBatches ?? CLEANUP_MAX_BATCHES;
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const jobRunsBefore = daysAgo(options.jobRunRetentionDays ?? JOB_RUN_RETENTION_DAYS);
  const tokensEndedBefore = daysAgo(options.endedTokenRetentionDays ?? ENDED_TOKEN_RETENTION_DAYS);

  // Sessions: the expires_at index finds each batch.
  const sessions = await inBatches(batchSize, maxBatches, () =>
    prisma.$executeRaw`
      DELETE FROM sessions WHERE id IN (
        SELECT id FROM sessions WHERE expires_at < ${now} ORDER BY expires_at LIMIT ${batchSize})`,
  );
  // job_runs, whatever their status: a run still queued or running after 30 days was lost
  // (the inline backend is best effort) and will never finish.
  const jobRuns = await inBatches(batchSize, maxBatches, () =>
    prisma.$executeRaw`
      DELETE FROM job_runs WHERE id IN (
        SELECT id FROM job_runs WHERE queued_at < ${jobRunsBefore} LIMIT ${batchSize})`,
  );
  // API tokens: few per person, so no index of their own; revoked ones are no secret any more.
  const tokens = await inBatches(batchSize, maxBatches, () =>
    prisma.$executeRaw`
      DELETE FROM api_tokens WHERE id IN (
        SELECT id FROM api_tokens WHERE revoked_at < ${tokensEndedBefore} OR expires_at < ${tokensEndedBefore} LIMIT ${batchSize})`,
  );
  return {
    expiredSessions: sessions.deleted,
    oldJobRuns: jobRuns.deleted,
    endedApiTokens: tokens.deleted,
    more: sessions.more || jobRuns.more || tokens.more,
  };
}

async function inBatches(batchSize: number, maxBatches: number, deleteBatch: () => Promise<number>): Promise<{ deleted: number; more: boolean }> {
  let deleted = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const count = await deleteBatch();
    deleted += count;
    if (count < batchSize) return { deleted, more: false };
  }
  return { deleted, more: true };
}
