'use client';

import { useIsMutating, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { GRID_COLUMNS, MAX_ROWS, type ComponentRecord, type ConfigField, type WidgetCatalogEntry } from '@/lib/projects/types';
import type { FormState, MutationResult } from '@/lib/validation';
import { FRAME, GRID, SPAN, spanStyle } from './grid-style';

/**
 * The dashboard builder (owners and editors). Its components live in TanStack Query's cache:
 * every change (add, remove, configure, resize, reorder) shows at once (an optimistic update),
 * runs its server action, and is rolled back with the reason if the server refuses it. Each
 * action re-renders the page in its own response, whose components then replace the optimistic
 * ones (with the new component's live preview).
 *
 * Reordering works with the keyboard: focus a component's Move button, press Space or Enter to
 * pick it up, the arrow keys to move it, Space or Enter to drop it there (Escape puts it back);
 * each step is announced. With a mouse, drag the Move button.
 */

export interface BuilderActions {
  add: (dashboardId: string, input: unknown) => Promise<MutationResult<ComponentRecord>>;
  update: (componentId: string, input: unknown) => Promise<MutationResult<ComponentRecord>>;
  remove: (componentId: string) => Promise<MutationResult | FormState>;
  reorder: (dashboardId: string, ids: unknown) => Promise<MutationResult | FormState>;
}

type Item = ComponentRecord & { pending?: boolean };

class Refused extends Error {}

/** The id of a component added optimistically, until the server answers with its own. */
const temporaryId = (type: string) => `new-${type}-${crypto.randomUUID()}`;

/** A server action's refusal as an error (the mutation then rolls back). */
async function settled<T>(result: Promise<MutationResult<T> | FormState>): Promise<T | undefined> {
  const outcome = await result;
  if (outcome && !outcome.ok) throw new Refused(outcome.message);
  return outcome?.ok ? (outcome.value as T) : undefined;
}

const sameOrder = (a: Item[], b: Item[]) => a.length === b.length && a.every((item, i) => item.id === b[i]!.id);

export function DashboardBuilder({
  dashboardId,
  components,
  previews,
  skeletons,
  catalog,
  actions,
}: {
  dashboardId: string;
  components: ComponentRecord[];
  previews: Record<string, ReactNode>;
  skeletons: Record<string, ReactNode>;
  catalog: WidgetCatalogEntry[];
  actions: BuilderActions;
}) {
  const queryClient = useQueryClient();
  const key = useMemo(() => ['projects', 'dashboard', dashboardId, 'components'], [dashboardId]);
  const { data: items = components as Item[] } = useQuery<Item[]>({ queryKey: key, queryFn: () => Promise.resolve(components as Item[]), initialData: components as Item[], staleTime: Infinity });
  const mutating = useIsMutating({ mutationKey: key });
  // The server's components, after each action's re-render, replace the optimistic ones (once none is in flight).
  useEffect(() => {
    if (mutating === 0) queryClient.setQueryData(key, components);
  }, [components, mutating, queryClient, key]);

  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const byType = useMemo(() => new Map(catalog.map((entry) => [entry.type, entry])), [catalog]);
  const titleOf = (item: Pick<Item, 'type'>) => byType.get(item.type)?.title ?? 'Widget not available';

  /** A mutation that applies `optimistic` at once and rolls it back if the server refuses. */
  function useOptimisticChange<V, R>(run: (vars: V) => Promise<R>, optimistic: (items: Item[], vars: V) => Item[], describe: (vars: V) => string) {
    return useMutation({
      mutationKey: key,
      mutationFn: run,
      onMutate: async (vars: V) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData<Item[]>(key) ?? [];
        queryClient.setQueryData(key, optimistic(previous, vars));
        setProblem(null);
        return { previous };
      },
      onError: (error, vars, context) => {
        if (context) queryClient.setQueryData(key, context.previous);
        setProblem(`${describe(vars)}: ${error instanceof Refused ? error.message : 'the server could not be reached; nothing was changed.'}`);
      },
    });
  }

  const add = useOptimisticChange(
    (entry: WidgetCatalogEntry) => settled(actions.add(dashboardId, { type: entry.type })),
    (current, entry) => [
      ...current,
      { id: temporaryId(entry.type), type: entry.type, config: entry.defaultConfig, position: (current.at(-1)?.position ?? 0) + 1, width: entry.size.w, height: entry.size.h, pending: true },
    ],
    (entry) => `Adding ${entry.title}`,
  );
  const remove = useOptimisticChange(
    (item: Item) => settled(actions.remove(item.id)),
    (current, item) => current.filter((other) => other.id !== item.id),
    (item) => `Removing ${titleOf(item)}`,
  );
  const update = useOptimisticChange(
    ({ item, changes }: { item: Item; changes: { config?: unknown; width?: number; height?: number } }) => settled(actions.update(item.id, changes)),
    (current, { item, changes }) => current.map((other) => (other.id === item.id ? { ...other, ...changes, pending: true } : other)),
    ({ item }) => `Changing ${titleOf(item)}`,
  );
  const reorder = useOptimisticChange(
    (order: Item[]) => settled(actions.reorder(dashboardId, order.map((item) => item.id))),
    (_current, order) => order,
    () => 'Moving the component',
  );

  // ---- Reordering: keyboard (pick up, arrows, drop) and mouse (drag the Move button).
  const [grabbed, setGrabbed] = useState<{ id: string; before: Item[] } | null>(null);
  const handles = useRef(new Map<string, HTMLButtonElement>());
  const helpId = useId();
  useEffect(() => {
    if (grabbed) handles.current.get(grabbed.id)?.focus();
  }, [grabbed, items]);

  const place = (id: string, to: number) => {
    const current = queryClient.getQueryData<Item[]>(key) ?? [];
    const from = current.findIndex((item) => item.id === id);
    if (from < 0 || to < 0 || to >= current.length || to === from) return current;
    const next = [...current];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved!);
    queryClient.setQueryData(key, next);
    return next;
  };
  const commit = (id: string, before: Item[]) => {
    const now = queryClient.getQueryData<Item[]>(key) ?? [];
    setGrabbed(null);
    const index = now.findIndex((item) => item.id === id);
    const item = now[index];
    if (!item) return;
    if (sameOrder(now, before)) {
      setAnnouncement(`${titleOf(item)} dropped where it was.`);
      return;
    }
    setAnnouncement(`${titleOf(item)} dropped at position ${index + 1} of ${now.length}.`);
    // The optimistic order is already shown; roll back to `before` if refused.
    queryClient.setQueryData(key, before);
    reorder.mutate(now);
  };
  const onHandleClick = (item: Item) => {
    if (grabbed?.id === item.id) return commit(item.id, grabbed.before);
    const before = queryClient.getQueryData<Item[]>(key) ?? [];
    setGrabbed({ id: item.id, before });
    setAnnouncement(`${titleOf(item)} picked up, position ${before.findIndex((other) => other.id === item.id) + 1} of ${before.length}. Use the arrow keys to move it, Space or Enter to drop it, Escape to cancel.`);
  };
  const onHandleKey = (event: KeyboardEvent<HTMLButtonElement>, item: Item) => {
    if (grabbed?.id !== item.id) return;
    const current = queryClient.getQueryData<Item[]>(key) ?? [];
    const index = current.findIndex((other) => other.id === item.id);
    if (event.key === 'ArrowUp' || event.key === 'ArrowLeft' || event.key === 'ArrowDown' || event.key === 'ArrowRight') {
      event.preventDefault();
      const to = event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? index - 1 : index + 1;
      const next = place(item.id, to);
      const at = next.findIndex((other) => other.id === item.id);
      setAnnouncement(`${titleOf(item)}: position ${at + 1} of ${next.length}.`);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      queryClient.setQueryData(key, grabbed.before);
      setGrabbed(null);
      setAnnouncement(`${titleOf(item)}: move cancelled.`);
    }
  };
  const [dragging, setDragging] = useState<{ id: string; before: Item[] } | null>(null);

  // ---- Configure (a dialog).
  const [configuring, setConfiguring] = useState<Item | null>(null);

  return (
    <div className="flex flex-col gap-6">
      <p id={helpId} className="text-sm text-slate-600">
        Reorder with the keyboard: focus a component’s Move button, press Space, move it with the arrow keys and press Space again. With a mouse, drag the Move button.
      </p>
      <p role="status" className="min-h-5 text-sm text-red-700" data-testid="builder-status">
        {problem}
      </p>
      <p aria-live="assertive" className="sr-only">
        {announcement}
      </p>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">No components yet: add widgets from the list below.</p>
      ) : (
        <ol className={GRID} aria-label="Components">
          {items.map((item) => {
            const title = titleOf(item);
            const isGrabbed = grabbed?.id === item.id || dragging?.id === item.id;
            return (
              <li
                key={item.id}
                className={cn('flex min-w-0 flex-col', SPAN, isGrabbed && 'rounded-lg ring-2 ring-brand-600 ring-offset-2')}
                style={spanStyle(item.width, item.height + 1)}
                data-builder-component={item.id}
                data-pending={item.pending ? '' : undefined}
                onDragOver={(event) => {
                  if (!dragging || dragging.id === item.id) return;
                  event.preventDefault();
                  const current = queryClient.getQueryData<Item[]>(key) ?? [];
                  place(dragging.id, current.findIndex((other) => other.id === item.id));
                }}
                onDrop={(event) => event.preventDefault()}
              >
                <div className="mb-4 flex h-16 items-center gap-1 rounded-lg border border-slate-200 bg-slate-50 px-2">
                  <button
                    type="button"
                    ref={(element) => {
                      if (element) handles.current.set(item.id, element);
                      else handles.current.delete(item.id);
                    }}
                    aria-label={`Move ${title}`}
                    aria-pressed={grabbed?.id === item.id}
                    aria-describedby={helpId}
                    disabled={item.pending}
                    draggable={!item.pending}
                    onDragStart={(event) => {
                      event.dataTransfer.effectAllowed = 'move';
                      setDragging({ id: item.id, before: queryClient.getQueryData<Item[]>(key) ?? [] });
                    }}
                    onDragEnd={() => {
                      if (dragging) commit(dragging.id, dragging.before);
                      setDragging(null);
                    }}
                    onClick={() => onHandleClick(item)}
                    onKeyDown={(event) => onHandleKey(event, item)}
                    className="inline-flex size-8 shrink-0 cursor-grab items-center justify-center rounded-md text-slate-700 hover:bg-slate-200 aria-pressed:bg-brand-100"
                  >
                    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4 fill-current">
                      <circle cx="5" cy="3" r="1.3" />
                      <circle cx="11" cy="3" r="1.3" />
                      <circle cx="5" cy="8" r="1.3" />
                      <circle cx="11" cy="8" r="1.3" />
                      <circle cx="5" cy="13" r="1.3" />
                      <circle cx="11" cy="13" r="1.3" />
                    </svg>
                  </button>
                  <p className="min-w-0 flex-1 truncate text-sm font-medium" title={title}>
                    {title}
                    <span className="ml-2 text-xs font-normal text-slate-600 tabular-nums">
                      {item.width}×{item.height}
                    </span>
                  </p>
                  <Button variant="ghost" className="h-8 px-2" disabled={item.pending} aria-label={`Configure ${title}`} onClick={() => setConfiguring(item)}>
                    Configure
                  </Button>
                  <Button variant="ghost" className="h-8 px-2 text-red-800" disabled={item.pending} aria-label={`Remove ${title}`} onClick={() => remove.mutate(item)}>
                    Remove
                  </Button>
                </div>
                <div className={cn(FRAME, 'min-h-0 flex-1', item.pending && 'opacity-70')} aria-busy={item.pending || undefined}>
                  {(!item.pending || !item.id.startsWith('new-')) && previews[item.id] ? previews[item.id] : skeletons[item.type]}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <AddWidgets catalog={catalog} onAdd={(entry) => add.mutate(entry)} />
      {configuring && (
        <ConfigureDialog
          item={configuring}
          entry={byType.get(configuring.type)}
          title={titleOf(configuring)}
          onClose={() => setConfiguring(null)}
          onSave={async (changes) => {
            await update.mutateAsync({ item: configuring, changes });
          }}
        />
      )}
    </div>
  );
}

function AddWidgets({ catalog, onAdd }: { catalog: WidgetCatalogEntry[]; onAdd: (entry: WidgetCatalogEntry) => void }) {
  const modules = [...new Set(catalog.map((entry) => entry.module))];
  return (
    <section aria-labelledby="add-widget-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="add-widget-heading" className="text-lg font-semibold">
        Add a widget
      </h2>
      {modules.map((module) => (
        <div key={module} className="flex flex-col gap-2">
          <h3 className="text-sm font-semibold text-slate-700 capitalize">{module}</h3>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {catalog
              .filter((entry) => entry.module === module)
              .map((entry) => (
                <li key={entry.type} className="flex h-24 flex-col justify-between rounded-md border border-slate-200 p-3">
                  <p className="line-clamp-2 text-xs text-slate-600">
                    <span className="block text-sm font-medium text-slate-900">{entry.title}</span>
                    {entry.description}
                  </p>
                  <Button variant="secondary" className="h-8 self-start px-3" aria-label={`Add ${entry.title}`} onClick={() => onAdd(entry)}>
                    Add
                  </Button>
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

const SIZE_COLUMNS = [3, 4, 6, 8, 9, 12].filter((n) => n <= GRID_COLUMNS);
const SIZE_ROWS = Array.from({ length: MAX_ROWS - 1 }, (_, i) => i + 2);

/** The config a form's fields describe, on top of the current one. */
function configFrom(fields: ConfigField[], form: FormData, current: unknown): { config: unknown } | { error: string } {
  if (fields.length === 1 && fields[0]!.kind === 'json' && fields[0]!.name === '') {
    try {
      return { config: JSON.parse(String(form.get('config') ?? '')) };
    } catch {
      return { error: 'The settings are not valid JSON.' };
    }
  }
  const config: Record<string, unknown> = typeof current === 'object' && current !== null ? { ...(current as Record<string, unknown>) } : {};
  for (const field of fields) {
    const raw = form.get(`config.${field.name}`);
    switch (field.kind) {
      case 'number': {
        const text = String(raw ?? '').trim();
        config[field.name] = text === '' && field.nullable ? null : Number(text);
        break;
      }
      case 'text': {
        const text = String(raw ?? '');
        config[field.name] = text.trim() === '' && field.nullable ? null : text;
        break;
      }
      case 'choice':
        config[field.name] = JSON.parse(String(raw ?? 'null'));
        break;
      case 'boolean':
        config[field.name] = raw === 'on';
        break;
      case 'json':
        try {
          config[field.name] = JSON.parse(String(raw ?? 'null'));
        } catch {
          return { error: `${field.label}: not valid JSON.` };
        }
    }
  }
  return { config };
}

function ConfigureDialog({
  item,
  entry,
  title,
  onClose,
  onSave,
}: {
  item: Item;
  entry: WidgetCatalogEntry | undefined;
  title: string;
  onClose: () => void;
  onSave: (changes: { config?: unknown; width: number; height: number }) => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const fields = entry?.fields ?? [];
  const current = (item.config ?? {}) as Record<string, unknown>;
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const built = fields.length > 0 ? configFrom(fields, form, item.config) : { config: undefined };
    if ('error' in built) return setError(built.error);
    setSaving(true);
    setError(null);
    try {
      await onSave({ config: built.config, width: Number(form.get('width')), height: Number(form.get('height')) });
      onClose();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : 'Not saved.');
      setSaving(false);
    }
  };
  const inputClass = 'h-10 rounded-md border border-slate-300 bg-white px-3 text-sm shadow-sm';
  return (
    <dialog ref={dialog} onClose={onClose} aria-labelledby="configure-heading" className="m-auto w-full max-w-lg rounded-lg border border-slate-200 bg-white p-6 shadow-xl backdrop:bg-slate-900/40">
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <h2 id="configure-heading" className="text-lg font-semibold">
          Configure {title}
        </h2>
        <p role="status" className="min-h-5 text-sm text-red-700">
          {error}
        </p>
        {fields.map((field) => {
          const id = `config-${field.name || 'json'}`;
          const name = field.name === '' ? 'config' : `config.${field.name}`;
          const value = field.name === '' ? item.config : current[field.name];
          return (
            <div key={id} className="flex flex-col gap-1.5">
              <label htmlFor={id} className="text-sm font-medium text-slate-800">
                {field.label}
              </label>
              {field.kind === 'number' && (
                <input id={id} name={name} type="number" className={inputClass} min={field.min} max={field.max} step={field.integer ? 1 : 'any'} defaultValue={value === null || value === undefined ? '' : String(value)} />
              )}
              {field.kind === 'text' &&
                (field.multiline ? (
                  <textarea id={id} name={name} rows={4} maxLength={field.maxLength} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" defaultValue={typeof value === 'string' ? value : ''} />
                ) : (
                  <input id={id} name={name} className={inputClass} maxLength={field.maxLength} placeholder={field.placeholder} defaultValue={typeof value === 'string' ? value : ''} />
                ))}
              {field.kind === 'choice' && (
                <select id={id} name={name} className={inputClass} defaultValue={JSON.stringify(value ?? null)}>
                  {field.nullable && !field.options.some((option) => option.value === 'null') && <option value="null">None</option>}
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
              {field.kind === 'boolean' && <input id={id} name={name} type="checkbox" className="size-4" defaultChecked={value === true} />}
              {field.kind === 'json' && (
                <textarea id={id} name={name} rows={5} className="rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm" defaultValue={JSON.stringify(value ?? null, null, 2)} />
              )}
            </div>
          );
        })}
        <div className="grid grid-cols-2 gap-4">
          <div className="flex flex-col gap-1.5">
            <label htmlFor="config-width" className="text-sm font-medium text-slate-800">
              Width (columns of {GRID_COLUMNS})
            </label>
            <select id="config-width" name="width" className={inputClass} defaultValue={String(item.width)}>
              {[...new Set([...SIZE_COLUMNS, item.width])].sort((a, b) => a - b).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1.5">
            <label htmlFor="config-height" className="text-sm font-medium text-slate-800">
              Height (rows)
            </label>
            <select id="config-height" name="height" className={inputClass} defaultValue={String(item.height)}>
              {[...new Set([...SIZE_ROWS, item.height])].sort((a, b) => a - b).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="flex gap-2">
          <Button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </Button>
          <Button variant="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
