import { ActionRow } from '@/components/ui/action-row';
import { Badge } from '@/components/ui/badge';
import { CardTitle } from '@/components/ui/card';
import { formatDate, formatDateTime } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { listApiTokens, type TokenStatus } from '@/lib/api-tokens/queries';
import { requireViewer } from '@/lib/auth/viewer';
import type { FormState } from '@/lib/validation';

const STATUS_BADGE: Record<TokenStatus, { tone: 'success' | 'neutral' | 'warning'; label: string }> = {
  active: { tone: 'success', label: 'active' },
  expired: { tone: 'warning', label: 'expired' },
  revoked: { tone: 'neutral', label: 'revoked' },
};

/** A row's height, shared with the skeleton. */
const ROW = 'min-h-16';

/** Revokes one of the viewer's tokens (a server action, passed in by the page). */
export type RevokeApiToken = (tokenId: string) => Promise<FormState>;

/** The viewer's tokens: content only, placed in a scrolling WidgetFrame by the page. */
export async function TokenList({ revoke }: { revoke: RevokeApiToken }) {
  const viewer = await requireViewer();
  const tokens = await listApiTokens(viewer.id);
  if (tokens.length === 0) {
    return (
      <div className="flex h-full flex-col items-center justify-center text-center">
        <h2 className="text-base font-semibold text-slate-900">No API tokens yet</h2>
        <p className="mx-auto mt-2 max-w-prose text-sm text-slate-600">
          Create one above for each script or service that calls Brisk, so that you can revoke them one by one.
        </p>
      </div>
    );
  }
  return (
    <>
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
            {token.status === 'active' && (
              <ActionRow
                actions={[
                  {
                    label: 'Revoke',
                    name: `Revoke ${token.name}`,
                    run: revoke.bind(null, token.id),
                    // Revoking cannot be undone: asked once more, in place.
                    confirm: { label: 'Yes, revoke', name: `Yes, revoke ${token.name}`, pendingLabel: 'Revoking…', cancelLabel: 'Keep' },
                  },
                ]}
              />
            )}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-xs text-slate-600">Revoked and expired tokens are removed from this list 30 days later.</p>
    </>
  );
}

export function TokenListSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-36" />
      <div className="mt-3 flex flex-col divide-y divide-slate-200">
        {[0, 1, 2, 3].map((row) => (
          <div key={row} className={`${ROW} flex items-center justify-between py-2`}>
            <div className="flex flex-col gap-1.5">
              <Skeleton className="h-5 w-56" />
              <Skeleton className="h-3.5 w-72" />
            </div>
            <Skeleton className="h-8 w-[4.5rem]" />
          </div>
        ))}
      </div>
    </>
  );
}
