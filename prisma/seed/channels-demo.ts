import type { DemoAccountId } from './demo-accounts';
import { stableUuid } from './shared';

/*
 * The demo accounts' channels and subscriptions, written out so that journeys, budgets and
 * access tests know what to expect. Kept apart from the seeder (./channels.ts) so that the
 * module's manifest can name demo channels without loading faker.
 */

export interface DemoChannel {
  key: string;
  owner: DemoAccountId;
  title: string;
  handle: string;
  /** Posts a day at demo scale (eight times as many at large scale). */
  postsPerDay: number;
  /** Views a typical post reaches in its first 30 days. */
  reach: number;
  /** Subscribers today, and the share of them gained over the seeded history. */
  subscribers: number;
  growth: number;
  /** What the channel is about (the posts' texts come from faker with this theme). */
  theme: 'food' | 'travel' | 'books' | 'tech' | 'sport' | 'design' | 'music' | 'outdoors';
}

export const DEMO_CHANNELS: DemoChannel[] = [
  { key: 'ada-kitchen', owner: 'usr_ada', title: 'Ada’s Kitchen', handle: 'adas_kitchen', postsPerDay: 2, reach: 12_000, subscribers: 48_200, growth: 0.18, theme: 'food' },
  { key: 'ada-travel', owner: 'usr_ada', title: 'Ada on the Road', handle: 'ada_on_the_road', postsPerDay: 1, reach: 4_000, subscribers: 15_300, growth: 0.09, theme: 'travel' },
  { key: 'ada-books', owner: 'usr_ada', title: 'Paper & Ink', handle: 'paper_and_ink', postsPerDay: 0.5, reach: 1_500, subscribers: 6_100, growth: 0.35, theme: 'books' },
  { key: 'ben-tech', owner: 'usr_ben', title: 'Ben’s Tech Digest', handle: 'bens_tech_digest', postsPerDay: 3, reach: 20_000, subscribers: 91_500, growth: 0.12, theme: 'tech' },
  { key: 'ben-running', owner: 'usr_ben', title: 'Run with Ben', handle: 'run_with_ben', postsPerDay: 0.7, reach: 2_500, subscribers: 8_800, growth: -0.04, theme: 'sport' },
  { key: 'chloe-design', owner: 'usr_chloe', title: 'Chloé Designs', handle: 'chloe_designs', postsPerDay: 1, reach: 6_000, subscribers: 22_400, growth: 0.22, theme: 'design' },
  { key: 'dev-cricket', owner: 'usr_dev', title: 'Cricket Daily', handle: 'cricket_daily', postsPerDay: 2, reach: 9_000, subscribers: 33_000, growth: 0.07, theme: 'sport' },
  { key: 'eunji-kpop', owner: 'usr_eunji', title: 'K-Pop Weekly', handle: 'kpop_weekly', postsPerDay: 1.5, reach: 30_000, subscribers: 120_000, growth: 0.28, theme: 'music' },
  { key: 'gus-outdoors', owner: 'usr_gus', title: 'Outdoor Gus', handle: 'outdoor_gus', postsPerDay: 0.5, reach: 800, subscribers: 2_150, growth: 0.15, theme: 'outdoors' },
];

/** The id of a demo channel by its key (DEMO_CHANNELS). */
export const demoChannelId = (key: string) => stableUuid(`channel:${key}`);

export interface DemoSubscription {
  user: DemoAccountId;
  plan: 'free' | 'pro' | 'business';
  status: 'active' | 'trial' | 'expired' | 'cancelled';
  /** Days relative to the day of seeding. */
  startedDaysAgo: number;
  expiresInDays: number;
}

/**
 * Each demo account's subscriptions, oldest first (the last one is current). Farah and the admin
 * have none: they are on the free plan.
 */
export const DEMO_SUBSCRIPTIONS: DemoSubscription[] = [
  { user: 'usr_ada', plan: 'pro', status: 'expired', startedDaysAgo: 240, expiresInDays: -226 },
  { user: 'usr_ada', plan: 'pro', status: 'active', startedDaysAgo: 226, expiresInDays: 20 },
  { user: 'usr_ben', plan: 'pro', status: 'expired', startedDaysAgo: 400, expiresInDays: -10 },
  { user: 'usr_ben', plan: 'business', status: 'trial', startedDaysAgo: 9, expiresInDays: 5 },
  { user: 'usr_chloe', plan: 'free', status: 'active', startedDaysAgo: 300, expiresInDays: 3650 },
  { user: 'usr_dev', plan: 'pro', status: 'expired', startedDaysAgo: 33, expiresInDays: -3 },
  { user: 'usr_eunji', plan: 'pro', status: 'cancelled', startedDaysAgo: 120, expiresInDays: 10 },
  { user: 'usr_gus', plan: 'free', status: 'active', startedDaysAgo: 90, expiresInDays: 3650 },
];

export interface DemoPlan {
  id: 'free' | 'pro' | 'business';
  name: string;
  priceCents: number;
  currency: string;
  maxChannels: number;
  historyDays: number;
}

export const DEMO_PLANS: DemoPlan[] = [
  { id: 'free', name: 'Free', priceCents: 0, currency: 'EUR', maxChannels: 1, historyDays: 30 },
  { id: 'pro', name: 'Pro', priceCents: 1900, currency: 'EUR', maxChannels: 5, historyDays: 365 },
  { id: 'business', name: 'Business', priceCents: 7900, currency: 'EUR', maxChannels: 25, historyDays: 730 },
];
