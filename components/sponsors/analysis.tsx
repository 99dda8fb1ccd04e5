import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getAnalysisDetail } from '@/lib/sponsors/queries';
import type { AnalysisDetail } from '@/lib/sponsors/types';
import type { FormState } from '@/lib/validation';
import { ActionForm } from './action-form';
import { STATUS_NAMES, cropName, humanize, score } from './format';

/** The server actions of an analysis's page, passed in by the page (components never import app/). */
export interface AnalysisActions {
  send: (analysisId: string, previous: FormState<never>, formData: FormData) => Promise<FormState<unknown>>;
  markRead: (analysisId: string) => Promise<FormState<unknown>>;
}

const SECTIONS: { key: keyof AnalysisDetail['documents']; title: string }[] = [
  { key: 'detailedAnalysis', title: 'Detailed analysis' },
  { key: 'healthAssessment', title: 'Health assessment' },
  { key: 'nutrientStatus', title: 'Nutrient status' },
  { key: 'pestDisease', title: 'Pests and diseases' },
  { key: 'environmentalStress', title: 'Environmental stress' },
  { key: 'recommendations', title: 'Recommendations' },
];

/** One analysis in full, to its farmer and its sponsor's members (the proxy answers 404 to anyone else). */
export async function AnalysisView({ id, actions }: { id: Promise<string>; actions: AnalysisActions }) {
  const viewer = await requireViewer();
  const analysis = await getAnalysisDetail(viewer.id, await id);
  if (!analysis) notFound();
  const unread = analysis.messages.some((message) => message.unreadByViewer);
  return (
    <div className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">
            {cropName(analysis.cropType)}, {formatDate(analysis.analysisDate)}
          </h1>
          <Badge tone={analysis.status === 'completed' ? 'success' : analysis.status === 'failed' ? 'warning' : 'neutral'}>{STATUS_NAMES[analysis.status]}</Badge>
        </div>
        <p className="text-slate-700">
          {analysis.viewerIsFarmer ? 'Your analysis' : `${analysis.farmerName}’s analysis`}
          {analysis.location && ` · ${analysis.location}`}
          {analysis.sponsorName && ` · sponsored by ${analysis.sponsorName}`}
          {analysis.dealerName && ` through ${analysis.dealerName}`}
        </p>
        <p className="text-sm text-slate-600">
          Health score <span className="text-lg font-semibold text-slate-900 tabular-nums">{score(analysis.overallHealthScore)}</span>
          {analysis.overallHealthScore !== null && ' / 100'}
          {analysis.imageUrl && (
            <>
              {' · '}
              <a href={analysis.imageUrl} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline">
                The photo
              </a>
            </>
          )}
        </p>
      </header>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid content-start gap-4 md:grid-cols-2">
          {analysis.status !== 'completed' && (
            <p className="rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-800 md:col-span-2">
              {analysis.status === 'failed' ? 'This analysis could not be completed.' : 'The photo is being analysed: the results appear here when they are ready.'}
            </p>
          )}
          {SECTIONS.map(({ key, title }) =>
            analysis.documents[key] ? (
              <Card key={key} className={cn(key === 'detailedAnalysis' || key === 'recommendations' ? 'md:col-span-2' : '')}>
                <CardTitle>{title}</CardTitle>
                <div className="mt-2 text-sm">
                  <DocumentValue value={analysis.documents[key]} />
                </div>
              </Card>
            ) : null,
          )}
        </div>
        <Card className="flex h-fit flex-col gap-3">
          <div className="flex items-center justify-between gap-2">
            <CardTitle>Conversation</CardTitle>
            {unread && <ActionRow actions={[{ label: 'Mark all read', variant: 'ghost', run: actions.markRead.bind(null, analysis.id) }]} />}
          </div>
          {analysis.messages.length === 0 ? (
            <p className="text-sm text-slate-600">No messages yet.</p>
          ) : (
            <ol className="flex flex-col gap-2">
              {analysis.messages.map((message) => (
                <li key={message.id} className={cn('rounded-md px-3 py-2 text-sm', message.senderRole === 'sponsor' ? 'bg-brand-50' : 'bg-slate-100', message.unreadByViewer && 'ring-2 ring-brand-600')}>
                  <p className="text-xs text-slate-700">
                    <span className="font-semibold">{message.fromName}</span> · {formatDateTime(new Date(message.sentAt))}
                    {message.unreadByViewer && ' · new'}
                  </p>
                  <p className="mt-1 whitespace-pre-line">{message.body}</p>
                </li>
              ))}
            </ol>
          )}
          {analysis.sponsorId ? (
            <ActionForm
              label="Write a message"
              action={actions.send.bind(null, analysis.id)}
              grid="grid-cols-1"
              submit="Send"
              pending="Sending…"
              fields={[{ kind: 'textarea', name: 'body', label: analysis.viewerIsFarmer ? `Write to ${analysis.sponsorName}` : `Write to ${analysis.farmerName}`, rows: 3, maxLength: 2000 }]}
            />
          ) : (
            <p className="text-sm text-slate-600">This analysis has no sponsor to write to.</p>
          )}
        </Card>
      </div>
    </div>
  );
}

/** A JSON document as headings, lists and definition lists: keys in words, shares as percentages. */
function DocumentValue({ value, name }: { value: unknown; name?: string }): ReactNode {
  if (value === null || value === undefined || value === '') return <span className="text-slate-500">–</span>;
  if (typeof value === 'number') return <span className="tabular-nums">{name && /confidence/i.test(name) && value <= 1 ? `${Math.round(value * 100)} %` : value.toLocaleString('en')}</span>;
  if (typeof value === 'boolean') return <span>{value ? 'yes' : 'no'}</span>;
  if (typeof value === 'string') return <span>{value}</span>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-500">none</span>;
    if (value.every((item) => typeof item !== 'object' || item === null)) return <span>{value.join(', ')}</span>;
    return (
      <ul className="flex flex-col gap-2">
        {value.map((item, i) => (
          <li key={i} className="rounded-md border border-slate-200 p-2">
            <DocumentValue value={item} />
          </li>
        ))}
      </ul>
    );
  }
  const entries = Object.entries(value as Record<string, unknown>);
  return (
    <dl className="grid grid-cols-[minmax(0,10rem)_minmax(0,1fr)] gap-x-3 gap-y-1">
      {entries.map(([key, item]) => (
        <div key={key} className="contents">
          <dt className="text-slate-600">{humanize(key)}</dt>
          <dd className="min-w-0 break-words">
            <DocumentValue value={item} name={key} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function AnalysisSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-hidden="true">
      <div className="flex flex-col gap-2">
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-5 w-96 max-w-full" />
        <Skeleton className="h-6 w-48" />
      </div>
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="grid gap-4 md:grid-cols-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className={cn('h-64', i === 0 && 'md:col-span-2')} />
          ))}
        </div>
        <Skeleton className="h-96" />
      </div>
    </div>
  );
}
