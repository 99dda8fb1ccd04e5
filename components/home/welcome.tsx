import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getCachedFriendSummary } from '@/lib/people/queries';

/** The home page's greeting: content only, placed in a WidgetFrame by the page. */
export async function Welcome() {
  const viewer = await requireViewer();
  const friends = await getCachedFriendSummary(viewer.id);
  return (
    <div data-testid="welcome">
      {/* A new account with no friend yet is greeted as new (lib/people/queries.ts, newcomer). */}
      <h1 className="text-2xl font-semibold">{friends.newcomer ? 'Welcome' : 'Welcome back'}, {viewer.name}</h1>
      <p className="mt-2 text-slate-600">
        {plural(friends.friends, 'friend')} · {plural(friends.incomingRequests, 'friend request')} waiting for you ·{' '}
        {plural(friends.outgoingRequests, 'request')} you sent
      </p>
    </div>
  );
}

export function WelcomeSkeleton() {
  return (
    <>
      <Skeleton className="h-8 w-72" />
      <Skeleton className="mt-3 h-5 w-96 max-w-full" />
    </>
  );
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
