import type { DiscoveredAction } from './discover';
import { showValue } from './inputs';
import { fieldCandidates, ownedIds } from './probe';

/**
 * Calling server actions as a client could: any arguments, and what came of it, with Next's
 * control flow (redirect(), notFound()) told apart from failures.
 */
export type Outcome =
  | { kind: 'returned'; value: unknown }
  | { kind: 'redirect'; url: string }
  | { kind: 'http'; status: number }
  | { kind: 'threw'; error: unknown };

export async function callAction(action: DiscoveredAction['action'], args: unknown[]): Promise<Outcome> {
  try {
    return { kind: 'returned', value: await action(...args) };
  } catch (error) {
    const digest = (error as { digest?: unknown } | null)?.digest;
    if (typeof digest === 'string') {
      // redirect(): NEXT_REDIRECT;<type>;<url>;<status>;   notFound() and friends: NEXT_HTTP_ERROR_FALLBACK;<status>
      const redirect = /^NEXT_REDIRECT;[^;]*;(.*);\d{3};?$/.exec(digest);
      if (redirect) return { kind: 'redirect', url: redirect[1]! };
      const fallback = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest);
      if (fallback) return { kind: 'http', status: Number(fallback[1]) };
    }
    return { kind: 'threw', error };
  }
}

/** A MutationResult (or FormState) that refuses, saying why. */
export function isFailureWithMessage(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const result = value as { ok?: unknown; message?: unknown };
  return result.ok === false && typeof result.message === 'string' && result.message.trim().length > 0;
}

export function isSuccess(outcome: Outcome): boolean {
  if (outcome.kind === 'redirect') return true;
  return outcome.kind === 'returned' && (outcome.value as { ok?: unknown } | null)?.ok === true;
}

/** A refusal: a failure with a message, or a 4xx of Next's (notFound(), forbidden()). */
export function isRefusal(outcome: Outcome): boolean {
  if (outcome.kind === 'http') return outcome.status >= 400 && outcome.status < 500;
  return outcome.kind === 'returned' && isFailureWithMessage(outcome.value);
}

/** A redirect to a path of this site (never another origin, never `//host`). */
export function isSameSitePath(url: string): boolean {
  return url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}

export function describeOutcome(outcome: Outcome): string {
  if (outcome.kind === 'threw') return `threw ${outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : String(outcome.error)}`;
  if (outcome.kind === 'redirect') return `redirected to ${outcome.url}`;
  if (outcome.kind === 'http') return `Next's ${outcome.status}`;
  return `returned ${showValue(outcome.value).slice(0, 400)}`;
}

/** A FormData that remembers which fields were read (the fields an action takes). */
export class RecordingFormData extends FormData {
  readonly read = new Set<string>();
  override get(name: string) {
    this.read.add(name);
    return super.get(name);
  }
  override getAll(name: string) {
    this.read.add(name);
    return super.getAll(name);
  }
  override has(name: string) {
    this.read.add(name);
    return super.has(name);
  }
}

export function formDataOf(values: Record<string, string | Blob>, extra: [string, string | Blob][] = []): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(values)) form.append(name, value);
  for (const [name, value] of extra) form.append(name, value);
  return form;
}

/** Input an action accepted: its bound arguments (ids) and a form's values (functions: unique ones are new each time). */
export interface Baseline {
  bound: string[];
  values: Record<string, () => string>;
}

const MAX_PROBES = 24;

/** What a search found: an accepted form, or why not (`missing record`: another search may find the record an id needs). */
export type BaselineSearch = { found: Baseline } | { found: null; stopped: 'fields' | 'missing record' | 'refused' | 'budget' };

/**
 * Looks for a form the action accepts, guided by its answers: every field starts empty; a field
 * the failure names (its fieldErrors) moves on to its next candidate; a failure that names no
 * field and says a record is missing (`not_found`) moves on to the next bound argument (none,
 * then each id the viewer owns); any other refusal (a wrong password) ends the search. Whatever
 * it finds was written, before any property runs. Without an accepted form, the properties
 * attack the action without one.
 */
export async function findBaseline(action: DiscoveredAction['action'], fields: string[], viewerId: string): Promise<BaselineSearch> {
  const candidates = Object.fromEntries(await Promise.all(fields.map(async (field) => [field, await fieldCandidates(field)] as const)));
  const boundOptions: string[][] = [[], ...(await ownedIds(viewerId)).map((id) => [id])];
  let probes = 0;
  for (const bound of boundOptions) {
    const cursor: Record<string, number> = Object.fromEntries(fields.map((field) => [field, 0]));
    for (;;) {
      if (++probes > MAX_PROBES) return { found: null, stopped: 'budget' };
      const chosen = Object.fromEntries(fields.map((field) => [field, candidates[field]![cursor[field]!]!]));
      const values = Object.fromEntries(fields.map((field) => [field, chosen[field]!()]));
      const outcome = await callAction(action, [...bound, null, formDataOf(values)]);
      if (isSuccess(outcome)) return { found: { bound, values: chosen } };
      const result = outcome.kind === 'returned' ? (outcome.value as { code?: unknown; fieldErrors?: Record<string, string> } | null) : null;
      const atFault = Object.keys(result?.fieldErrors ?? {}).filter((field) => field in cursor);
      if (atFault.length === 0) {
        if (result?.code === 'not_found' || (outcome.kind === 'http' && outcome.status === 404)) break;
        return { found: null, stopped: 'refused' };
      }
      for (const field of atFault) {
        cursor[field] = cursor[field]! + 1;
        if (cursor[field]! >= candidates[field]!.length) return { found: null, stopped: 'fields' };
      }
    }
  }
  return { found: null, stopped: 'missing record' };
}
