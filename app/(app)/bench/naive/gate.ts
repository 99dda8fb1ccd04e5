import { notFound } from 'next/navigation';
import { isBenchMode } from '@/lib/bench-mode';

/**
 * A naive loader that answers "not found" outside bench mode. proxy.ts already answers 404 for
 * /bench/* before anything streams; this is the second lock, in case the page is reached anyway.
 */
export function benchOnly<Args extends unknown[], Result>(load: (...args: Args) => Promise<Result>) {
  return async (...args: Args): Promise<Result> => {
    if (!isBenchMode()) notFound();
    return load(...args);
  };
}
