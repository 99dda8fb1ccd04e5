import Link from 'next/link';
import { CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { FEED_LIMIT, getActivityFeed, getUpcomingEvents } from '@/lib/wishlists/queries';
import type { ActivityEntry, UpcomingEvent } from '@/lib/wishlists/types';
import { EVENT_LABELS, describeActivity } from './format';
import { formatDate } from '@/components/ui/format';

/*
 * The sidebar widgets of the wishlist dashboard: content only. The dashboard places each in a
 * WidgetFrame of fixed size with its skeleton (dashboard.tsx); rows have fixed heights so that a
 * full widget fits its frame.
 */
const ROW = 'h-[4.25rem]';

// `load` replaces the data source (the benchmark's naive baseline, bench/); the view stays the same.
export async function ActivityFeed({
  whose,
  load = getActivityFeed,
}: {
  whose: 'mine' | 'friends';
  load?: (viewerId: string, whose: 'mine' | 'friends') => Promise<ActivityEntry[]>;
}) {
  const viewer = await requireViewer();
  const activities = await load(viewer.id, whose);
  const title = whose === 'mine' ? 'My latest activity' : 'Friends’ latest activity';
  return (
    <>
      <CardTitle>{title}</CardTitle>
      {activities.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">{whose === 'mine' ? 'Nothing yet: create a list to get started.' : 'No news from your friends yet.'}</p>
      ) : (
        <ol className="mt-3 flex flex-col">
          {activities.map((activity) => (
            <li key={activity.id} className={`${ROW} overflow-hidden text-sm`}>
              <p className="line-clamp-2">
                <span className="font-medium">{whose === 'mine' ? 'You' : activity.actorName}</span> {describeActivity(activity)}
              </p>
              <time dateTime={activity.createdAt} className="text-xs text-slate-600">
                {formatDate(activity.createdAt)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

export function ActivityFeedSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-40" />
      <div className="mt-3 flex flex-col">
        {Array.from({ length: FEED_LIMIT }, (_, i) => (
          <div key={i} className={ROW}>
            <Skeleton className="h-4 w-full" />
            <Skeleton className="mt-1.5 h-3 w-20" />
          </div>
        ))}
      </div>
    </>
  );
}

// The stats widget (today, 7 days, 30 days) lives in its own file.
export { ActivityStatsSkeleton, ActivityStatsWidget } from './activity-stats';

const UPCOMING_SHOWN = 4;

export async function UpcomingEventsWidget({ load = getUpcomingEvents }: { load?: (viewerId: string) => Promise<UpcomingEvent[]> }) {
  const viewer = await requireViewer();
  const events = (await load(viewer.id)).slice(0, UPCOMING_SHOWN);
  return <UpcomingEventsView events={events.map((event) => ({ ...event, mine: event.ownerId === viewer.id }))} />;
}

/** The upcoming events as the widget shows them (also the Projects builder's widget: widgets.tsx). */
export function UpcomingEventsView({ events }: { events: (UpcomingEvent & { mine: boolean })[] }) {
  return (
    <>
      <div className="flex items-baseline justify-between">
        <CardTitle>Upcoming events</CardTitle>
        <Link href="/wishlists/upcoming" className="text-sm font-medium text-brand-700 underline">
          All
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No events in the next 60 days.</p>
      ) : (
        <ul className="mt-3 flex flex-col">
          {events.map((event) => (
            <li key={event.wishlistId} className="h-12 text-sm">
              <Link href={`/wishlists/${event.wishlistId}`} className="line-clamp-1 font-medium hover:underline">
                {event.name}
              </Link>
              <p className="line-clamp-1 text-xs text-slate-600">
                {event.mine ? 'You' : event.ownerName} · {EVENT_LABELS[event.eventType]} · {formatDate(event.eventDate)} ({event.daysAway === 0 ? 'today' : `in ${event.daysAway} days`})
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function UpcomingEventsSkeleton({ rows = UPCOMING_SHOWN }: { rows?: number }) {
  return (
    <>
      <Skeleton className="h-6 w-40" />
      <div className="mt-3 flex flex-col">
        {Array.from({ length: rows }, (_, i) => (
          <div key={i} className="h-12">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="mt-1 h-3 w-1/2" />
          </div>
        ))}
      </div>
    </>
  );
}
