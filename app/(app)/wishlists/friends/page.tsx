import type { Metadata } from 'next';
import { FriendRequestForm } from '@/components/people/friend-forms';
import { FriendRequests, FriendsCardSkeleton, FriendsList } from '@/components/people/friends';
import { Card } from '@/components/ui/card';
import { WidgetFrame } from '@/components/ui/widget-frame';
import { removeFriendAction, respondToFriendRequestAction, sendFriendRequestAction } from '../actions';

export const metadata: Metadata = { title: 'Friends' };

export default function FriendsPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Friends</h1>
      <p className="max-w-prose text-slate-600">Friends see the lists you share with friends, and can reserve and buy what is on them.</p>
      <Card>
        <FriendRequestForm action={sendFriendRequestAction} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <WidgetFrame size="h-80" label="Requests for you" scroll skeleton={<FriendsCardSkeleton />}>
          <FriendRequests respond={respondToFriendRequestAction} />
        </WidgetFrame>
        <WidgetFrame size="h-80" label="Friends" scroll skeleton={<FriendsCardSkeleton />}>
          <FriendsList remove={removeFriendAction} />
        </WidgetFrame>
      </div>
    </div>
  );
}
