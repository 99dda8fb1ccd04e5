import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FriendRequestForm } from '@/components/people/friend-forms';
import { FriendsOverview, FriendsOverviewSkeleton } from '@/components/people/friends';
import { Card } from '@/components/ui/card';
import { removeFriendAction, sendFriendRequestAction } from '../actions';

export const metadata: Metadata = { title: 'Friends' };

export default function FriendsPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">Friends</h1>
      <p className="max-w-prose text-slate-600">Friends see the lists you share with friends, and can reserve and buy what is on them.</p>
      <Card>
        <FriendRequestForm action={sendFriendRequestAction} />
      </Card>
      <Suspense fallback={<FriendsOverviewSkeleton />}>
        <FriendsOverview removeFriend={removeFriendAction} />
      </Suspense>
    </div>
  );
}
