import { ActionRow } from '@/components/ui/action-row';
import { CardTitle } from '@/components/ui/card';
import { formatDate } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getFriendsOverview } from '@/lib/people/queries';
import type { FormState } from '@/lib/validation';

/*
 * The two widgets of /wishlists/friends: content only, placed in WidgetFrames by the page. Both
 * read the same cached overview (one statement cold, one factory call at a time per key).
 */

/** Accepts or declines a request (a server action, passed in by the page). */
export type RespondToFriendRequest = (connectionId: string, response: 'accept' | 'decline') => Promise<FormState>;

export async function FriendRequests({ respond }: { respond: RespondToFriendRequest }) {
  const viewer = await requireViewer();
  const { requests } = await getFriendsOverview(viewer.id);
  const incoming = requests.filter((r) => r.direction === 'incoming');
  const outgoing = requests.filter((r) => r.direction === 'outgoing');
  return (
    <>
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
              <ActionRow
                actions={[
                  { label: 'Accept', name: `Accept ${request.name}`, variant: 'primary', run: respond.bind(null, request.connectionId, 'accept') },
                  { label: 'Decline', name: `Decline ${request.name}`, run: respond.bind(null, request.connectionId, 'decline') },
                ]}
              />
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
    </>
  );
}

/** Ends a friendship (a server action, passed in by the page). */
export type RemoveFriend = (connectionId: string) => Promise<FormState<unknown>>;

export async function FriendsList({ remove }: { remove: RemoveFriend }) {
  const viewer = await requireViewer();
  const { friends } = await getFriendsOverview(viewer.id);
  return (
    <>
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
              <ActionRow
                actions={[
                  {
                    label: 'Remove friend',
                    name: `Remove friend: ${friend.name}`,
                    variant: 'ghost',
                    run: remove.bind(null, friend.connectionId),
                    confirm: { label: 'Yes, remove', pendingLabel: 'Removing…', question: `Remove ${friend.name} from your friends?` },
                  },
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function FriendsCardSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-48" />
      {[0, 1, 2, 3].map((j) => (
        <div key={j} className="py-2">
          <Skeleton className="h-5 w-40" />
          <Skeleton className="mt-1 h-3 w-28" />
        </div>
      ))}
    </>
  );
}
