import { readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds what the hostile-input suite attacks, from the file system alone: every route handler
 * (`app/api/**\/route.ts`), every page (`app/**\/page.tsx`) and every file of server actions
 * (`app/**\/actions.ts`). A module that adds a route or an action joins the suite by existing.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const APP = path.join(ROOT, 'app');

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type Segment =
  | { kind: 'static'; value: string }
  | { kind: 'dynamic'; name: string }
  | { kind: 'catchAll'; name: string; optional: boolean };

export interface RoutePattern {
  /** The file, relative to the repository (`app/api/v1/wishlists/[id]/route.ts`). */
  file: string;
  /** The URL pattern as Next names it (`/api/v1/wishlists/[id]`). */
  pattern: string;
  segments: Segment[];
}

/** Files named `name` under `dir`, relative to the repository, sorted. */
function filesNamed(dir: string, names: readonly string[]): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile() && names.includes(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The URL segments of a folder path under app/: route groups `(x)` vanish; `_private` folders are not routes. */
function segmentsOf(file: string): Segment[] | null {
  const folders = path.dirname(path.relative(APP, path.join(ROOT, file))).split(path.sep).filter((folder) => folder !== '.');
  const segments: Segment[] = [];
  for (const folder of folders) {
    if (folder.startsWith('_') || folder.startsWith('@')) return null;
    if (/^\(.*\)$/.test(folder)) continue;
    const optionalCatchAll = /^\[\[\.\.\.(.+)\]\]$/.exec(folder);
    const catchAll = /^\[\.\.\.(.+)\]$/.exec(folder);
    const dynamic = /^\[(.+)\]$/.exec(folder);
    if (optionalCatchAll) segments.push({ kind: 'catchAll', name: optionalCatchAll[1]!, optional: true });
    else if (catchAll) segments.push({ kind: 'catchAll', name: catchAll[1]!, optional: false });
    else if (dynamic) segments.push({ kind: 'dynamic', name: dynamic[1]! });
    else segments.push({ kind: 'static', value: folder });
  }
  return segments;
}

export function patternOf(segments: readonly Segment[]): string {
  const parts = segments.map((segment) =>
    segment.kind === 'static' ? segment.value : segment.kind === 'dynamic' ? `[${segment.name}]` : segment.optional ? `[[...${segment.name}]]` : `[...${segment.name}]`,
  );
  return `/${parts.join('/')}`;
}

function patterns(files: string[]): RoutePattern[] {
  return files.flatMap((file) => {
    const segments = segmentsOf(file);
    return segments ? [{ file, pattern: patternOf(segments), segments }] : [];
  });
}

/** Every route handler file under app/api. */
export function routePatterns(): RoutePattern[] {
  return patterns(filesNamed(path.join(APP, 'api'), ['route.ts', 'route.js']));
}

/** Every page under app/. */
export function pagePatterns(): RoutePattern[] {
  return patterns(filesNamed(APP, ['page.tsx', 'page.ts', 'page.jsx', 'page.js']));
}

/** Every file of server actions under app/. */
export function actionFiles(): string[] {
  return filesNamed(APP, ['actions.ts', 'actions.js']);
}

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[] | undefined>> }) => Promise<Response>;

export interface DiscoveredRoute extends RoutePattern {
  method: HttpMethod;
  handler: RouteHandler;
}

/** Imports every route file and returns one entry per exported HTTP method. */
export async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const found: DiscoveredRoute[] = [];
  for (const route of routePatterns()) {
    const exports = (await import(/* @vite-ignore */ path.join(ROOT, route.file))) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      const handler = exports[method];
      if (typeof handler === 'function') found.push({ ...route, method, handler: handler as RouteHandler });
    }
  }
  return found;
}

export type ServerAction = (...args: unknown[]) => Promise<unknown>;

export interface DiscoveredAction {
  file: string;
  name: string;
  action: ServerAction;
}

/** Imports every actions file and returns every exported function (each is a server action). */
export async function discoverActions(): Promise<DiscoveredAction[]> {
  const found: DiscoveredAction[] = [];
  for (const file of actionFiles()) {
    const exports = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === 'function') found.push({ file, name, action: value as ServerAction });
    }
  }
  return found;
}

/** A concrete path for a pattern, with `values` for its dynamic segments (already encoded). */
export function pathFor(segments: readonly Segment[], values: Record<string, string | string[]>): string {
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment.kind === 'static') parts.push(segment.value);
    else {
      const value = values[segment.name];
      if (Array.isArray(value)) parts.push(...value);
      else if (value !== undefined) parts.push(value);
    }
  }
  return `/${parts.join('/')}`;
}
