import { CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { requireViewer } from '@/lib/auth/viewer';
import { getActivityStats } from '@/lib/wishlists/queries';
import { ACTIVITY_PERIODS, type ActivityCounts, type ActivityPeriod, type ActivityStats } from '@/lib/wishlists/types';

const STAT_LABELS: [keyof ActivityCounts, string][] = [
  ['wishlistsCreated', 'Lists created'],
  ['itemsAdded', 'Items added'],
  ['giftsReserved', 'Gifts reserved'],
  ['giftsPurchased', 'Gifts bought'],
  ['friendsMade', 'New friendships'],
];

const PERIOD_LABELS: Record<ActivityPeriod, string> = { today: 'Today', week: '7 days', month: '30 days' };

// The frame (a WidgetFrame of the dashboard) keeps its height; the skeleton is the same table.
const TABLE = 'mt-3 w-full table-fixed text-sm';
const ROW = 'h-6';

function Columns() {
  return (
    <colgroup>
      <col />
      {ACTIVITY_PERIODS.map((period) => (
        <col key={period} className="w-12" />
      ))}
    </colgroup>
  );
}

/**
 * What happened in the viewer's circle (their own and their friends' activity) today, over 7
 * days and over 30 days: one cached read, one statement cold (plan 000's stats, 15 minutes,
 * refreshed by the background job when friends change something). `load` replaces the data
 * source (the benchmark's naive baseline); the view stays the same.
 */
export async function ActivityStatsWidget({ load = getActivityStats }: { load?: (viewerId: string) => Promise<ActivityStats> }) {
  const viewer = await requireViewer();
  return <ActivityStatsView stats={await load(viewer.id)} />;
}

/** The stats table as the widget shows it (also the Projects builder's widget: widgets.tsx). */
export function ActivityStatsView({ stats }: { stats: ActivityStats }) {
  return (
    <>
      <CardTitle>Activity in your circle</CardTitle>
      <table className={TABLE}>
        <Columns />
        <thead>
          <tr className={`${ROW} text-xs text-slate-600`}>
            <td />
            {ACTIVITY_PERIODS.map((period) => (
              <th key={period} scope="col" className="text-right font-medium">
                {PERIOD_LABELS[period]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {STAT_LABELS.map(([key, label]) => (
            <tr key={key} className={ROW}>
              <th scope="row" className="truncate text-left font-normal text-slate-700">
                {label}
              </th>
              {ACTIVITY_PERIODS.map((period) => (
                <td key={period} className="text-right font-semibold tabular-nums">
                  {stats[period][key]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function ActivityStatsSkeleton() {
  return (
    <>
      <Skeleton className="h-6 w-48" />
      <table className={TABLE} aria-hidden="true">
        <Columns />
        <tbody>
          <tr className={ROW}>
            <td />
            {ACTIVITY_PERIODS.map((period) => (
              <td key={period}>
                <Skeleton className="ml-auto h-3 w-10" />
              </td>
            ))}
          </tr>
          {STAT_LABELS.map(([key]) => (
            <tr key={key} className={ROW}>
              <td>
                <Skeleton className="h-4 w-24" />
              </td>
              {ACTIVITY_PERIODS.map((period) => (
                <td key={period}>
                  <Skeleton className="ml-auto h-4 w-6" />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
