import type { Metadata } from 'next';
import { AddSourceForm } from '@/components/leads/source-form';
import { LeadsHeader } from '@/components/leads/header';
import { SourcesList } from '@/components/leads/integrations';
import { RowsSkeletonOf } from '@/components/leads/views';
import { Card } from '@/components/ui/card';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { addIntegrationAction, removeIntegrationAction, searchNowAction, setIntegrationStatusAction } from '../actions';

export const metadata: Metadata = { title: 'Sources · Leads' };

const actions = { searchNow: searchNowAction, setStatus: setIntegrationStatusAction, remove: removeIntegrationAction };

export default function SourcesPage() {
  return (
    <div className="flex flex-col gap-6">
      <LeadsHeader title="Sources" current="/leads/integrations" />
      <Card>
        <AddSourceForm action={addIntegrationAction} />
      </Card>
      <WidgetFrame size="h-[32rem]" label="Your sources" scroll skeleton={<RowsSkeletonOf rows={5} rowClass="h-16" />}>
        <SourcesList actions={actions} />
      </WidgetFrame>
    </div>
  );
}
