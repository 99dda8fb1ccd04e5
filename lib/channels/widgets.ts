import { getChannelHeader, getChannelList, getChannelSummary, getChannelTopPosts, getDashboardDaily, getDashboardTopPosts } from './queries';
import type { DailyChartConfig, PeriodTotalsConfig, TopPostsConfig } from './schemas';
import type { DailySeries, PeriodWindow, TopPost, Totals } from './types';

/*
 * The data of the Channels widgets of the Projects builder (lib/channels/module.ts, `widgets`),
 * through the same cached reads as the pages and with the same access rules: a channel the
 * viewer may not see answers null (the view says it is not available), never its data.
 */

const ALL_CHANNELS = 'All your channels';

export interface PeriodTotalsData {
  title: string;
  window: PeriodWindow;
  totals: Totals;
  previous: Totals;
}

export async function loadPeriodTotals(viewerId: string, config: PeriodTotalsConfig): Promise<PeriodTotalsData | null> {
  if (config.channelId === null) {
    const list = await getChannelList(viewerId, config.period);
    return { title: ALL_CHANNELS, window: list.window, totals: list.totals, previous: list.previous };
  }
  const [channel, summary] = await Promise.all([getChannelHeader(viewerId, config.channelId), getChannelSummary(viewerId, config.channelId, config.period)]);
  if (!channel || !summary) return null;
  return { title: channel.title, window: summary.window, totals: summary.totals, previous: summary.previous };
}

export interface TopPostsData {
  title: string;
  window: PeriodWindow;
  by: TopPostsConfig['by'];
  posts: TopPost[];
}

export async function loadTopPosts(viewerId: string, config: TopPostsConfig): Promise<TopPostsData | null> {
  const [channel, top] =
    config.channelId === null
      ? [null, await getDashboardTopPosts(viewerId, config.period)]
      : await Promise.all([getChannelHeader(viewerId, config.channelId), getChannelTopPosts(viewerId, config.channelId, config.period)]);
  if (!top || (config.channelId !== null && !channel)) return null;
  const posts = (config.by === 'views' ? top.byViews : top.byEngagement).slice(0, config.limit);
  return { title: channel?.title ?? ALL_CHANNELS, window: top.window, by: config.by, posts };
}

export interface DailyViewsData extends DailySeries {
  title: string;
}

export async function loadDailyViews(viewerId: string, config: DailyChartConfig): Promise<DailyViewsData | null> {
  if (config.channelId === null) return { title: ALL_CHANNELS, ...(await getDashboardDaily(viewerId, config.period)) };
  const [channel, summary] = await Promise.all([getChannelHeader(viewerId, config.channelId), getChannelSummary(viewerId, config.channelId, config.period)]);
  if (!channel || !summary) return null;
  return { title: channel.title, window: summary.window, days: summary.days, previousDays: summary.previousDays };
}
