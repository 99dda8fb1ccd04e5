import type { ReactNode } from 'react';
import { cn } from './cn';

/** One column, declared once: its header, how a row fills its cell, and how the cell is set. */
export interface Column<Row> {
  /** The header text; also the column's key, so unique within a table. */
  header: string;
  cell: (row: Row) => ReactNode;
  /** Figures: right-aligned, tabular (equal-width) digits, never wrapped. */
  numeric?: boolean;
  /** Defaults to right for numeric columns, left otherwise. */
  align?: 'left' | 'center' | 'right';
  /** Identifiers (routes, table and index names): monospace; a long one wraps anywhere rather than squeeze the figures. */
  mono?: boolean;
  /** Extra classes for the column's header and cells, e.g. a width (`w-24`). */
  className?: string;
}

const ALIGN = { left: 'text-left', center: 'text-center', right: 'text-right' } as const;

/**
 * Tabular data, rendered on the server. Columns are declared once:
 *
 *   <DataTable
 *     label="Cache reads by kind"
 *     rows={kinds}
 *     rowKey={(kind) => kind.namespace}
 *     empty="No cache reads yet."
 *     columns={[
 *       { header: 'Kind', mono: true, cell: (kind) => kind.namespace },
 *       { header: 'Hits', numeric: true, cell: (kind) => kind.hits },
 *     ]}
 *   />
 *
 * `label` is the table's caption (read by screen readers, not shown). Without rows, `empty` is
 * shown instead of the table. Inside a scrolling WidgetFrame the header row stays in view.
 */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  label,
  empty,
  className,
}: {
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  label: string;
  empty: ReactNode;
  className?: string;
}) {
  if (rows.length === 0) return <p className={cn('text-sm text-slate-600', className)}>{empty}</p>;
  return (
    <table className={cn('w-full text-sm', className)}>
      <caption className="sr-only">{label}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.header}
              scope="col"
              className={cn(
                'bg-white pr-3 pb-2 align-bottom font-medium text-slate-600 last:pr-0',
                // Stays in view while the widget's frame scrolls (WidgetFrame scroll).
                // -top-5: the frame's padding (p-5), so that the stuck row sits at the frame's edge.
                'group-data-scroll/widget:sticky group-data-scroll/widget:-top-5 group-data-scroll/widget:z-10 group-data-scroll/widget:pt-2 group-data-scroll/widget:shadow-[inset_0_-1px_0_var(--color-slate-200)]',
                ALIGN[column.align ?? (column.numeric ? 'right' : 'left')],
                column.className,
              )}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} className="border-t border-slate-100">
            {columns.map((column) => (
              <td
                key={column.header}
                className={cn(
                  'py-1.5 pr-3 align-top last:pr-0',
                  ALIGN[column.align ?? (column.numeric ? 'right' : 'left')],
                  column.numeric && 'whitespace-nowrap tabular-nums',
                  column.mono && 'font-mono text-xs leading-5 wrap-anywhere',
                  column.className,
                )}
              >
                {column.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
