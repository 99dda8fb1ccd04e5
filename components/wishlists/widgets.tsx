import type { ActivityStats, UpcomingEvent } from '@/lib/wishlists/types';
import { ActivityStatsSkeleton, ActivityStatsView } from './activity-stats';
import { UpcomingEventsSkeleton, UpcomingEventsView } from './activity-widgets';

/*
 * The Wishlists widgets of the Projects builder (their data parts are in lib/wishlists/module.ts,
 * `widgets`): the dashboard's own views of the loaded data, and their skeletons, by type. The
 * builder places each in a frame of the widget's grid size.
 */
export const widgetViews = {
  'wishlists.upcomingEvents': {
    View: ({ data }: { data: (UpcomingEvent & { mine: boolean })[]; config: { limit: number } }) => <UpcomingEventsView events={data} />,
    Skeleton: ({ config }: { config: { limit: number } }) => <UpcomingEventsSkeleton rows={config.limit} />,
  },
  'wishlists.circleStats': {
    View: ({ data }: { data: ActivityStats; config: Record<string, never> }) => <ActivityStatsView stats={data} />,
    Skeleton: () => <ActivityStatsSkeleton />,
  },
};
