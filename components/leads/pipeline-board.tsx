'use client';

import { useOptimistic, useState, useTransition, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import { LEAD_STATUSES, LEAD_STATUS_LABELS, type LeadStatus, type PipelineColumn, type PipelineLead } from '@/lib/leads/types';
import type { MutationResult } from '@/lib/validation';

type Move = (leadId: string, status: LeadStatus) => Promise<MutationResult<{ status: LeadStatus }>>;

function moved(columns: PipelineColumn[], { lead, to }: { lead: PipelineLead; to: LeadStatus }): PipelineColumn[] {
  return columns.map((column) => {
    if (column.status === lead.status) return { ...column, count: column.count - 1, leads: column.leads.filter((l) => l.id !== lead.id) };
    if (column.status === to) return { ...column, count: column.count + 1, leads: [{ ...lead, status: to }, ...column.leads] };
    return column;
  });
}

/**
 * The pipeline: a column per status. A lead moves by drag and drop, or from the keyboard: focus
 * its card and press ← or → (or use its buttons). The move shows at once and is saved by the
 * page's server action; a refusal puts it back and says why. Each lead's "Why this score" is
 * rendered on the server (`explanations`, by lead id), so its code stays out of the browser.
 */
export function PipelineBoard({ columns, explanations, move }: { columns: PipelineColumn[]; explanations: Record<string, ReactNode>; move: Move }) {
  const [optimistic, apply] = useOptimistic(columns, moved);
  const [, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  const moveTo = (lead: PipelineLead, to: LeadStatus) => {
    if (lead.status === to) return;
    startTransition(async () => {
      apply({ lead, to });
      const result = await move(lead.id, to);
      setMessage(result.ok ? `Moved “${lead.mention.title}” to ${LEAD_STATUS_LABELS[to]}.` : result.message);
    });
  };
  const byId = (id: string) => optimistic.flatMap((column) => column.leads).find((lead) => lead.id === id);
  const step = (lead: PipelineLead, delta: number) => {
    const to = LEAD_STATUSES[LEAD_STATUSES.indexOf(lead.status) + delta];
    if (to) moveTo(lead, to);
  };
  const onKey = (event: KeyboardEvent<HTMLElement>, lead: PipelineLead) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'ArrowRight') step(lead, 1);
    else if (event.key === 'ArrowLeft') step(lead, -1);
    else return;
    event.preventDefault();
  };
  const onDrop = (event: DragEvent<HTMLElement>, to: LeadStatus) => {
    event.preventDefault();
    const lead = byId(event.dataTransfer.getData('text/plain'));
    if (lead) moveTo(lead, to);
  };

  const arrow = (lead: PipelineLead, delta: number) => {
    const to = LEAD_STATUSES[LEAD_STATUSES.indexOf(lead.status) + delta];
    if (!to) return <span />;
    const label = LEAD_STATUS_LABELS[to];
    return (
      <button type="button" className="text-xs text-brand-700 underline" onClick={() => moveTo(lead, to)} aria-label={`Move to ${label}: ${lead.mention.title}`}>
        {delta < 0 ? `← ${label}` : `${label} →`}
      </button>
    );
  };

  return (
    <div className="flex flex-col gap-2">
      <p role="status" aria-live="polite" className="min-h-5 text-sm text-slate-700">
        {message}
      </p>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
        {optimistic.map((column) => (
          <section
            key={column.status}
            aria-label={`${LEAD_STATUS_LABELS[column.status]} (${column.count})`}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => onDrop(event, column.status)}
            className="flex h-[40rem] flex-col rounded-lg border border-slate-200 bg-slate-50 p-3"
            data-testid={`column-${column.status}`}
          >
            <h2 className="flex items-baseline justify-between text-sm font-semibold">
              {LEAD_STATUS_LABELS[column.status]} <span className="tabular-nums text-slate-600">{column.count.toLocaleString('en')}</span>
            </h2>
            <ol className="mt-2 flex min-h-0 flex-1 flex-col gap-2 overflow-y-auto">
              {column.leads.map((lead) => (
                <li key={lead.id}>
                  <article
                    tabIndex={0}
                    draggable
                    onDragStart={(event) => event.dataTransfer.setData('text/plain', lead.id)}
                    onKeyDown={(event) => onKey(event, lead)}
                    aria-label={`${lead.mention.title}, score ${lead.score}, ${LEAD_STATUS_LABELS[lead.status]}: arrow keys move it`}
                    className="rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm"
                    data-testid="lead-card"
                  >
                    <div className="flex items-start justify-between gap-2">
                      <p className="line-clamp-2 font-medium">{lead.mention.title}</p>
                      <span className="shrink-0 font-semibold tabular-nums">
                        {lead.score}
                      </span>
                    </div>
                    <p className="truncate text-xs text-slate-600">
                      {lead.keyword.text} · {lead.mention.source}
                    </p>
                    {explanations[lead.id]}
                    <div className="mt-1 flex justify-between">
                      {arrow(lead, -1)}
                      {arrow(lead, 1)}
                    </div>
                  </article>
                </li>
              ))}
              {column.count > column.leads.length && <li className="text-xs text-slate-600">and {(column.count - column.leads.length).toLocaleString('en')} older</li>}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}
