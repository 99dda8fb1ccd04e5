import { refresh } from 'next/cache';
import type { MutationResult } from '@/lib/validation';

/** After a change that stays on the page: re-render it with the fresh data (server actions only). */
export function refreshed<T>(result: MutationResult<T>): MutationResult<T> {
  if (result.ok) refresh();
  return result;
}
