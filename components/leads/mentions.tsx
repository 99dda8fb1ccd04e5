import type { Route } from 'next';
import Link from 'next/link';
import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { formatDateTime } from '@/components/ui/format';
import { requireViewer } from '@/lib/auth/viewer';
import { integrationsRead, keywordsRead, mentionsRead } from '@/lib/leads/queries';
import { cleanParams, mentionFiltersSchema, type MentionFilters } from '@/lib/leads/schemas';
import { LEAD_STATUS_LABELS, type MentionRow } from '@/lib/leads/types';
import type { FormState, MutationResult } from '@/lib/validation';
import { STATUS_TONE } from './format';
import { MoveMentionForm } from './move-mention-form';
import { ScoreReasons } from './score';

export interface MentionActions {
  promote: (id: string) => Promise<MutationResult<{ id: string }>>;
  move: (id: string, previous: FormState, formData: FormData) => Promise<FormState>;
  remove: (id: string) => Promise<MutationResult>;
}

type Params = Record<string, string | string[] | undefined>;

const href = (filters: Partial<MentionFilters>): Route => {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  const text = query.toString();
  return (text ? `/leads/mentions?${text}` : '/leads/mentions') as Route;
};

const controlClass = 'h-10 rounded-md border border-slate-300 bg-white px-3 text-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

/**
 * The mentions page: filters in the URL (keyword, source, date range; a plain GET form), newest
 * first, keyset-paginated ("Older mentions" carries the last row's position). Three cached
 * reads: the keywords and sources for the filters, and the page of mentions.
 */
export async function MentionsBrowser({ searchParams, actions }: { searchParams: Promise<Params>; actions: MentionActions }) {
  const viewer = await requireViewer();
  const params = cleanParams(await searchParams);
  const parsed = mentionFiltersSchema.safeParse(params);
  const filters: MentionFilters = parsed.success ? parsed.data : {};
  const [keywords, sources, page] = await Promise.all([
    keywordsRead.get(viewer.id),
    integrationsRead.get(viewer.id),
    parsed.success ? mentionsRead.get(viewer.id, filters) : Promise.resolve({ mentions: [], nextCursor: null }),
  ]);
  const problem = parsed.success ? null : parsed.error.issues[0]?.message;
  return (
    <div className="flex flex-col gap-4">
      <form method="get" action="/leads/mentions" className="flex flex-wrap items-end gap-3" aria-label="Filter mentions">
        <label className="flex flex-col gap-1 text-sm font-medium">
          Keyword
          <select name="keyword" aria-label="Keyword" defaultValue={params.keyword ?? ''} className={controlClass}>
            <option value="">All keywords</option>
            {keywords.map((keyword) => (
              <option key={keyword.id} value={keyword.id}>
                {keyword.text}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          Source
          <select name="source" aria-label="Source" defaultValue={params.source ?? ''} className={controlClass}>
            <option value="">All sources</option>
            {sources.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          From
          <input type="date" name="from" aria-label="From" defaultValue={params.from ?? ''} className={controlClass} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          To
          <input type="date" name="to" aria-label="To" defaultValue={params.to ?? ''} className={controlClass} />
        </label>
        <button type="submit" className={buttonClass('primary')}>
          Filter
        </button>
        <Link href="/leads/mentions" className={buttonClass('ghost')}>
          Clear
        </Link>
      </form>
      {problem && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {problem}
        </p>
      )}
      {page.mentions.length === 0 ? (
        <p className="text-sm text-slate-600">{filters.after ? 'No older mentions.' : 'No mentions match these filters.'}</p>
      ) : (
        <ol className="flex flex-col gap-3" data-testid="mentions">
          {page.mentions.map((mention) => (
            <MentionItem key={mention.id} mention={mention} keywords={keywords} actions={actions} />
          ))}
        </ol>
      )}
      <div className="flex gap-3">
        {filters.after && (
          <Link href={href({ ...filters, after: undefined })} className={buttonClass('secondary')}>
            Newest mentions
          </Link>
        )}
        {page.nextCursor && (
          <Link href={href({ ...filters, after: page.nextCursor })} className={buttonClass('secondary')}>
            Older mentions
          </Link>
        )}
      </div>
    </div>
  );
}

function MentionItem({ mention, keywords, actions }: { mention: MentionRow; keywords: { id: string; text: string }[]; actions: MentionActions }) {
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="mention">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="font-medium">{mention.url ? <a href={mention.url} className="hover:underline" rel="noreferrer nofollow">{mention.title}</a> : mention.title}</h2>
          <p className="text-xs text-slate-600">
            <span className="font-medium text-slate-800">{mention.keyword.text}</span> · {mention.source}
            {mention.author ? ` · ${mention.author}` : ''} · <time dateTime={mention.publishedAt}>{formatDateTime(new Date(mention.publishedAt))}</time>
          </p>
          <p className="mt-1 line-clamp-2 text-sm text-slate-700">{mention.content}</p>
        </div>
        <div className="flex shrink-0 flex-col items-end gap-1">
          <span className="text-sm">
            Score <span className="font-semibold tabular-nums">{mention.score}</span>
          </span>
          {mention.lead && <Badge tone={STATUS_TONE[mention.lead.status]}>Lead: {LEAD_STATUS_LABELS[mention.lead.status]}</Badge>}
        </div>
      </div>
      <ScoreReasons reasons={mention.scoreReasons} score={mention.score} />
      <div className="mt-2 flex flex-wrap items-start justify-between gap-3">
        <MoveMentionForm id={mention.id} title={mention.title} keywords={keywords} current={mention.keyword.id} action={actions.move.bind(null, mention.id)} />
        <ActionRow
          actions={[
            ...(mention.lead ? [] : [{ label: 'Make lead', name: `Make a lead of “${mention.title}”`, variant: 'primary' as const, run: actions.promote.bind(null, mention.id), pendingLabel: 'Saving…' }]),
            { label: 'Delete', name: `Delete “${mention.title}”`, variant: 'danger-secondary' as const, run: actions.remove.bind(null, mention.id), confirm: { label: 'Delete mention', pendingLabel: 'Deleting…' } },
          ]}
        />
      </div>
    </li>
  );
}
