import type { Period, SubscriptionView } from '@/lib/channels/types';

/* Formatting of the Channels views, on the server, in English with UTC dates. */

const full = new Intl.NumberFormat('en');
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** 12,345 */
export const formatCount = (value: number) => full.format(value);

/** 12.3K, 1.2M (figures in tight places; the exact count goes in the title). */
export const formatCompact = (value: number) => compact.format(value);

/** "23 Nov" from "2026-11-23". */
export const formatDay = (day: string) => shortDate.format(new Date(`${day}T00:00:00Z`));

/** "23 Nov, 18:05" (UTC) from an ISO timestamp. */
export const formatMoment = (moment: string) => dateTime.format(new Date(moment));

/** "+12.3 %", "−4.0 %", "±0 %"; "new" when there was nothing before. */
export function formatChange(change: number | null): string {
  if (change === null) return 'new';
  if (change === 0) return '±0 %';
  const percent = Math.abs(change * 100);
  return `${change > 0 ? '+' : '−'}${percent >= 100 ? Math.round(percent).toLocaleString('en') : percent.toFixed(1)} %`;
}

/** "+251", "−12" (a count's change). */
export function formatDelta(delta: number | null): string {
  if (delta === null) return '–';
  if (delta === 0) return '±0';
  return `${delta > 0 ? '+' : '−'}${full.format(Math.abs(delta))}`;
}

export type Trend = 'up' | 'down' | 'flat';
export const trendOf = (change: number | null): Trend => (change === null || change > 0 ? 'up' : change < 0 ? 'down' : 'flat');

/** Text colours of a change with enough contrast on white (accessibility 100). */
export const TREND_CLASS: Record<Trend, string> = { up: 'text-emerald-700', down: 'text-red-700', flat: 'text-slate-600' };

/** "4.2 %" */
export const formatRate = (rate: number) => `${(rate * 100).toFixed(1)} %`;

export const PERIOD_LABELS: Record<Period, string> = { 7: 'Last 7 days', 30: 'Last 30 days', 90: 'Last 90 days' };

/** "€19 / month", "Free". */
export function formatPrice(cents: number, currency: string): string {
  if (cents === 0) return 'Free';
  return `${new Intl.NumberFormat('en', { style: 'currency', currency, maximumFractionDigits: cents % 100 === 0 ? 0 : 2 }).format(cents / 100)} / month`;
}

export const STATUS_LABELS: Record<SubscriptionView['status'], string> = {
  active: 'Active',
  trial: 'Trial',
  expired: 'Expired',
  cancelled: 'Cancelled',
  none: 'No subscription',
};
