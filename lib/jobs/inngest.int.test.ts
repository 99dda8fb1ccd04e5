import { InngestTestEngine, mockCtx } from '@inngest/test';
import { NonRetriableError } from 'inngest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { functions } from '@/inngest/functions';
import { prisma } from '@/lib/db/client';
import { allJobs, warmOnSignInJob } from '@/lib/modules/registry';
import { dailyCleanupJob } from '@/lib/ops/module';
import { inngestFunctionId } from './define';
import { inngestRunRowId, markInngestRunFailed, upsertInngestRunning } from './runs';

const fn = (id: string) => functions.find((f) => f.id() === id)!;
const warmUserCache = fn('platform-warm-on-sign-in');
const dailyCleanup = fn('ops-daily-cleanup');

// @inngest/test gives every execution of a run a new run id (Inngest keeps one): find rows by event.
const rowOf = (eventId: string) => prisma.jobRun.findFirstOrThrow({ where: { eventId } });

afterEach(() => {
  vi.restoreAllMocks();
});

const signedIn = (userId: string) => ({ id: `evt-${Math.random().toString(36).slice(2)}`, name: 'auth/user.signed-in', data: { userId }, ts: Date.now() });

describe('Inngest functions', () => {
  it('serve exactly the jobs of the registry, with their retries and flow control', () => {
    expect(functions.map((fn) => fn.id()).sort()).toEqual(allJobs().map((job) => inngestFunctionId(job.name)).sort());
    expect(warmUserCache.opts).toMatchObject({ retries: 2, debounce: { key: 'event.data.userId', period: '1m' }, concurrency: { limit: 5 } });
    expect(dailyCleanup.opts).toMatchObject({ retries: 3, concurrency: { limit: 1 } });
    expect(dailyCleanup.opts.triggers).toEqual(expect.arrayContaining([{ cron: '30 3 * * *' }, expect.objectContaining({ event: expect.anything() })]));
  });

  it('run the job logic in step.run and record the run in job_runs', async () => {
    const t = new InngestTestEngine({ function: warmUserCache });
    const event = signedIn('usr_ada');
    const { result, ctx } = await t.execute({ events: [event] });

    expect(result).toEqual({ userId: 'usr_ada', warmed: expect.arrayContaining(['people:friend-summary', 'wishlists:dashboard']) });
    expect(ctx.step.run).toHaveBeenCalledWith('platform/warm-on-sign-in', expect.any(Function));
    expect(await prisma.jobRun.count({ where: { eventId: event.id } })).toBe(1);
    const row = await rowOf(event.id);
    expect(row).toMatchObject({ jobName: 'platform/warm-on-sign-in', backend: 'inngest', eventId: event.id, status: 'succeeded', attempt: 1, error: null, payload: { userId: 'usr_ada' } });
    expect(row.startedAt).toBeInstanceOf(Date);
    expect(row.finishedAt).toBeInstanceOf(Date);
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('record a failed attempt as waiting for a retry, and the last one as failed', async () => {
    vi.spyOn(warmOnSignInJob, 'run').mockRejectedValue(new Error('cache unreachable'));
    const firstEvent = signedIn('usr_ben');
    const first = await new InngestTestEngine({ function: warmUserCache }).execute({ events: [firstEvent] });
    expect(first.error).toMatchObject({ message: 'cache unreachable' });
    expect(await rowOf(firstEvent.id)).toMatchObject({
      status: 'queued',
      attempt: 1,
      error: 'cache unreachable',
      finishedAt: null,
    });

    // @inngest/test does not model retries: play the last attempt (retries: 2 → attempt index 2).
    const lastEvent = signedIn('usr_ben');
    const last = await new InngestTestEngine({
      function: warmUserCache,
      transformCtx: (ctx) => ({ ...mockCtx(ctx), attempt: 2 }),
    }).execute({ events: [lastEvent] });
    expect(last.error).toMatchObject({ message: 'cache unreachable' });
    const row = await rowOf(lastEvent.id);
    expect(row).toMatchObject({ status: 'failed', attempt: 3, error: 'cache unreachable' });
    expect(row.finishedAt).toBeInstanceOf(Date);
  });

  it('record a NonRetriableError as failed at once', async () => {
    vi.spyOn(warmOnSignInJob, 'run').mockRejectedValue(new NonRetriableError('user is gone'));
    const event = signedIn('usr_gus');
    const { error } = await new InngestTestEngine({ function: warmUserCache }).execute({ events: [event] });
    expect(error).toMatchObject({ message: 'user is gone' });
    expect(await rowOf(event.id)).toMatchObject({ status: 'failed', attempt: 1, error: 'NonRetriableError: user is gone' });
  });

  it('refuse an event whose payload does not match the catalogue, before any step', async () => {
    const { error, ctx } = await new InngestTestEngine({ function: warmUserCache }).execute({
      events: [{ name: 'auth/user.signed-in', data: { user: 'usr_ada' } }],
    });
    expect(String((error as Error | undefined)?.message)).toMatch(/userId/);
    expect(ctx.step.run).not.toHaveBeenCalled();
  });

  it('run a cron job from its schedule with an empty payload', async () => {
    const spy = vi.spyOn(dailyCleanupJob, 'run').mockResolvedValue({ expiredSessions: 0, oldJobRuns: 0, endedApiTokens: 0, more: false });
    const id = `evt-cron-${Date.now()}`;
    const { result } = await new InngestTestEngine({ function: dailyCleanup }).execute({
      events: [{ id, name: 'inngest/scheduled.timer', data: { cron: '30 3 * * *' }, ts: Date.now() }],
    });
    expect(result).toEqual({ expiredSessions: 0, oldJobRuns: 0, endedApiTokens: 0, more: false });
    expect(spy).toHaveBeenCalledWith({});
    expect(await rowOf(id)).toMatchObject({
      jobName: 'ops/daily-cleanup',
      status: 'succeeded',
      payload: {},
    });
  });

  it("mark the run failed when Inngest gives up (onFailure), with or without a row", async () => {
    const runId = `01TESTRUN${Date.now()}`;
    const id = inngestRunRowId(runId);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(inngestRunRowId(runId)).toBe(id);
    await upsertInngestRunning(id, { jobName: 'platform/warm-on-sign-in', eventId: 'evt-x', payload: { userId: 'usr_ada' }, attempt: 3, queuedAt: new Date(), startedAt: new Date() });
    await markInngestRunFailed(id, { jobName: 'platform/warm-on-sign-in', eventId: 'evt-x', payload: { userId: 'usr_ada' }, error: new Error('gave up') });
    expect(await prisma.jobRun.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'failed', attempt: 3, error: 'gave up' });

    // An event that failed validation never reached the step: the row is created failed.
    const other = inngestRunRowId(`${runId}-b`);
    await markInngestRunFailed(other, { jobName: 'platform/warm-on-sign-in', eventId: null, payload: { user: 1 }, error: new Error('userId: required') });
    expect(await prisma.jobRun.findUniqueOrThrow({ where: { id: other } })).toMatchObject({ status: 'failed', attempt: 0, error: 'userId: required' });
  });
});
