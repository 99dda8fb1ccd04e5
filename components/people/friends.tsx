import { respondToFriendRequestAction } from '@/app/(app)/wishlists/actions';
import { Card, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDate } from '@/components/ui/format';
import { requireViewer } from '@/lib/auth/viewer';
import { getFriendsOverview } from '@/lib/people/queries';
import { RespondButtons } from './friend-forms';
import { RemoveFriendButton } from './remove-friend';
import type { FormState } from '@/lib/validation';

/** `removeFriend`: the page's server action that ends a friendship (by connection id); without it, no button. */
export async function FriendsOverview({ removeFriend }: { removeFriend?: (connectionId: string) => Promise<FormState<unknown>> } = {}) {
  const viewer = await requireViewer();
  const { friends, requests } = await getFriendsOverview(viewer.id);
  const incoming = requests.filter((r) => r.direction === 'incoming');
  const outgoing = requests.filter((r) => r.direction === 'outgoing');
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardTitle>Requests for you ({incoming.length})</CardTitle>
        {incoming.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No requests waiting.</p>
        ) : (
          <ul className="mt-3 flex flex-col divide-y divide-slate-200">
            {incoming.map((request) => (
              <li key={request.connectionId} className="flex items-center justify-between gap-3 py-2" data-testid="incoming-request">
                <span>
                  <span className="font-medium">{request.name}</span>
                  <span className="block text-xs text-slate-600">asked on {formatDate(request.sentAt)}</span>
                </span>
                <RespondButtons name={request.name} run={respondToFriendRequestAction.bind(null, request.connectionId)} />
              </li>
            ))}
          </ul>
        )}
        {outgoing.length > 0 && (
          <>
            <h3 className="mt-4 text-sm font-semibold text-slate-800">Waiting for an answer</h3>
            <ul className="mt-1 text-sm text-slate-700">
              {outgoing.map((request) => (
                <li key={request.connectionId}>{request.name}</li>
              ))}
            </ul>
          </>
        )}
      </Card>
      <Card>
        <CardTitle>Friends ({friends.length})</CardTitle>
        {friends.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">No friends yet: send a request to someone you know.</p>
        ) : (
          <ul className="mt-3 flex flex-col divide-y divide-slate-200" data-testid="friends-list">
            {friends.map((friend) => (
              <li key={friend.connectionId} className="flex items-center justify-between gap-3 py-2" data-testid="friend">
                <span>
                  <span className="font-medium">{friend.name}</span>
                  <span className="block text-xs text-slate-600">friends since {formatDate(friend.since)}</span>
                </span>
                {removeFriend && <RemoveFriendButton name={friend.name} run={removeFriend.bind(null, friend.connectionId)} />}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

export function FriendsOverviewSkeleton() {
  return (
    <div className="grid gap-6 lg:grid-cols-2" aria-hidden="true">
      {[0, 1].map((i) => (
        <Card key={i}>
          <Skeleton className="h-6 w-48" />
          {[0, 1, 2].map((j) => (
            <div key={j} className="py-2">
              <Skeleton className="h-5 w-40" />
              <Skeleton className="mt-1 h-3 w-28" />
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}
