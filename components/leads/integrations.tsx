import Link from 'next/link';
import { ActionRow, type RowAction } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { formatDateTime } from '@/components/ui/format';
import { requireViewer } from '@/lib/auth/viewer';
import { getIntegrationDetail, integrationsRead } from '@/lib/leads/queries';
import type { IntegrationSummary } from '@/lib/leads/types';
import type { MutationResult } from '@/lib/validation';
import { ago, healthTone } from './format';
import { SearchProgress } from './search-progress';

export interface SourceActions {
  searchNow: (id: string) => Promise<MutationResult>;
  setStatus: (id: string, status: 'active' | 'paused') => Promise<MutationResult<{ status: 'active' | 'paused' }>>;
  remove: (id: string) => Promise<MutationResult>;
}

/** The last runs, newest first: ● success, ✕ failure. */
export function RecentRuns({ runs }: { runs: string }) {
  if (!runs) return <span className="text-xs text-slate-600">no runs yet</span>;
  const failures = [...runs].filter((run) => run === 'F').length;
  return (
    <span className="font-mono text-xs tracking-tight" aria-label={`last ${runs.length} searches: ${runs.length - failures} succeeded, ${failures} failed`} title="Last searches, newest first">
      {[...runs].map((run, index) => (
        <span key={index} className={run === 'S' ? 'text-emerald-700' : 'text-red-700'}>
          {run === 'S' ? '●' : '✕'}
        </span>
      ))}
    </span>
  );
}

function sourceActions(source: IntegrationSummary, actions: SourceActions, withRemove: boolean): RowAction[] {
  const list: RowAction[] = [];
  if (source.status === 'active') list.push({ label: 'Search now', name: `Search ${source.name} now`, variant: 'primary', run: actions.searchNow.bind(null, source.id), pendingLabel: 'Queuing…' });
  list.push(
    source.status === 'active'
      ? { label: 'Pause', name: `Pause ${source.name}`, run: actions.setStatus.bind(null, source.id, 'paused') }
      : { label: 'Resume', name: `Resume ${source.name}`, run: actions.setStatus.bind(null, source.id, 'active') },
  );
  if (withRemove) list.push({ label: 'Remove', name: `Remove ${source.name}`, variant: 'danger-secondary', run: actions.remove.bind(null, source.id), confirm: { label: 'Remove source', name: `Remove ${source.name} for good`, pendingLabel: 'Removing…' } });
  return list;
}

const searching = (source: IntegrationSummary) => (source.searchState === 'idle' ? null : source.searchState === 'queued' ? 'search queued' : 'searching');

/** The owner's sources: health, last runs, last search, and what can be done with each. One cached read. */
export async function SourcesList({ actions }: { actions: SourceActions }) {
  const viewer = await requireViewer();
  const sources = await integrationsRead.get(viewer.id);
  return (
    <>
      <CardTitle>Your sources ({sources.length})</CardTitle>
      <DataTable
        className="mt-2"
        label="Your sources"
        empty="No sources yet: add the address of an RSS, Atom or JSON feed above."
        rows={sources}
        rowKey={(source) => source.id}
        columns={[
          {
            header: 'Source',
            cell: (source) => (
              <div className="min-w-0">
                <Link href={`/leads/integrations/${source.id}`} className="font-medium hover:underline">
                  {source.name}
                </Link>
                <p className="max-w-md truncate font-mono text-xs text-slate-600">{source.feedUrl}</p>
              </div>
            ),
          },
          {
            header: 'Health',
            cell: (source) => (
              <div className="flex flex-col gap-1">
                <span className="flex gap-1">
                  <Badge tone={healthTone(source.healthScore)}>{source.healthScore}</Badge>
                  {source.status === 'paused' && <Badge>paused</Badge>}
                  {searching(source) && <Badge tone="brand">{searching(source)}</Badge>}
                </span>
                <RecentRuns runs={source.recentRuns} />
              </div>
            ),
          },
          { header: 'Last search', cell: (source) => <span className="whitespace-nowrap text-xs">{source.lastSearchedAt ? ago(source.lastSearchedAt) : 'never'}</span> },
          { header: 'Actions', align: 'right', cell: (source) => <ActionRow actions={sourceActions(source, actions, true)} /> },
        ]}
      />
    </>
  );
}

/** One source: its state, "Search now" with its progress, and its log (the latest 50 lines). One cached read. */
export async function SourceDetail({ id, actions }: { id: Promise<string>; actions: SourceActions }) {
  const viewer = await requireViewer();
  const source = await getIntegrationDetail(viewer.id, await id);
  if (!source) return <p className="text-sm text-slate-600">This source does not exist or is not yours.</p>;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-xl font-semibold">{source.name}</h2>
          <p className="truncate font-mono text-xs text-slate-600">{source.feedUrl}</p>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
            <Badge tone={healthTone(source.healthScore)}>health {source.healthScore}</Badge>
            {source.provider && <Badge>{source.provider.toUpperCase()}</Badge>}
            {source.status === 'paused' && <Badge>paused</Badge>}
            <RecentRuns runs={source.recentRuns} />
            <span className="text-slate-600">
              Last search: {source.lastSearchedAt ? formatDateTime(new Date(source.lastSearchedAt)) : 'never'}
            </span>
          </p>
          {source.lastError && <p className="mt-1 text-sm text-red-700">Last error: {source.lastError}</p>}
        </div>
        <ActionRow actions={sourceActions(source, actions, false)} />
      </div>
      <SearchProgress key={`${source.searchState}:${source.searchRequestedAt}`} integrationId={source.id} initial={{ searchState: source.searchState, searchProgress: source.searchProgress }} />
      <h3 className="text-base font-semibold">Log</h3>
      <DataTable
        label={`Log of ${source.name}`}
        empty="No searches yet."
        rows={source.logs}
        rowKey={(line) => line.id}
        columns={[
          { header: 'When', className: 'w-48', cell: (line) => <time dateTime={line.createdAt} className="whitespace-nowrap text-xs">{formatDateTime(new Date(line.createdAt))}</time> },
          { header: 'Level', className: 'w-20', cell: (line) => <Badge tone={line.level === 'error' ? 'warning' : line.level === 'warn' ? 'neutral' : 'success'}>{line.level}</Badge> },
          { header: 'Message', cell: (line) => <span className={line.level === 'error' ? 'text-red-800' : undefined}>{line.message}</span> },
        ]}
      />
    </div>
  );
}
