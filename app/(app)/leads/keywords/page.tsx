import type { Metadata } from 'next';
import { AddKeywordForm } from '@/components/leads/keyword-forms';
import { LeadsHeader } from '@/components/leads/header';
import { KeywordsList } from '@/components/leads/keywords';
import { RowsSkeletonOf } from '@/components/leads/views';
import { Card } from '@/components/ui/card';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { createKeywordAction, deleteKeywordAction, renameKeywordAction } from '../actions';

export const metadata: Metadata = { title: 'Keywords · Leads' };

export default function KeywordsPage() {
  return (
    <div className="flex flex-col gap-6">
      <LeadsHeader title="Keywords" current="/leads/keywords" />
      <Card>
        <AddKeywordForm action={createKeywordAction} />
      </Card>
      <WidgetFrame size="h-[36rem]" label="Your keywords" scroll skeleton={<RowsSkeletonOf rows={8} rowClass="h-12" />}>
        <KeywordsList actions={{ rename: renameKeywordAction, remove: deleteKeywordAction }} />
      </WidgetFrame>
    </div>
  );
}
