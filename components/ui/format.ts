const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });

/** "24 Dec 2026" from "2026-12-24", an ISO timestamp or a Date; rendered on the server in UTC. */
export function formatDate(value: string | Date): string {
  return dateFormat.format(typeof value === 'string' ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : value);
}

/** "24 Dec 2026, 18:05 UTC": for moments where the hour matters (a token's last use). */
export function formatDateTime(value: Date): string {
  return dateTimeFormat.format(value);
}
