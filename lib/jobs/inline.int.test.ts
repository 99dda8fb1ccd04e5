import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db/client';
import { userSignedIn } from '@/lib/auth/events';
import { warmOnSignInJob } from '@/lib/modules/registry';
import { dailyCleanupJob } from '@/lib/ops/module';
import { InvalidJobEventError } from './events';
import { countStatements } from '@/test/statements';
import { JobEventSendError, jobsBackend, outgoing, sendEvent, sendEventAfterResponse, sendEvents } from './backend';
import { configureInlineJobs, runCronInline, settleInlineJobs } from './inline';

let restore: () => void;
beforeAll(() => {
  // Retries after 1 ms, 2 ms… instead of 500 ms, 1 s.
  restore = configureInlineJobs({ backoffMs: 1 });
});
afterAll(() => restore());
afterEach(() => {
  vi.restoreAllMocks();
});

async function runsOf(eventId: string) {
  return prisma.jobRun.findMany({ where: { eventId } });
}

describe('the inline backend', () => {
  it('is the default without Inngest settings', () => {
    expect(jobsBackend()).toBe('inline');
  });

  it('queues a job_runs row per triggered job before returning, then runs the job after', async () => {
    const result = await sendEvent(userSignedIn, { userId: 'usr_ada' });
    expect(result.backend).toBe('inline');
    if (result.backend !== 'inline') return;
    expect(result.runIds).toHaveLength(1);
    const [queued] = await runsOf(result.ids[0]!);
    expect(queued).toMatchObject({ id: result.runIds[0], jobName: 'platform/warm-on-sign-in', backend: 'inline', attempt: 0, payload: { userId: 'usr_ada' } });

    await settleInlineJobs();
    const [done] = await runsOf(result.ids[0]!);
    expect(done).toMatchObject({ status: 'succeeded', attempt: 1, error: null });
    expect(done!.startedAt!.getTime()).toBeGreaterThanOrEqual(done!.queuedAt.getTime());
    expect(done!.finishedAt!.getTime()).toBeGreaterThanOrEqual(done!.startedAt!.getTime());
    expect(done!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('queues the runs of many events in one statement (a write that concerns twenty friends is not an N+1)', async () => {
    const users = ['usr_ada', 'usr_ben', 'usr_chloe', 'usr_dev', 'usr_eunji'];
    const { result, statements } = await countStatements(() => sendEvents(users.map((userId) => outgoing(userSignedIn, { userId }))));
    expect(statements).toBe(1);
    expect(result.backend).toBe('inline');
    if (result.backend !== 'inline') return;
    expect(result.ids).toHaveLength(5);
    expect(result.runIds).toHaveLength(5);
    await settleInlineJobs();
    const runs = await prisma.jobRun.findMany({ where: { eventId: { in: result.ids } } });
    expect(runs.map((run) => (run.payload as { userId: string }).userId).sort()).toEqual(users);
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
  });

  it('retries a job that fails once and records it succeeded at attempt 2', async () => {
    const run = vi.spyOn(warmOnSignInJob, 'run').mockRejectedValueOnce(new Error('flaky'));
    const { ids } = await sendEvent(userSignedIn, { userId: 'usr_ben' });
    await settleInlineJobs();
    expect(run).toHaveBeenCalledTimes(2);
    expect(await runsOf(ids[0]!)).toEqual([expect.objectContaining({ status: 'succeeded', attempt: 2, error: null })]);
  });

  it('gives up on a job that always fails after its attempts, recording the error', async () => {
    const run = vi.spyOn(warmOnSignInJob, 'run').mockRejectedValue(new TypeError('warm-up exploded'));
    const { ids } = await sendEvent(userSignedIn, { userId: 'usr_chloe' });
    await settleInlineJobs();
    // retries: 2 → 3 attempts.
    expect(run).toHaveBeenCalledTimes(3);
    const [row] = await runsOf(ids[0]!);
    expect(row).toMatchObject({ status: 'failed', attempt: 3, error: 'TypeError: warm-up exploded' });
    expect(row!.finishedAt).toBeInstanceOf(Date);
  });

  it('caps retries at the inline maximum and honours NonRetriableError', async () => {
    const nonRetriable = Object.assign(new Error('user is gone'), { name: 'NonRetriableError' });
    const run = vi.spyOn(warmOnSignInJob, 'run').mockRejectedValue(nonRetriable);
    const { ids } = await sendEvent(userSignedIn, { userId: 'usr_dev' });
    await settleInlineJobs();
    expect(run).toHaveBeenCalledTimes(1);
    expect(await runsOf(ids[0]!)).toEqual([expect.objectContaining({ status: 'failed', attempt: 1, error: 'NonRetriableError: user is gone' })]);
  });

  it('rejects an invalid payload with a clear error, and writes and runs nothing', async () => {
    const run = vi.spyOn(warmOnSignInJob, 'run');
    const before = await prisma.jobRun.count();
    const invalid = sendEvent(userSignedIn, { userId: '' });
    await expect(invalid).rejects.toThrow(InvalidJobEventError);
    await expect(invalid).rejects.toThrow('Invalid job event "auth/user.signed-in": userId: Too small: expected string to have >=1 characters');
    // Untyped callers (JavaScript, `any`) are checked too.
    await expect(sendEvent(userSignedIn, { user: 'usr_ada' } as never)).rejects.toThrow(/userId: Invalid input/);
    await settleInlineJobs();
    expect(await prisma.jobRun.count()).toBe(before);
    expect(run).not.toHaveBeenCalled();
  });

  it('runs cron jobs with an empty payload and no event', async () => {
    const run = vi.spyOn(dailyCleanupJob, 'run').mockResolvedValue({ expiredSessions: 0, oldJobRuns: 0, endedApiTokens: 0, more: false });
    const runId = await runCronInline(dailyCleanupJob);
    expect(run).toHaveBeenCalledWith({});
    expect(await prisma.jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ jobName: 'ops/daily-cleanup', eventId: null, status: 'succeeded', payload: {} });
  });
});

describe('the Inngest backend', () => {
  it('throws when Inngest does not take the event, and never runs the job inline', async () => {
    const run = vi.spyOn(warmOnSignInJob, 'run');
    const before = await prisma.jobRun.count();
    // No event key in tests: the SDK refuses to send in cloud mode.
    await expect(sendEvent(userSignedIn, { userId: 'usr_ada' }, { backend: 'inngest' })).rejects.toThrow(JobEventSendError);
    await expect(sendEventAfterResponse(userSignedIn, { userId: 'usr_ada' }, { backend: 'inngest' })).rejects.toThrow(
      /Sending "auth\/user.signed-in" to Inngest failed \(not run inline/,
    );
    await settleInlineJobs();
    expect(run).not.toHaveBeenCalled();
    expect(await prisma.jobRun.count()).toBe(before);
  });

  it('validates the payload before calling Inngest', async () => {
    await expect(sendEvent(userSignedIn, { userId: 42 } as never, { backend: 'inngest' })).rejects.toThrow(InvalidJobEventError);
  });
});
