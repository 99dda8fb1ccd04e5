import Link from 'next/link';
import { CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getGivenGifts, getUpcomingEvents } from '@/lib/wishlists/queries';
import { EVENT_LABELS } from './format';
import { formatDate } from '@/components/ui/format';

// The lists of /wishlists/upcoming: content only, placed in scrolling WidgetFrames by the page.

export async function UpcomingEventsList() {
  const viewer = await requireViewer();
  const events = await getUpcomingEvents(viewer.id);
  return (
    <>
      <CardTitle>Events in the next 60 days</CardTitle>
      {events.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">Neither you nor your friends have an event coming up.</p>
      ) : (
        <ul className="mt-3 flex flex-col divide-y divide-slate-200">
          {events.map((event) => (
            <li key={event.wishlistId} className="flex items-center justify-between gap-4 py-3">
              <div>
                <Link href={`/wishlists/${event.wishlistId}`} className="font-medium hover:underline">
                  {event.name}
                </Link>
                <p className="text-sm text-slate-600">
                  {event.ownerId === viewer.id ? 'You' : event.ownerName} · {EVENT_LABELS[event.eventType]}
                </p>
              </div>
              <p className="text-right text-sm">
                {formatDate(event.eventDate)}
                <br />
                <span className="text-slate-600">{event.daysAway === 0 ? 'today' : `in ${event.daysAway} days`}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export async function GivenGiftsList() {
  const viewer = await requireViewer();
  const gifts = await getGivenGifts(viewer.id);
  return (
    <>
      <CardTitle>Gifts you are giving</CardTitle>
      {gifts.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">You have not reserved or bought anything yet.</p>
      ) : (
        <ul className="mt-3 flex flex-col divide-y divide-slate-200">
          {gifts.map((gift) => (
            <li key={gift.itemId} className="py-3">
              <p className="font-medium">{gift.itemName}</p>
              <p className="text-sm text-slate-600">
                {gift.status === 'purchased' ? 'Bought' : 'Reserved'} for {gift.ownerName} ·{' '}
                <Link href={`/wishlists/${gift.wishlistId}`} className="underline">
                  {gift.wishlistName}
                </Link>
                {gift.eventDate && ` · ${formatDate(gift.eventDate)}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ListCardSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-56" />
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="py-3">
          <Skeleton className="h-5 w-1/2" />
          <Skeleton className="mt-1 h-4 w-1/3" />
        </div>
      ))}
    </>
  );
}
