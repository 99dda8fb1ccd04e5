import { describe, expect, it, vi } from 'vitest';
import { logger } from '@/lib/metrics/logger';
import { formAction, viewerAction } from './action';

// Nothing may be asked of the session when the form is refused before it is read.
vi.mock('@/lib/auth/viewer', () => ({ requireViewer: vi.fn(() => Promise.reject(new Error('the viewer was asked for'))) }));

describe('formAction', () => {
  it('refuses a call whose last argument is not a form, with a message, before reading anything', async () => {
    const run = vi.fn();
    const action = formAction('test', ['name'], run) as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[], [null], [null, 'name=x'], [null, { name: 'x' }], ['id', null, ['x']]]) {
      expect(await action(...args), JSON.stringify(args)).toEqual({ ok: false, code: 'invalid', message: 'The form did not arrive as a form: reload the page and send it again.', fieldErrors: {} });
    }
    expect(run).not.toHaveBeenCalled();
  });
});

describe('viewerAction', () => {
  it('logs a failure that is not the database being away, naming the action, and lets it fail', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    await expect(viewerAction('test.fails', vi.fn())()).rejects.toThrow('the viewer was asked for');
    expect(logged).toHaveBeenCalledWith({ action: 'test.fails', err: 'the viewer was asked for', sqlState: undefined }, 'action: failed');
    logged.mockRestore();
  });
});
