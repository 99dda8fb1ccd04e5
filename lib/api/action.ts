import { unstable_rethrow } from 'next/navigation';
import { requireViewer, type Viewer } from '@/lib/auth/viewer';
import { isDatabaseUnavailable, sqlState } from '@/lib/db/errors';
import { noteDatabaseUnavailable } from '@/lib/db/health';
import { logger } from '@/lib/metrics/logger';
import { measure } from '@/lib/metrics/request';
import { refreshed } from './refresh';
import { fail, formValues, isFormData, notAForm, type FormState, type MutationResult } from '@/lib/validation';

/**
 * The one wrapper of Brisk's server actions: who is asking (signed in, or off to sign-in), the
 * mutation measured as one request (`action:<name>`), and a MutationResult whatever happens: a
 * database that cannot be reached is a message, not an error page (the write did not happen;
 * the user can try again). Mutations validate their input with zod themselves.
 */
export function viewerAction<Args extends unknown[], T>(name: string, run: (viewer: Viewer, ...args: Args) => Promise<MutationResult<T>>) {
  return async (...args: Args): Promise<MutationResult<T>> => {
    try {
      // Inside: a session that must be read from an unreachable database is "unavailable" too.
      const viewer = await requireViewer();
      const { result } = await measure(`action:${name}`, 'action', () => run(viewer, ...args));
      return result;
    } catch (error) {
      // redirect(), notFound() and Next's other control flow are not failures.
      unstable_rethrow(error);
      if (!isDatabaseUnavailable(error)) {
        // Next answers it with a 500 and logs nothing of it in production: the log says which action and why.
        logger.error({ action: name, err: (error as Error).message, sqlState: sqlState(error) }, 'action: failed');
        throw error;
      }
      noteDatabaseUnavailable();
      logger.error({ action: name, err: (error as Error).message }, 'action: database unavailable');
      return fail('unavailable', 'The database is not reachable right now: nothing was changed. Try again in a few seconds.');
    }
  };
}

/** After a successful form action: stay and re-render the page with the fresh data, or go somewhere. */
export type FormSuccess<T, Bound extends unknown[]> = 'refresh' | 'stay' | ((value: T, ...bound: Bound) => never);

/**
 * A server action for a form used with useActionState: `(…bound, previousState, formData)`. Reads
 * the named fields, runs the mutation as the viewer (viewerAction), puts the submitted values
 * back in the form when it fails, and on success refreshes the page, stays, or redirects.
 */
export function formAction<Bound extends unknown[], T>(
  name: string,
  fields: readonly string[],
  run: (viewer: Viewer, values: Record<string, string>, ...bound: Bound) => Promise<MutationResult<T>>,
  onSuccess: FormSuccess<T, Bound> = 'refresh',
) {
  return async (...args: [...Bound, FormState<T>, FormData]): Promise<FormState<T>> => {
    const formData = args[args.length - 1];
    // A client may call the action with anything: what is not a form is refused, not read.
    if (!isFormData(formData)) return notAForm();
    const bound = args.slice(0, -2) as Bound;
    const values = formValues(formData, fields);
    const result = await viewerAction(name, (viewer: Viewer) => run(viewer, values, ...bound))();
    if (!result.ok) return { ...result, values };
    if (onSuccess === 'refresh') refreshed(result);
    else if (typeof onSuccess === 'function') onSuccess(result.value, ...bound);
    return result;
  };
}
