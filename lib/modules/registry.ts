import { userSignedIn } from '@/lib/auth/events';
import type { CacheKind } from '@/lib/cache/kinds';
import { defineJob, type AnyJobDefinition } from '@/lib/jobs/define';
import { processGlobal } from '@/lib/process-global';
import type { ModuleManifest, WidgetDefinition } from './manifest';

/**
 * The installed modules, once per process. The registry file (`modules.ts` at the root) installs
 * them when it is first imported; every entry point imports it (instrumentation.ts for the
 * server process, the proxy, the layouts, the Inngest route, scripts and test set-up), so the
 * platform reads them here without importing any manifest.
 */
const state = processGlobal('modules', () => ({ modules: undefined as readonly ModuleManifest[] | undefined, jobs: [] as AnyJobDefinition[] }));

/**
 * Plan 000's CacheWarmingJob, for every module: after a sign-in, each module fills what the user
 * is about to read, through its own cached-read descriptors. Idempotent: fresh entries stay.
 */
export const warmOnSignInJob = defineJob({
  name: 'platform/warm-on-sign-in',
  description: "Warms a user's cached dashboards, feeds and stats after they sign in",
  trigger: { event: userSignedIn },
  // Warming is an optimisation: a couple of retries, then let the first page view fill the cache.
  retries: 2,
  inngest: {
    // Several sign-ins in a minute (tabs, devices) warm once, with the latest event.
    debounce: { key: 'event.data.userId', period: '1m', timeout: '5m' },
    // The plan's low-priority queue: never more than a few at once, behind other work.
    concurrency: { limit: 5 },
    priority: { run: '-60' },
  },
  run: async ({ userId }) => {
    const warmed: string[] = [];
    for (const manifest of installedModules()) {
      if (manifest.warmOnSignIn) warmed.push(...(await manifest.warmOnSignIn(userId)).map((what) => `${manifest.name}:${what}`));
    }
    // Only what was warmed goes back (Inngest stores step results): never the user's data.
    return { userId, warmed };
  },
});

/** The platform's own jobs, beside the modules'. */
const PLATFORM_JOBS: readonly AnyJobDefinition[] = [warmOnSignInJob];

/** Installs the modules (first call wins: every bundle of the process imports the registry). Checks that names do not collide. */
export function installModules<const M extends readonly ModuleManifest[]>(modules: M): M {
  if (state.modules) return modules;
  const problems: string[] = [];
  const seen = (what: string) => {
    const names = new Set<string>();
    return (name: string) => {
      if (names.has(name)) problems.push(`two ${what} are named "${name}"`);
      names.add(name);
    };
  };
  const moduleName = seen('modules');
  const jobName = seen('jobs');
  const namespace = seen('cache kinds');
  const widgetType = seen('widgets');
  for (const job of PLATFORM_JOBS) jobName(job.name);
  for (const manifest of modules) {
    moduleName(manifest.name);
    for (const job of manifest.jobs ?? []) {
      jobName(job.name);
      if (!job.name.startsWith(`${manifest.name}/`)) problems.push(`job "${job.name}" of module ${manifest.name} must be named ${manifest.name}/…`);
    }
    for (const widget of manifest.widgets ?? []) {
      widgetType(widget.type);
      if (!widget.type.startsWith(`${manifest.name}.`)) problems.push(`widget "${widget.type}" of module ${manifest.name} must be named ${manifest.name}.…`);
    }
    for (const kind of manifest.cacheKinds ?? []) {
      namespace(kind.namespace);
      if (!kind.namespace.startsWith(`${manifest.name}.`)) problems.push(`cache kind "${kind.namespace}" of module ${manifest.name} must be named ${manifest.name}.…`);
    }
  }
  if (problems.length > 0) throw new Error(`Module registry: ${problems.join('; ')}`);
  state.modules = modules;
  state.jobs = [...PLATFORM_JOBS, ...modules.flatMap((manifest) => manifest.jobs ?? [])];
  return modules;
}

export function installedModules(): readonly ModuleManifest[] {
  if (!state.modules) throw new Error('No modules are installed: the entry point must import the registry (`@/modules`).');
  return state.modules;
}

/** Every job: the platform's and every module's. */
export function allJobs(): readonly AnyJobDefinition[] {
  installedModules();
  return state.jobs;
}

export function jobsForEvent(eventName: string): AnyJobDefinition[] {
  return allJobs().filter((job) => job.trigger.event.name === eventName);
}

export function cronJobs(): AnyJobDefinition[] {
  return allJobs().filter((job) => job.trigger.cron !== undefined);
}

/** A widget of the Projects builder with the module that offers it. */
export interface InstalledWidget {
  module: string;
  definition: WidgetDefinition;
}

/** Every module's widgets for the Projects builder, in registry order (each manifest's `widgets`). */
export function installedWidgets(): readonly InstalledWidget[] {
  return installedModules().flatMap((manifest) => (manifest.widgets ?? []).map((definition) => ({ module: manifest.name, definition })));
}

/** The installed widget of this type, or undefined (a stored type whose module is gone). */
export function installedWidget(type: string): InstalledWidget | undefined {
  return installedWidgets().find((widget) => widget.definition.type === type);
}

/** Every module's cache kinds, by module, for the ops console. */
export function cacheKindsByModule(): { module: string; kinds: readonly CacheKind[] }[] {
  return installedModules().map((manifest) => ({ module: manifest.name, kinds: manifest.cacheKinds ?? [] }));
}
