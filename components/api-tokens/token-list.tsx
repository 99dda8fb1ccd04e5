import { revokeApiTokenAction } from '@/app/(app)/settings/tokens/actions';
import { Badge } from '@/components/ui/badge';
import { Card, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { listApiTokens, type TokenStatus } from '@/lib/api-tokens/queries';
import { requireViewer } from '@/lib/auth/viewer';
import { RevokeButton } from './revoke-button';

const STATUS_BADGE: Record<TokenStatus, { tone: 'success' | 'neutral' | 'warning'; label: string }> = {
  active: { tone: 'success', label: 'active' },
  expired: { tone: 'warning', label: 'expired' },
  revoked: { tone: 'neutral', label: 'revoked' },
};

/** A row's height, shared with the skeleton so that nothing moves when the list streams in. */
const ROW = 'min-h-16';

export async function TokenList() {
  const viewer = await requireViewer();
  const tokens = await listApiTokens(viewer.id);
  if (tokens.length === 0) {
    return (
      <EmptyState title="No API tokens yet">
        Create one above for each script or service that calls Brisk, so that you can revoke them one by one.
      </EmptyState>
    );
  }
  return (
    <Card>
      <CardTitle>Your tokens ({tokens.length})</CardTitle>
      <ul className="mt-3 flex flex-col divide-y divide-slate-200" data-testid="token-list">
        {tokens.map((token) => (
          <li key={token.id} className={`${ROW} flex flex-wrap items-center justify-between gap-3 py-2`} data-testid="token-row">
            <div className="min-w-0">
              <p className="flex items-center gap-2">
                <span className="font-medium">{token.name}</span>
                <code className="font-mono text-xs text-slate-600">{token.prefix}…</code>
                <Badge tone={STATUS_BADGE[token.status].tone}>{STATUS_BADGE[token.status].label}</Badge>
              </p>
              <p className="text-xs text-slate-600">
                created {formatDate(token.createdAt)}
                {token.revokedAt
                  ? ` · revoked ${formatDate(token.revokedAt)}`
                  : token.expiresAt
                    ? ` · ${token.status === 'expired' ? 'expired' : 'expires'} ${formatDate(token.expiresAt)}`
                    : ' · never expires'}
                {` · ${token.lastUsedAt ? `last used ${formatDateTime(token.lastUsedAt)}` : 'never used'}`}
              </p>
            </div>
            {token.status === 'active' && <RevokeButton name={token.name} revoke={revokeApiTokenAction.bind(null, token.id)} />}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-slate-600">Revoked and expired tokens are removed from this list 30 days later.</p>
    </Card>
  );
}

export function TokenListSkeleton() {
  return (
    <Card aria-busy="true" aria-label="Loading your tokens">
      <Skeleton className="h-6 w-36" />
      <div className="mt-3 flex flex-col divide-y divide-slate-200">
        {[0, 1].map((row) => (
          <div key={row} className={`${ROW} flex items-center justify-between py-2`}>
            <div className="flex flex-col gap-1.5">
              <Skeleton className="h-5 w-56" />
              <Skeleton className="h-3.5 w-72" />
            </div>
            <Skeleton className="h-8 w-[4.5rem]" />
          </div>
        ))}
      </div>
      <Skeleton className="mt-3 h-4 w-80" />
    </Card>
  );
}
