import type { Metadata } from 'next';
import { CreateTokenForm } from '@/components/api-tokens/create-token-form';
import { TokenList, TokenListSkeleton } from '@/components/api-tokens/token-list';
import { Card } from '@/components/ui/card';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { createApiTokenAction, revokeApiTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

export default function ApiTokensPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">API tokens</h1>
      <div className="max-w-prose space-y-2 text-slate-600">
        <p>
          A token lets a script call Brisk’s JSON API (<code className="font-mono text-sm">/api/v1</code>) as you, with what you may see. Send it in
          the header <code className="font-mono text-sm">Authorization: Bearer brisk_…</code>.
        </p>
        <p>An admin’s token also reads the metrics, for a Prometheus scraper: <code className="font-mono text-sm">/api/metrics</code> and <code className="font-mono text-sm">/api/v1/cache/stats</code>.</p>
      </div>
      <Card>
        <CreateTokenForm action={createApiTokenAction} />
      </Card>
      <WidgetFrame size="h-80" label="Your tokens" scroll skeleton={<TokenListSkeleton />}>
        <TokenList revoke={revokeApiTokenAction} />
      </WidgetFrame>
    </div>
  );
}
