import { z } from 'zod';
import { uuidSchema } from '@/lib/validation';
import { DEFAULT_PERIOD, PERIODS, TOP_POSTS_LIMIT, type Period } from './types';

/** Empty form fields mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const isPeriod = (value: number): value is Period => (PERIODS as readonly number[]).includes(value);

/** ?period= in a page's URL: 7, 30 or 90; anything else is the default (a page never fails on it). */
export const periodParamSchema = z
  .preprocess((value) => (typeof value === 'string' ? Number(value) : value), z.number())
  .refine(isPeriod)
  .transform((value) => value as Period)
  .catch(DEFAULT_PERIOD);

/** ?period= in the API: 7, 30 or 90 (default 30); anything else is a 400 naming the choices. */
export const apiPeriodSchema = z
  .preprocess((value) => (value === undefined ? String(DEFAULT_PERIOD) : value), z.string())
  .refine((value) => isPeriod(Number(value)), `Use one of ${PERIODS.join(', ')} (days).`)
  .transform((value) => Number(value) as Period);

export const channelsApiQuerySchema = z.object({ period: apiPeriodSchema });

export const topPostsApiQuerySchema = z.object({
  period: apiPeriodSchema,
  sort: z.enum(['views', 'engagement'], 'Use views or engagement.').optional(),
});

/** A handle as people type it (`@Ada_Cooks`): stored lowercase, without the "@". */
const handleSchema = z
  .string('Choose a handle.')
  .trim()
  .transform((value) => value.replace(/^@/, '').toLowerCase())
  .pipe(z.string().min(1, 'Choose a handle.').regex(/^[a-z0-9_]{5,32}$/, 'Use 5 to 32 letters, digits or underscores.'));

export const channelInputSchema = z.object({
  title: z.string('Give the channel a title.').trim().min(1, 'Give the channel a title.').max(120, 'Use at most 120 characters.'),
  handle: handleSchema,
});
export type ChannelInput = z.infer<typeof channelInputSchema>;

/** How far back a post may be dated (an import of older posts), and how far ahead (clock skew). */
export const MAX_BACKDATE_DAYS = 365;
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/** A moment in ISO 8601 with its offset (`2026-11-23T18:05:00Z`), not in the future, at most a year old. */
const recentMoment = (what: string) =>
  z.iso
    .datetime({ offset: true, error: `Use an ISO 8601 time with its offset, like 2026-11-23T18:05:00Z.` })
    .refine((value) => Date.parse(value) <= Date.now() + MAX_CLOCK_SKEW_MS, `${what} cannot be in the future.`)
    .refine((value) => Date.parse(value) >= Date.now() - MAX_BACKDATE_DAYS * DAY_MS, `${what} can be at most ${MAX_BACKDATE_DAYS} days old.`);

export const postInputSchema = z.object({
  text: z.string('Write the post.').trim().min(1, 'Write the post.').max(4096, 'Use at most 4,096 characters.'),
  // Empty: now. A time without an offset (`2026-11-23 18:05`, as the form asks) is read as UTC.
  publishedAt: z.preprocess((value) => {
    const given = blankToUndefined(typeof value === 'string' ? value.trim() : value);
    const local = typeof given === 'string' ? /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(given) : null;
    return local ? `${local[1]}T${local[2]}${local[3] ?? ':00'}Z` : given;
  }, recentMoment('The publication time').optional()),
});
export type PostInput = z.infer<typeof postInputSchema>;

/** The largest number a count may take (a hundred million views in one interval is someone’s typo; the totals are bigint). */
export const MAX_COUNT = 100_000_000;
const count = (what: string) => z.number(`${what} must be a number.`).int(`${what} must be a whole number.`).min(0, `${what} cannot be negative.`).max(MAX_COUNT, `${what} is too large.`);

/** What a post gained (views, likes, forwards) in the interval that ends at capturedAt. */
export const postSnapshotSchema = z.object({
  postId: uuidSchema,
  capturedAt: recentMoment('capturedAt'),
  views: count('views'),
  likes: count('likes'),
  forwards: count('forwards'),
});
export type PostSnapshot = z.infer<typeof postSnapshotSchema>;

/** A channel's audience at capturedAt. */
export const channelSnapshotSchema = z.object({
  channelId: uuidSchema,
  capturedAt: recentMoment('capturedAt'),
  subscribers: count('subscribers'),
});
export type ChannelSnapshot = z.infer<typeof channelSnapshotSchema>;

/** At most this many snapshots (posts and channels together) per request: more is a 413. */
export const MAX_SNAPSHOTS_PER_REQUEST = 1_000;
/** A request body larger than this is refused before it is parsed (1,000 snapshots take about 150 kB). */
export const MAX_INGEST_BODY_BYTES = 512 * 1024;

export const ingestInputSchema = z
  .object({
    posts: z.array(postSnapshotSchema, 'posts must be a list of snapshots.').optional(),
    channels: z.array(channelSnapshotSchema, 'channels must be a list of snapshots.').optional(),
  })
  .refine((value) => (value.posts?.length ?? 0) + (value.channels?.length ?? 0) > 0, { message: 'Send at least one snapshot (posts or channels).', path: ['posts'] })
  .refine((value) => (value.posts?.length ?? 0) + (value.channels?.length ?? 0) <= MAX_SNAPSHOTS_PER_REQUEST, {
    message: `At most ${MAX_SNAPSHOTS_PER_REQUEST.toLocaleString('en')} snapshots per request.`,
    path: ['posts'],
  });
export type IngestInput = z.infer<typeof ingestInputSchema>;

/** The payload of a metrics batch as it is stored until the ingestion job applies it. */
export interface StoredBatchPayload {
  posts: PostSnapshot[];
  channels: ChannelSnapshot[];
}

// The Projects builder's widgets: configs are validated on every read, with no transforms.
const widgetPeriod = z.union([z.literal(7), z.literal(30), z.literal(90)], 'Choose 7, 30 or 90 days.');

export const periodTotalsConfigSchema = z.object({
  /** One of the viewer's channels, or null for all of them. */
  channelId: uuidSchema.nullable(),
  period: widgetPeriod,
});
export type PeriodTotalsConfig = z.infer<typeof periodTotalsConfigSchema>;

export const topPostsConfigSchema = z.object({
  channelId: uuidSchema.nullable(),
  period: widgetPeriod,
  by: z.enum(['views', 'engagement']),
  limit: z.number().int().min(1).max(TOP_POSTS_LIMIT),
});
export type TopPostsConfig = z.infer<typeof topPostsConfigSchema>;

export const dailyChartConfigSchema = z.object({
  channelId: uuidSchema.nullable(),
  period: widgetPeriod,
});
export type DailyChartConfig = z.infer<typeof dailyChartConfigSchema>;
