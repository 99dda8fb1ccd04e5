import type { ZodType } from 'zod';
import type { CacheKind } from '@/lib/cache/kinds';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import type { AnyJobDefinition } from '@/lib/jobs/define';

/**
 * What the platform needs to know about a module, declared in one place: `lib/<module>/module.ts`.
 * The registry (`modules.ts` at the root) lists the manifests; every consumer reads them from
 * there — the job backends, the proxy, the navigation, the ops console, the seed, and the tools
 * (Playwright budgets, Lighthouse, the benchmark). The platform never imports a module by name.
 *
 * A manifest must stay cheap to import (the proxy, Playwright and the benchmark import every
 * one): it imports schemas, kinds and constants, and reaches its queries and job logic through
 * `import()` inside the functions that need them.
 */
export interface ModuleManifest {
  /** The module's folder name: `lib/<name>/`, and the prefix of its jobs, events and cache namespaces. */
  name: string;
  /** Its entries in the navigation. */
  nav?: readonly NavEntry[];
  /** Its background jobs (the inline backend and the Inngest functions both read this list). */
  jobs?: readonly AnyJobDefinition[];
  /** Its cache kinds, with the plan's lifetimes (the ops console lists them). */
  cacheKinds?: readonly CacheKind[];
  /** Pages whose existence depends on the viewer, checked in full by the proxy (a real 404). */
  guards?: readonly PageGuard[];
  /** Paths a signed-out visitor may open (everything else sends them to sign-in). */
  publicPaths?: readonly RegExp[];
  /**
   * Pages whose finished output may be kept per viewer and served again until one of the tags it
   * read is dropped (lib/render-cache): pages that read only through cached-read descriptors.
   * A render that runs a statement outside a cached read is never kept anyway.
   */
  cachedPages?: readonly RegExp[];
  /** Its pages, with the budgets that Playwright and Lighthouse check. */
  pages?: readonly PageBudget[];
  /** Its routes in the benchmark, with the plan's targets. */
  bench?: readonly BenchRoute[];
  /**
   * Fills the caches a user is about to read, right after they sign in (their dashboard, feeds,
   * stats), through the same cached-read descriptors as the pages. Returns what it warmed.
   */
  warmOnSignIn?: (userId: string) => Promise<string[]>;
  /**
   * The cache tags to drop when a user deletes their account, so that nobody sees them after:
   * read just before the deletion, because the rows that say who else saw the user (memberships,
   * messages) go with it. One statement; only what other people's pages show.
   */
  accountDeletionTags?: (userId: string) => Promise<readonly string[]>;
  /** Its seeder (prisma/seed/<module>.ts), run in registry order. */
  seed?: () => Promise<Seeder>;
  /**
   * What it offers the Projects builder's dashboards: the data part of each widget (its view is
   * in components/<module>/widgets.tsx, keyed by the same type).
   */
  widgets?: readonly WidgetDefinition[];
  /**
   * What its migrations make that the Prisma schema cannot state, for the drift check
   * (lib/db/drift.ts): raw-SQL objects by name (CHECKs, expression or covering indexes,
   * triggers, functions) and partitioned tables with their partition keys.
   */
  database?: { rawSqlObjects?: readonly string[]; partitionedTables?: Readonly<Record<string, string>> };
  /**
   * Problems the ops console's Alerts widget shows beside the platform's own (a module's health
   * checks, e.g. counters that drifted). Read on every refresh of the console: keep it cheap.
   */
  opsAlerts?: () => Promise<OpsAlert[]>;
  /**
   * What the reliability suite (`npm run test:reliability`) checks on this module's own data,
   * against production servers: races only the module can state (two people taking one gift,
   * one code redeemed twice, counter caches and rollups after concurrent writes).
   */
  reliability?: { concurrency?: readonly ConcurrencyCheck[] };
}

/** One line of the ops console's Alerts. */
export interface OpsAlert {
  key: string;
  message: string;
}

/**
 * A race the reliability suite runs against a production server: many writes at once through
 * the app (its server actions, as browsers send them), then the data checked in the database.
 */
export interface ConcurrencyCheck {
  name: string;
  /** What must hold afterwards, in one sentence (the report's line). */
  expectation: string;
  run(context: ReliabilityContext): Promise<{ ok: boolean; detail: string }>;
}

/** A server action's answer as the suite saw it. */
export interface ActionAnswer {
  status: number;
  /** The MutationResult it returned, or null (a redirect, an error page). */
  result: { ok: boolean; code?: string; message?: string; value?: unknown } | null;
  redirect: string | null;
}

export interface ReliabilityContext {
  /**
   * Calls a server action (`app/(app)/<module>/actions.ts#<export>`) as a demo viewer, posted to
   * `page` (the page the browser would be on; default: a page that holds the action).
   */
  action(viewer: DemoViewerKey, name: string, args: unknown[], page?: string): Promise<ActionAnswer>;
  /** Calls a form action (formAction: bound arguments, then the form's fields) as a demo viewer. */
  formAction(viewer: DemoViewerKey, name: string, bound: unknown[], fields: Record<string, string>, page?: string): Promise<ActionAnswer>;
  /** A page or API answer for a demo viewer (null: signed out). */
  get(viewer: DemoViewerKey | null, path: string): Promise<{ status: number; body: string }>;
  /**
   * An API request as a demo viewer (its session cookie; null: signed out), with `body` sent as
   * JSON when given, from the app's own origin (as the browser's fetch sends it).
   */
  request(viewer: DemoViewerKey | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: string }>;
  /** One SQL statement straight on the database, to find the subjects of a race and check the outcome. */
  sql<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

/**
 * A widget of the Projects builder (plan 004): a module's view of its own data, placed on a
 * project's dashboard with a config the editor chose. `load` reads through the module's cached
 * reads with the viewer's access rules (what the viewer may not see is not in its answer).
 */
export interface WidgetDefinition<Config = unknown, Data = unknown> {
  /** `<module>.<widget>`: stored in dashboard components, the key of its view. */
  type: string;
  title: string;
  description: string;
  /** The config's schema (zod, no transforms): a stored config is validated with it on every read. */
  config: ZodType<Config>;
  defaultConfig: Config;
  /** Its default size on the dashboard grid (12 columns; rows of 4rem). */
  size: { w: number; h: number };
  load(viewerId: string, config: Config): Promise<Data>;
}

export type Audience = 'everyone' | 'admin';

export interface NavEntry {
  href: string;
  label: string;
  /** `products`: the main navigation and the home page's cards; `account`: next to the user's name. */
  placement: 'products' | 'account';
  /** Who sees the entry (default: everyone signed in). */
  audience?: Audience;
  /** One sentence for the home page's card (products). */
  description?: string;
}

export interface GuardViewer {
  id: string;
  role: 'user' | 'admin';
}

export interface PageGuard {
  /** The route as Next names it (`/wishlists/[id]`): the metrics name of the check is `proxy:<route>`. */
  route: string;
  pattern: RegExp;
  /** Whether the viewer may open the page; else the proxy answers 404 before anything streams. */
  allows(viewer: GuardViewer, match: RegExpExecArray): Promise<boolean>;
}

/**
 * A demo account by key: its id without the `usr_` prefix (prisma/seed/demo-accounts.ts lists
 * them, `usr_ada` → `ada`), or null for a signed-out visitor.
 */
export type DemoViewerKey = string;

export interface PageBudget {
  /** A concrete path on the demo data. */
  path: string;
  /** The Next route it renders (for reports). */
  route: string;
  /** Who opens it. */
  viewer: DemoViewerKey | null;
  /**
   * Text that only the streamed data contains: it must not be in the prerendered shell and must
   * arrive after it. Empty for a page without streamed data (a form).
   */
  streamed: readonly string[];
  /** Links and buttons that Tab must reach, by accessible name. */
  keyboard: readonly string[];
  /**
   * Transferred bytes (compressed): everything the page loads, link prefetches included
   * (Playwright and Lighthouse), and its first-load script (the scripts the document loads;
   * Playwright), at most FIRST_LOAD_SCRIPT_BYTES on every page.
   */
  bytes: { total: number; script?: number };
  /**
   * Lighthouse timing runs in CI: each module's `representative` page, on the mobile form factor
   * and its budgets when it is the module's main dashboard (`mobile`), else on the desktop
   * preset. `npm run lighthouse -- --all` measures every page on desktop, and `mobile` pages on
   * mobile too. `desktopHeld`: the page misses the desktop timing budget and CI holds it where it
   * is instead (a lower score, a higher blocking time), with the reason in the README; the goal
   * stays the common budget.
   */
  lighthouse?: { representative?: boolean; mobile?: boolean; desktopHeld?: { minScore: number; maxBlockingMs: number } };
}

/** Every page's budgets for what a first visit downloads (issue: mobile first load). */
export const FIRST_LOAD_SCRIPT_BYTES = 120_000;
export const FONT_BYTES = 35_000;

export type BenchFigure = 'coldTotal' | 'warmTotal' | 'statements' | 'loadMean' | 'loadP95' | 'hitRate';

export interface PlanTarget {
  /** The figure must stay at or under this (ms, statements) — or, for hitRate, above it. */
  limit: number;
  text: string;
  /** Which plan and which of its numbers. */
  source: string;
  before?: string;
}

export interface BenchRoute {
  /** The route's name in reports and metrics (`/wishlists/[id]`). */
  route: string;
  kind: 'page' | 'api';
  /** A concrete path on the demo data. */
  path: string;
  /** The same page or answer done as the plan's "before" did it (bench mode only), or null. */
  naive: string | null;
  /** Who requests it: a demo account by key (default `ada`); the page must answer them 200. */
  viewer?: DemoViewerKey;
  /** Who loads the route's code into a fresh process before a cold measurement (default `ben`); `warmerPath` must answer them 200. */
  warmer?: DemoViewerKey;
  /**
   * What another viewer requests to load the route's code before a cold measurement, when the
   * route's own path would fill cache entries the measurement must find empty (default: the path).
   */
  warmerPath?: string;
  targets: Partial<Record<BenchFigure, PlanTarget>>;
}

export interface SeedContext {
  scale: 'demo' | 'large';
  log: (line: string) => void;
  /** The day the data is relative to (midnight UTC of the day of seeding, unless fixed). */
  today: Date;
}

export type Seeder = (prisma: PrismaClient, context: SeedContext) => Promise<void>;

/** Declares a module's manifest (a typed identity: the registry checks it when it is installed). */
export function defineModule(manifest: ModuleManifest): ModuleManifest {
  return manifest;
}
