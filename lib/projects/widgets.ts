import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { installedWidget, installedWidgets, type InstalledWidget } from '@/lib/modules/registry';
import { logger } from '@/lib/metrics/logger';
import { UNSTORABLE_TEXT, isStorableText } from '@/lib/validation';
import type { ComponentRecord, ConfigField, WidgetCatalogEntry } from './types';

/** The top-level field of a config holding a string (or key) PostgreSQL cannot store, '' for the config itself, or null. */
function unstorableField(value: unknown, field = ''): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : field;
  if (Array.isArray(value)) {
    for (const item of value) if (unstorableField(item, field) !== null) return field;
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return field;
      const found = unstorableField(item, field || key);
      if (found !== null) return found;
    }
  }
  return null;
}

/*
 * The builder's view of the widget registry: every installed module's `widgets` (their data
 * parts: lib/modules/manifest.ts), never a list of its own. Their views are found by convention
 * in components/<module>/widgets.tsx (components/projects/widget-views.ts).
 */

/** What a component shows: its widget's data for this viewer, or why it cannot. */
export type ComponentData =
  | { status: 'ok'; module: string; title: string; config: unknown; data: unknown }
  | { status: 'unavailable'; title: string; message: string }
  | { status: 'failed'; module: string; title: string; message: string };

/** Plain field names into words: `channelId` → "Channel id". */
const humanize = (name: string) => {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxLength?: number;
  format?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
};

/** A choice's option: its value JSON-encoded (numbers stay numbers, null stays null). */
const option = (value: unknown) => ({ value: JSON.stringify(value), label: value === null ? 'None' : String(value) });

function fieldOf(name: string, schema: JsonSchema): ConfigField {
  const label = schema.title ?? humanize(name);
  const branches = schema.anyOf ?? schema.oneOf;
  const nullable = !!branches?.some((branch) => branch.type === 'null');
  const rest = branches ? branches.filter((branch) => branch.type !== 'null') : [schema];
  if (rest.length > 1 && rest.every((branch) => branch.const !== undefined)) {
    return { name, label, kind: 'choice', nullable, options: rest.map((branch) => option(branch.const)) };
  }
  if (rest.length !== 1) return { name, label, kind: 'json' };
  const only = rest[0]!;
  if (only.const !== undefined) return { name, label, kind: 'choice', nullable, options: [option(only.const)] };
  if (only.enum) return { name, label, kind: 'choice', nullable, options: only.enum.map(option) };
  switch (only.type) {
    case 'integer':
    case 'number':
      return {
        name,
        label,
        kind: 'number',
        integer: only.type === 'integer',
        nullable,
        min: only.minimum ?? (only.exclusiveMinimum !== undefined ? only.exclusiveMinimum + 1 : undefined),
        max: only.maximum ?? (only.exclusiveMaximum !== undefined ? only.exclusiveMaximum - 1 : undefined),
      };
    case 'string':
      return {
        name,
        label,
        kind: 'text',
        nullable,
        maxLength: only.maxLength,
        multiline: (only.maxLength ?? 0) > 120,
        placeholder: only.format === 'uuid' ? (nullable ? 'An id, or empty for all' : 'An id') : undefined,
      };
    case 'boolean':
      return { name, label, kind: 'boolean' };
    default:
      return { name, label, kind: 'json' };
  }
}

/** The config form of a widget: one field per property of its (object) schema; a JSON field for anything else. */
export function configFields(schema: z.ZodType): ConfigField[] {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return [{ name: '', label: 'Settings (JSON)', kind: 'json' }];
  }
  if (json.type !== 'object' || !json.properties) return [{ name: '', label: 'Settings (JSON)', kind: 'json' }];
  return Object.entries(json.properties).map(([name, property]) => fieldOf(name, property));
}

function catalogEntry({ module, definition }: InstalledWidget): WidgetCatalogEntry {
  return {
    type: definition.type,
    module,
    title: definition.title,
    description: definition.description,
    defaultConfig: definition.defaultConfig,
    size: definition.size,
    fields: configFields(definition.config),
  };
}

/** Every widget the builder can add, by module in registry order. */
export function widgetCatalog(): WidgetCatalogEntry[] {
  return installedWidgets().map(catalogEntry);
}

/** A config checked against its widget's schema; the message names the first field at fault. */
export function parseWidgetConfig(type: string, config: unknown): { ok: true; config: unknown } | { ok: false; message: string; fieldErrors: Record<string, string> } {
  const widget = installedWidget(type);
  if (!widget) return { ok: false, message: 'This widget is not available: choose one from the list.', fieldErrors: { type: 'Unknown widget.' } };
  const parsed = widget.definition.config.safeParse(config);
  if (parsed.success) {
    // Stored as JSONB: a string PostgreSQL cannot hold is refused whatever the widget's schema says.
    const unstorable = unstorableField(parsed.data);
    if (unstorable === null) return { ok: true, config: parsed.data };
    return { ok: false, message: `${widget.definition.title}: ${UNSTORABLE_TEXT}`, fieldErrors: { [unstorable || 'config']: UNSTORABLE_TEXT } };
  }
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'config')] ??= issue.message;
  const [field, message] = Object.entries(fieldErrors)[0]!;
  return { ok: false, message: `${widget.definition.title}: ${field === 'config' ? '' : `${humanize(field)}: `}${message}`, fieldErrors };
}

/**
 * A component's data for this viewer, through its widget's loader (the module's cached reads and
 * access rules). Never throws: a widget that is gone, a stored config its schema no longer
 * accepts, or a loader that fails is the component's own state, not the page's.
 */
export async function loadComponentData(viewerId: string, component: Pick<ComponentRecord, 'id' | 'type' | 'config'>): Promise<ComponentData> {
  const widget = installedWidget(component.type);
  if (!widget) return { status: 'unavailable', title: 'Widget not available', message: `The “${component.type}” widget is not installed any more.` };
  const { definition, module } = widget;
  const parsed = definition.config.safeParse(component.config);
  if (!parsed.success) return { status: 'unavailable', title: definition.title, message: 'Its settings are no longer valid: an editor can configure it again.' };
  try {
    return { status: 'ok', module, title: definition.title, config: parsed.data, data: await definition.load(viewerId, parsed.data) };
  } catch (error) {
    // Next's own control flow (a prerender's interruption) is not the widget's failure.
    unstable_rethrow(error);
    logger.error({ type: component.type, component: component.id, err: (error as Error).message }, 'projects: a component could not load its data');
    return { status: 'failed', module, title: definition.title, message: 'Its data could not be loaded right now.' };
  }
}
