import type { AnalysisStatus, CodeStatus, MemberRole, SubscriptionTier } from '@/lib/sponsors/types';

/** How the Sponsors pages write figures and names (server-rendered, en-GB, UTC). */

export const count = (value: number) => value.toLocaleString('en');
export const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
export const euros = (value: number | null) => (value === null ? '–' : `€${value.toLocaleString('en', { minimumFractionDigits: value % 1 === 0 ? 0 : 2, maximumFractionDigits: 2 })}`);
export const hours = (value: number | null) => (value === null ? '–' : `${value.toLocaleString('en')} h`);
export const score = (value: number | null) => (value === null ? '–' : String(value));

export const TIER_NAMES: Record<SubscriptionTier, string> = { trial: 'Trial', small: 'Small (S)', medium: 'Medium (M)', large: 'Large (L)', xlarge: 'Extra large (XL)' };
export const ROLE_NAMES: Record<MemberRole | 'admin', string> = { owner: 'Owner', manager: 'Manager', analyst: 'Analyst', admin: 'Administrator (read-only)' };
export const STATUS_NAMES: Record<AnalysisStatus, string> = { pending: 'Waiting', processing: 'Analysing', completed: 'Completed', failed: 'Failed' };
export const CODE_STATUS_NAMES: Record<CodeStatus, string> = { in_stock: 'In stock', with_dealer: 'With dealer', sent: 'Sent', redeemed: 'Redeemed', expired: 'Expired', inactive: 'Withdrawn' };

export const cropName = (crop: string) => crop.charAt(0).toUpperCase() + crop.slice(1);

/** A JSON key as a label: `overallAssessment` → "Overall assessment". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A bucket's label on a chart: "3 Nov" for days and weeks, "Nov 2026" for months. */
export function bucketLabel(bucket: string, unit: 'day' | 'week' | 'month'): string {
  const date = new Date(`${bucket}T00:00:00Z`);
  return unit === 'month' ? monthYear.format(date) : dayMonth.format(date);
}
