/*
 * The plain, JSON-safe shapes the Channels module's reads return (they pass through the data
 * cache: no Date, no BigInt, no Decimal). Days are ISO dates (`2026-11-23`, UTC), moments ISO
 * timestamps.
 */

/** The periods a dashboard offers, in days (plan 002's `period: int = 7`, and a month and a quarter). */
export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];
export const DEFAULT_PERIOD: Period = 30;

/** A period ending today (UTC), and the period of the same length just before it. */
export interface PeriodWindow {
  period: Period;
  /** First and last day of the period (the last is today). */
  start: string;
  end: string;
  previousStart: string;
  previousEnd: string;
}

export interface Totals {
  posts: number;
  views: number;
  likes: number;
  forwards: number;
}

/** One day of the rollup (zero for a day without a row). */
export interface DailyPoint extends Totals {
  day: string;
}

/** One of my channels on the dashboard: its audience and its totals for the period and the one before. */
export interface ChannelCard {
  id: string;
  title: string;
  handle: string;
  subscribers: number;
  /** Subscribers gained (or lost) since the day before the period, null without a snapshot that old. */
  subscribersChange: number | null;
  totals: Totals;
  previous: Totals;
}

/** My channels with period totals: the dashboard's list and its totals. */
export interface ChannelList {
  window: PeriodWindow;
  channels: ChannelCard[];
  totals: Totals;
  previous: Totals;
}

/** A daily series over the period, with the previous period's days for comparison. */
export interface DailySeries {
  window: PeriodWindow;
  /** The period's days, oldest first, one per day. */
  days: DailyPoint[];
  /** The previous period's days, oldest first, one per day. */
  previousDays: DailyPoint[];
}

/** One channel's analytics summary (plan 002's get_analytics_summary): totals, previous totals, days. */
export interface ChannelSummary extends DailySeries {
  channelId: string;
  totals: Totals;
  previous: Totals;
}

/** A channel as its page shows it to someone who may see it. */
export interface ChannelHeader {
  id: string;
  title: string;
  handle: string;
  ownerId: string;
  ownerName: string;
  subscribers: number;
  subscribersAt: string | null;
  createdAt: string;
  viewerIsOwner: boolean;
}

/** A channel's audience over the period (channel stats). */
export interface AudienceStats {
  channelId: string;
  window: PeriodWindow;
  /** Subscribers at the latest snapshot. */
  subscribers: number;
  /** Subscribers at the end of the day before the period, null without a snapshot that old. */
  atStart: number | null;
  change: number | null;
  /** The latest snapshot of each day of the period that has one, oldest first. */
  days: { day: string; subscribers: number }[];
}

export interface TopPost {
  id: string;
  channelId: string;
  channelTitle: string;
  publishedAt: string;
  /** The post's first 160 characters. */
  excerpt: string;
  views: number;
  likes: number;
  forwards: number;
  /** (likes + forwards) / views, 0 without views. */
  engagement: number;
}

/** Posts published in the period, the most viewed and the most engaging (from MIN_VIEWS_FOR_ENGAGEMENT views). */
export interface TopPosts {
  window: PeriodWindow;
  byViews: TopPost[];
  byEngagement: TopPost[];
}

export const TOP_POSTS_LIMIT = 5;
/** A post needs this many views to rank by engagement (one view and one like is not 100 % engagement). */
export const MIN_VIEWS_FOR_ENGAGEMENT = 100;

export interface PlanView {
  id: string;
  name: string;
  priceCents: number;
  currency: string;
  maxChannels: number;
  historyDays: number;
}

export const SUBSCRIPTION_STATUSES = ['active', 'trial', 'expired', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** The viewer's subscription: the live one (active or trial, not expired), else the latest, else none. */
export interface SubscriptionView {
  status: SubscriptionStatus | 'none';
  /** The plan of that subscription (null without any). */
  plan: PlanView | null;
  startedAt: string | null;
  expiresAt: string | null;
  /** What the viewer may use now: the live subscription's plan, else the free plan. */
  effectivePlan: PlanView;
  channelsUsed: number;
}

/** The free plan's key: everyone without a live subscription is on it. */
export const FREE_PLAN_ID = 'free';

/** The dashboard's data in one answer (GET /api/v1/channels). */
export interface ChannelDashboard {
  list: ChannelList;
  daily: DailySeries;
  topPosts: TopPosts;
  subscription: SubscriptionView;
}

/** One channel's page in one answer (GET /api/v1/channels/{id}). */
export interface ChannelDetail {
  channel: ChannelHeader;
  summary: ChannelSummary;
  audience: AudienceStats;
  topPosts: TopPosts;
}

/** What POST /api/v1/channels/metrics accepted. */
export interface AcceptedBatch {
  batchId: string;
  status: 'queued';
  posts: number;
  channels: number;
}

export interface BatchStatus {
  batchId: string;
  status: 'queued' | 'processed';
  posts: number;
  channels: number;
  receivedAt: string;
  processedAt: string | null;
}
