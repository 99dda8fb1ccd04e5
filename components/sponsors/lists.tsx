import type { Route } from 'next';
import Link from 'next/link';
import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { DataTable } from '@/components/ui/data-table';
import { formatDate, formatDateTime } from '@/components/ui/format';
import type { AnalysisListItem, CodeRow, MessageListItem, Page } from '@/lib/sponsors/types';
import type { FormState } from '@/lib/validation';
import { CODE_STATUS_NAMES, STATUS_NAMES, cropName, score } from './format';

/** Links to the newest page and to the next (older) one: keyset pages, ?cursor= in the URL. */
export function Pager({ path, next, current, params = {} }: { path: string; next: string | null; current: string | null; params?: Record<string, string> }) {
  const href = (cursor: string | null) => {
    const query = new URLSearchParams({ ...params, ...(cursor ? { cursor } : {}) }).toString();
    return (query ? `${path}?${query}` : path) as Route;
  };
  return (
    <nav aria-label="Pages" className="mt-3 flex gap-2">
      {current && (
        <Link href={href(null)} className={buttonClass('secondary', 'h-9')}>
          Newest
        </Link>
      )}
      {next && (
        <Link href={href(next)} className={buttonClass('secondary', 'h-9')}>
          Older
        </Link>
      )}
    </nav>
  );
}

const CODE_TONES = { in_stock: 'neutral', with_dealer: 'brand', sent: 'brand', redeemed: 'success', expired: 'warning', inactive: 'warning' } as const;

/**
 * A page of codes. `distribute` (a server action, bound per code) shows "Mark as sent" on codes
 * the viewer may send; the server decides again.
 */
export function CodesTable({ page, showSponsor = false, distribute }: { page: Page<CodeRow>; showSponsor?: boolean; distribute?: (codeId: string) => Promise<FormState<unknown>> }) {
  return (
    <DataTable
      className="mt-2"
      label="Sponsorship codes"
      empty="No codes here."
      rows={page.items}
      rowKey={(code) => code.id}
      columns={[
        { header: 'Code', mono: true, className: 'whitespace-nowrap', cell: (code) => code.code },
        ...(showSponsor ? [{ header: 'Sponsor', cell: (code: CodeRow) => code.sponsorName }] : []),
        { header: 'Tier', cell: (code) => code.tier.toUpperCase().replace('XLARGE', 'XL').replace('LARGE', 'L').replace('MEDIUM', 'M').replace('SMALL', 'S') },
        { header: 'Status', cell: (code) => <Badge tone={CODE_TONES[code.status]}>{CODE_STATUS_NAMES[code.status]}</Badge> },
        { header: 'Dealer', cell: (code) => code.dealerName ?? '–' },
        { header: 'Redeemed by', cell: (code) => (code.redeemedByName ? `${code.redeemedByName}, ${formatDate(code.redeemedAt!)}` : '–') },
        { header: 'Made', numeric: true, cell: (code) => formatDate(code.createdAt) },
        ...(distribute
          ? [
              {
                header: 'Action',
                className: 'w-36',
                cell: (code: CodeRow) =>
                  code.status === 'in_stock' || code.status === 'with_dealer' ? (
                    <ActionRow actions={[{ label: 'Mark as sent', name: `Mark ${code.code} as sent`, pendingLabel: 'Marking…', run: distribute.bind(null, code.id) }]} />
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

const STATUS_TONES = { pending: 'neutral', processing: 'brand', completed: 'success', failed: 'warning' } as const;

/** A page of analyses (the list projection: no documents). */
export function AnalysesTable({ page, showFarmer }: { page: Page<AnalysisListItem>; showFarmer: boolean }) {
  return (
    <DataTable
      className="mt-2"
      label="Plant analyses"
      empty="No analyses yet."
      rows={page.items}
      rowKey={(analysis) => analysis.id}
      columns={[
        {
          header: 'Analysis',
          cell: (analysis) => (
            <Link href={`/sponsors/analyses/${analysis.id}`} className="font-medium text-brand-700 hover:underline">
              {cropName(analysis.cropType)}, {formatDate(analysis.analysisDate)}
            </Link>
          ),
        },
        ...(showFarmer ? [{ header: 'Farmer', cell: (analysis: AnalysisListItem) => analysis.farmerName }] : [{ header: 'Sponsor', cell: (analysis: AnalysisListItem) => analysis.sponsorName ?? '–' }]),
        { header: 'Where', cell: (analysis) => analysis.location ?? '–' },
        { header: 'Status', cell: (analysis) => <Badge tone={STATUS_TONES[analysis.status]}>{STATUS_NAMES[analysis.status]}</Badge> },
        { header: 'Health', numeric: true, cell: (analysis) => score(analysis.overallHealthScore) },
      ]}
    />
  );
}

/** A page of messages; `markRead` (bound per message) shows "Mark read" on unread ones in the inbox. */
export function MessagesList({ page, box, markRead }: { page: Page<MessageListItem>; box: 'inbox' | 'sent'; markRead?: (messageId: string) => Promise<FormState<unknown>> }) {
  if (page.items.length === 0) return <p className="mt-3 text-sm text-slate-600">{box === 'inbox' ? 'No messages for you yet.' : 'You have not written any messages yet.'}</p>;
  return (
    <ul className="mt-2 flex flex-col divide-y divide-slate-100">
      {page.items.map((message) => (
        <li key={message.id} className={cn('flex items-start gap-3 py-2.5', !message.read && box === 'inbox' && 'font-medium')}>
          <div className="min-w-0 flex-1">
            <p className="flex flex-wrap items-center gap-2 text-sm">
              <span>{box === 'inbox' ? message.otherName : `To ${message.otherName}`}</span>
              <span className="text-xs font-normal text-slate-600">
                {message.sponsorName} · {formatDateTime(new Date(message.sentAt))}
              </span>
              {box === 'inbox' && !message.read && <Badge tone="brand">unread</Badge>}
            </p>
            <Link href={`/sponsors/analyses/${message.analysisId}`} className="line-clamp-1 text-sm font-normal text-slate-700 hover:underline">
              {message.preview}
            </Link>
          </div>
          {markRead && !message.read && <ActionRow actions={[{ label: 'Mark read', name: `Mark read: ${message.preview.slice(0, 40)}`, variant: 'ghost', run: markRead.bind(null, message.id) }]} />}
        </li>
      ))}
    </ul>
  );
}
