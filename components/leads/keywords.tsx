import { ActionRow } from '@/components/ui/action-row';
import { CardTitle } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { requireViewer } from '@/lib/auth/viewer';
import { keywordsRead } from '@/lib/leads/queries';
import { conversionRate } from '@/lib/leads/scoring';
import type { FormState, MutationResult } from '@/lib/validation';
import { count, percent } from './format';
import { RenameKeywordForm } from './keyword-forms';

export interface KeywordActions {
  rename: (id: string, previous: FormState<{ id: string }>, formData: FormData) => Promise<FormState<{ id: string }>>;
  remove: (id: string) => Promise<MutationResult>;
}

/** The owner's keywords with their counters (the counter caches: no recount), renamed and deleted in place. */
export async function KeywordsList({ actions }: { actions: KeywordActions }) {
  const viewer = await requireViewer();
  const keywords = await keywordsRead.get(viewer.id);
  return (
    <>
      <CardTitle>Your keywords ({keywords.length})</CardTitle>
      <DataTable
        className="mt-2"
        label="Your keywords"
        empty="No keywords yet: add the words and phrases your customers use."
        rows={keywords}
        rowKey={(keyword) => keyword.id}
        columns={[
          { header: 'Keyword', cell: (keyword) => <RenameKeywordForm id={keyword.id} text={keyword.text} action={actions.rename.bind(null, keyword.id)} /> },
          { header: 'Mentions', numeric: true, cell: (keyword) => count(keyword.mentionsCount) },
          { header: 'Leads', numeric: true, cell: (keyword) => count(keyword.leadsCount) },
          { header: 'Conversion', numeric: true, cell: (keyword) => percent(conversionRate(keyword.leadsCount, keyword.mentionsCount)) },
          {
            header: 'Actions',
            align: 'right',
            cell: (keyword) => (
              <ActionRow
                actions={[
                  {
                    label: 'Delete',
                    name: `Delete ${keyword.text}`,
                    variant: 'danger-secondary',
                    run: actions.remove.bind(null, keyword.id),
                    confirm: {
                      label: `Delete with ${count(keyword.mentionsCount)} mentions`,
                      name: `Delete ${keyword.text} with its ${keyword.mentionsCount} mentions`,
                      pendingLabel: 'Deleting…',
                    },
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
