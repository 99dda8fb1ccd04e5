import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Calls server actions over HTTP as the browser's React client does (POST with the `Next-Action`
 * header, the arguments encoded as React's reply format), against a production build: the action
 * ids come from the build's server-reference manifest, so nothing here names an id.
 */
interface ManifestEntry {
  filename?: string;
  exportedName?: string;
  workers: Record<string, unknown>;
}

export interface ActionOutcome {
  status: number;
  /** The MutationResult the action returned (null when the answer held none, e.g. a redirect). */
  result: { ok: boolean; code?: string; message?: string; value?: unknown } | null;
  redirect: string | null;
  ms: number;
}

export interface CallOptions {
  page?: string;
  timeoutMs?: number;
}

export class ActionCaller {
  private readonly entries: Map<string, { id: string; path: string }>;

  constructor(distDir: string) {
    const manifest = JSON.parse(readFileSync(path.join(distDir, 'server', 'server-reference-manifest.json'), 'utf8')) as { node: Record<string, ManifestEntry> };
    this.entries = new Map();
    for (const [id, entry] of Object.entries(manifest.node)) {
      if (!entry.filename || !entry.exportedName) continue;
      this.entries.set(`${entry.filename}#${entry.exportedName}`, { id, path: pagePathOf(Object.keys(entry.workers)) });
    }
  }

  /** `app/(app)/wishlists/actions.ts#giftAction` → its id and a page it can be posted to. */
  find(name: string): { id: string; path: string } {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`no server action ${name} in the build (known: ${[...this.entries.keys()].join(', ')})`);
    return entry;
  }

  /**
   * Calls an action with plain arguments (strings, numbers, objects), posted to `page` (the page
   * the browser would be on; default: a page of the build that holds the action).
   */
  async call(origin: string, cookie: string, name: string, args: unknown[], options: CallOptions = {}): Promise<ActionOutcome> {
    return this.send(origin, cookie, name, JSON.stringify(args), 'text/plain;charset=UTF-8', options);
  }

  /** Calls a form action (`formAction`: bound arguments, the previous state, then the form). */
  async callForm(origin: string, cookie: string, name: string, bound: unknown[], fields: Record<string, string>, options: CallOptions = {}): Promise<ActionOutcome> {
    const form = new FormData();
    // React's reply format: a FormData argument is "$K<part>", its fields sent as
    // "_<part>_<field>" before part 0, the argument list (the server reads them in that order).
    for (const [key, value] of Object.entries(fields)) form.append(`_1_${key}`, value);
    form.set('0', JSON.stringify([...bound, null, '$K1']));
    return this.send(origin, cookie, name, form, null, options);
  }

  private async send(origin: string, cookie: string, name: string, body: string | FormData, contentType: string | null, options: CallOptions): Promise<ActionOutcome> {
    const { id, path: defaultPath } = this.find(name);
    const started = performance.now();
    const response = await fetch(`${origin}${options.page ?? defaultPath}`, {
      method: 'POST',
      headers: { 'next-action': id, accept: 'text/x-component', origin, cookie, ...(contentType ? { 'content-type': contentType } : {}) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = await response.text();
    return { status: response.status, result: mutationResultIn(text), redirect: response.headers.get('x-action-redirect'), ms: performance.now() - started };
  }
}

/** A page of the action's workers without dynamic segments, as a URL path. */
function pagePathOf(workers: string[]): string {
  const pages = workers.filter((worker) => worker.endsWith('/page') && !worker.includes('[') && !worker.includes('/bench/'));
  const page = pages.sort((a, b) => a.length - b.length)[0] ?? 'app/page';
  const segments = page
    .replace(/^app\//, '')
    .replace(/\/?page$/, '')
    .split('/')
    .filter((segment) => segment && !/^\(.*\)$/.test(segment));
  return `/${segments.join('/')}`;
}

/** The first `{ ok: … }` object in an RSC answer's rows. */
function mutationResultIn(text: string): ActionOutcome['result'] {
  for (const line of text.split('\n')) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (!json) continue;
    try {
      const found = findOk(JSON.parse(json), 0);
      if (found) return found;
    } catch {
      // not JSON
    }
  }
  return null;
}

function findOk(value: unknown, depth: number): ActionOutcome['result'] {
  if (!value || typeof value !== 'object' || depth > 3) return null;
  if (typeof (value as { ok?: unknown }).ok === 'boolean') return value as ActionOutcome['result'];
  for (const child of Object.values(value)) {
    const found = findOk(child, depth + 1);
    if (found) return found;
  }
  return null;
}
