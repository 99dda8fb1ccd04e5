import { z } from 'zod';
import { uuidSchema } from '@/lib/validation';
import { BUCKETS, CODE_FILTERS, CODE_TIERS, MEMBER_ROLES, type AnalyticsRange, type Bucket } from './types';

/** Empty form fields mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const DAY_MS = 86_400_000;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23.')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'This is not a real date.');

/** YYYY-MM-DD of a day (UTC). */
export const dayString = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => dayString(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The analytics' default: the last 90 days, by week. */
export const DEFAULT_RANGE_DAYS = 90;
export const DEFAULT_BUCKET: Bucket = 'week';
/** The longest range per bucket: a chart of at most ~100 points (and queries over at most 5 years). */
export const MAX_RANGE_DAYS: Record<Bucket, number> = { day: 92, week: 731, month: 1827 };
export const EARLIEST_DAY = '2000-01-01';

export function defaultRange(today: string): AnalyticsRange {
  return { from: addDays(today, -(DEFAULT_RANGE_DAYS - 1)), to: today, bucket: DEFAULT_BUCKET };
}

/**
 * The date range and bucket of the analytics, from the URL (`?from=2026-08-26&to=2026-11-23&bucket=week`):
 * absent parts take the default (the 90 days up to `today`, by week); a bad one is an error named
 * by its field. `today` is the current UTC day: the range cannot end after it.
 */
export function analyticsRangeSchema(today: string) {
  return z
    .object({
      from: z.preprocess(blankToUndefined, isoDate.optional()),
      to: z.preprocess(blankToUndefined, isoDate.optional()),
      bucket: z.preprocess(blankToUndefined, z.enum(BUCKETS, 'Choose day, week or month.').optional()),
    })
    .transform((value) => {
      const to = value.to ?? today;
      const bucket = value.bucket ?? DEFAULT_BUCKET;
      const from = value.from ?? addDays(to, -(Math.min(DEFAULT_RANGE_DAYS, MAX_RANGE_DAYS[bucket]) - 1));
      return { from, to, bucket } satisfies AnalyticsRange;
    })
    .superRefine((range, context) => {
      if (range.to > today) context.addIssue({ code: 'custom', path: ['to'], message: 'The range cannot end in the future.' });
      if (range.from < EARLIEST_DAY) context.addIssue({ code: 'custom', path: ['from'], message: `Start on ${EARLIEST_DAY} or later.` });
      if (range.from > range.to) context.addIssue({ code: 'custom', path: ['from'], message: 'Start on or before the end date.' });
      else if (daysBetween(range.from, range.to) + 1 > MAX_RANGE_DAYS[range.bucket]) {
        context.addIssue({ code: 'custom', path: ['from'], message: `By ${range.bucket}, a range covers at most ${MAX_RANGE_DAYS[range.bucket]} days.` });
      }
    });
}

export type RangeResult = { ok: true; range: AnalyticsRange } | { ok: false; range: AnalyticsRange; errors: Record<string, string> };

/** The range asked for, or the default and the errors (a page shows them and the default). */
export function parseAnalyticsRange(input: Record<string, unknown>, today: string): RangeResult {
  const parsed = analyticsRangeSchema(today).safeParse(input);
  if (parsed.success) return { ok: true, range: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'range')] ??= issue.message;
  return { ok: false, range: defaultRange(today), errors };
}

/**
 * Keyset cursors: the sort key of the last row of a page (its time and id), opaque to clients
 * (base64url JSON). A cursor that does not decode is a 400 in the API and the first page on a page.
 */
export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

const cursorTuple = z.tuple([z.iso.datetime({ offset: true }), uuidSchema]);

export function decodeCursor(value: string | undefined | null): Cursor | null {
  if (!value) return null;
  try {
    const parsed = cursorTuple.safeParse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : null;
  } catch {
    return null;
  }
}

/** A cursor query parameter: absent, or one that decodes (else "Invalid cursor"). */
export const cursorParamSchema = z
  .string()
  .max(200)
  .refine((value) => decodeCursor(value) !== null, 'This cursor is not one this API gave out.')
  .optional();

export const codeFilterSchema = z.enum(CODE_FILTERS).catch('all');

const count = (max: number, what: string) =>
  z.preprocess(blankToUndefined, z.coerce.number(`Say how many ${what}.`).int('Use a whole number.').min(1, 'At least 1.').max(max, `At most ${max} at a time.`));

export const generateCodesSchema = z.object({
  count: count(500, 'codes'),
  tier: z.enum(CODE_TIERS, 'Choose the subscription the codes give.'),
  validDays: z.preprocess(blankToUndefined, z.coerce.number('Say how many days the codes stay valid.').int('Use a whole number.').min(7, 'At least 7 days.').max(730, 'At most 730 days.')),
});
export type GenerateCodesInput = z.infer<typeof generateCodesSchema>;

export const assignCodesSchema = z.object({
  dealerId: z.preprocess(blankToUndefined, uuidSchema.optional()).refine((value) => value !== undefined, 'Choose a dealer.'),
  count: count(500, 'codes'),
});

/** What a farmer types: case, spaces and missing dashes are forgiven (`grn 7kq2 m9px`). */
export const redeemCodeSchema = z.object({
  code: z.preprocess(
    (value) => (typeof value === 'string' ? value.toUpperCase().replace(/[\s_]+/g, '') : value),
    z
      .string('Type the code you were given.')
      .min(1, 'Type the code you were given.')
      .transform((value) => (/^[A-Z0-9]{3}[A-Z0-9]{4}[A-Z0-9]{4}$/.test(value) ? `${value.slice(0, 3)}-${value.slice(3, 7)}-${value.slice(7)}` : value))
      .pipe(z.string().regex(/^[A-Z0-9]{3}-[A-Z0-9]{4}-[A-Z0-9]{4}$/, 'Codes look like GRN-7KQ2-M9PX.')),
  ),
});

export const messageSchema = z.object({
  body: z.string('Write a message.').trim().min(1, 'Write a message.').max(2000, 'Use at most 2,000 characters.'),
});

export const addMemberSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Use an e-mail address.')),
  role: z.enum(MEMBER_ROLES, 'Choose a role.'),
});

export const addDealerSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Use an e-mail address.')),
  name: z.string().trim().min(1, 'Give the dealership a name.').max(120, 'Use at most 120 characters.'),
  region: z.preprocess(blankToUndefined, z.string().trim().max(80, 'Use at most 80 characters.').optional()),
});

export const CROP_TYPES = ['tomato', 'wheat', 'maize', 'cotton', 'potato', 'pepper', 'cucumber', 'grape', 'olive', 'hazelnut', 'sunflower', 'apple'] as const;
export type CropType = (typeof CROP_TYPES)[number];

const httpUrl = z
  .string()
  .trim()
  .max(2048, 'Use a link of at most 2,048 characters.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Use a web link starting with http:// or https://.');

export const analysisRequestSchema = z.object({
  cropType: z.enum(CROP_TYPES, 'Choose the crop in the photo.'),
  location: z.preprocess(blankToUndefined, z.string().trim().max(120, 'Use at most 120 characters.').optional()),
  imageUrl: z.preprocess(blankToUndefined, httpUrl.optional()),
});

export const analyticsApiQuerySchema = z.object({ from: z.string().optional(), to: z.string().optional(), bucket: z.string().optional() });
export const listApiQuerySchema = z.object({ cursor: cursorParamSchema });
export const codesApiQuerySchema = z.object({ cursor: cursorParamSchema, status: z.enum(CODE_FILTERS, 'Use all, in_stock, with_dealer, sent, redeemed or expired.').optional() });
export const messagesApiQuerySchema = z.object({ cursor: cursorParamSchema, box: z.enum(['inbox', 'sent'], 'Use inbox or sent.').optional() });
