import type { LeadStatus } from '@/lib/leads/types';

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 hours ago", "yesterday", from an ISO timestamp, relative to `now` (rendered on the server). */
export function ago(value: string, now = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return 'just now';
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86_400), 'day');
}

export const STATUS_TONE: Record<LeadStatus, 'neutral' | 'brand' | 'success' | 'warning'> = { new: 'brand', qualified: 'neutral', converted: 'success', lost: 'warning' };

export const percent = (value: number) => `${value.toLocaleString('en', { maximumFractionDigits: 2 })} %`;
export const count = (value: number) => value.toLocaleString('en');

/** Health: good from 80, poor below 50. */
export const healthTone = (score: number): 'success' | 'warning' | 'neutral' => (score >= 80 ? 'success' : score < 50 ? 'warning' : 'neutral');
