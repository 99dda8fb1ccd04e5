import { Badge } from '@/components/ui/badge';
import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { requireAdmin } from '@/lib/auth/viewer';
import { getDatabaseAdvice } from '@/lib/ops/queries';

/*
 * The widgets of /ops/database: content only, each placed in a WidgetFrame by the page. Both read
 * one getDatabaseAdvice() (two statements, not cached: an operator wants the catalogue as it is).
 */

const bytes = (value: number) => (value > 1_048_576 ? `${(value / 1_048_576).toFixed(1)} MB` : `${Math.max(value > 0 ? 1 : 0, Math.round(value / 1024))} kB`);
const count = (value: number) => value.toLocaleString('en');
const when = (value: string | null) => (value ? new Date(value).toISOString().slice(0, 16).replace('T', ' ') : 'never');

export async function IndexAdviceWidget() {
  await requireAdmin();
  const advice = await getDatabaseAdvice();
  const candidates = advice.indexes.filter((index) => index.drop);
  const freed = candidates.reduce((sum, index) => sum + index.bytes, 0);
  return (
    <>
      <CardTitle>Index advice</CardTitle>
      <p className="mt-1 text-sm text-slate-700">
        {candidates.length === 0
          ? 'Every index has been scanned and none is made redundant by another.'
          : `${count(candidates.length)} of ${count(advice.indexes.length)} indexes were never scanned or are redundant: dropping them frees ${bytes(freed)} and makes every write cheaper.`}{' '}
        Scans count since {advice.statsSince ? `${when(advice.statsSince)} UTC` : 'the server started'}: an index used only by a monthly job looks unused before the job runs.
      </p>
      <DataTable
        className="mt-3"
        label="Indexes, drop candidates first"
        empty="No indexes."
        rows={advice.indexes}
        rowKey={(index) => index.index}
        columns={[
          {
            header: 'Index',
            mono: true,
            cell: (index) => (
              <>
                <span title={index.definition}>{index.index}</span>{' '}
                {index.unused && <Badge tone="warning">unused</Badge>} {index.redundantWith && <Badge tone="warning">redundant with {index.redundantWith}</Badge>}{' '}
                {index.partitioned && <Badge>{count(index.partitions)} partitions</Badge>} {index.enforces && <Badge tone="success">enforces</Badge>}
              </>
            ),
          },
          { header: 'Table', mono: true, cell: (index) => index.table },
          { header: 'Scans', numeric: true, cell: (index) => count(index.scans) },
          { header: 'Size', numeric: true, cell: (index) => bytes(index.bytes) },
        ]}
      />
      <h3 className="mt-4 text-sm font-semibold">Drop statements</h3>
      {candidates.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">Nothing to drop.</p>
      ) : (
        <>
          <p className="mt-1 text-xs text-slate-600">
            Check each against the code first (plan 003 phase 2). CONCURRENTLY does not lock writes; an index of a partitioned table cannot be dropped concurrently and locks the table and its partitions while it goes.
          </p>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-5 text-slate-100" tabIndex={0} aria-label="Drop statements">
            {candidates.map((index) => `${index.drop} -- ${index.redundantWith ? `redundant with ${index.redundantWith}` : 'never scanned'}, ${bytes(index.bytes)}`).join('\n')}
          </pre>
        </>
      )}
    </>
  );
}

export async function TablesWidget() {
  await requireAdmin();
  const { tables } = await getDatabaseAdvice();
  return (
    <>
      <CardTitle>Tables and partitions</CardTitle>
      <p className="mt-1 text-sm text-slate-700">
        Rows are the planner’s estimates from the last ANALYZE. Autovacuum never analyses a partitioned table itself, only its partitions: run <code className="font-mono text-xs">ANALYZE</code> on it after bulk loads.
      </p>
      <DataTable
        className="mt-3"
        label="Tables with their partitions"
        empty="No tables."
        rows={tables}
        rowKey={(table) => table.table}
        columns={[
          {
            header: 'Table',
            mono: true,
            cell: (table) =>
              table.partitioned ? (
                <details>
                  <summary className="cursor-pointer">
                    {table.table} <Badge>{count(table.partitions.length)} partitions</Badge>
                  </summary>
                  <ul className="mt-1 flex flex-col gap-0.5 font-sans">
                    {table.partitions.map((partition) => (
                      <li key={partition.name} className="flex justify-between gap-2">
                        <span className="font-mono">{partition.name}</span>
                        <span className="tabular-nums text-slate-700">
                          {bytes(partition.bytes)} · ≈ {count(partition.rows)} rows · analysed {when(partition.lastAnalyzed)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </details>
              ) : (
                table.table
              ),
          },
          { header: 'Size', numeric: true, cell: (table) => bytes(table.bytes) },
          { header: 'Rows', numeric: true, cell: (table) => `≈ ${count(table.rows)}` },
          { header: 'Last ANALYZE (UTC)', numeric: true, cell: (table) => when(table.lastAnalyzed) },
          { header: 'Changed since', numeric: true, cell: (table) => count(table.modifiedSinceAnalyze) },
        ]}
      />
    </>
  );
}
