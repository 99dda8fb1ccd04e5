import { z } from 'zod';
import { text } from '@/lib/validation';
import { WISHLIST_EVENT_TYPES, WISHLIST_SORTS, WISHLIST_VISIBILITIES, DEFAULT_WISHLIST_SORT, type PublicListCursor, type PublicListFilter } from './types';

/** Empty form fields mean "not given". */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-12-24.')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'This is not a real date.');

export const wishlistInputSchema = z
  .object({
    name: text().trim().min(1, 'Give the list a name.').max(120, 'Use at most 120 characters.'),
    description: z.preprocess(blankToUndefined, text().trim().max(2000, 'Use at most 2,000 characters.').optional()),
    visibility: z.enum(WISHLIST_VISIBILITIES, 'Choose who can see the list.'),
    eventType: z.preprocess(blankToUndefined, z.enum(WISHLIST_EVENT_TYPES, 'Choose an occasion from the list.').optional()),
    eventDate: z.preprocess(blankToUndefined, isoDate.optional()),
  })
  .refine((value) => !value.eventDate || value.eventType, { path: ['eventType'], message: 'Choose the occasion for this date.' });

export type WishlistInput = z.infer<typeof wishlistInputSchema>;

const httpUrl = text()
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

export const itemInputSchema = z
  .object({
    name: z.preprocess(blankToUndefined, text().trim().min(1).max(200, 'Use at most 200 characters.').optional()),
    url: z.preprocess(blankToUndefined, httpUrl.optional()),
    price: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^\d{1,10}(\.\d{1,2})?$/, 'Use a price like 24.99 (no currency sign).')
        .optional(),
    ),
    currency: z.preprocess(
      (value) => (typeof value === 'string' ? blankToUndefined(value.trim().toUpperCase()) : value),
      z.string().regex(/^[A-Z]{3}$/, 'Use a three-letter currency code such as EUR.').optional(),
    ),
    notes: z.preprocess(blankToUndefined, text().trim().max(500, 'Use at most 500 characters.').optional()),
  })
  .refine((value) => value.name || value.url, { path: ['name'], message: 'Give the item a name or a link.' })
  .refine((value) => !value.price || value.currency, { path: ['currency'], message: 'Say which currency the price is in.' });

export type ItemInput = z.infer<typeof itemInputSchema>;

export const giftActionSchema = z.enum(['reserve', 'purchase', 'release'], 'Unknown action.');
export type GiftAction = z.infer<typeof giftActionSchema>;

export const wishlistSortSchema = z.enum(WISHLIST_SORTS).catch(DEFAULT_WISHLIST_SORT);

export const wishlistApiQuerySchema = z.object({
  sort: wishlistSortSchema,
  event_type: z.enum(WISHLIST_EVENT_TYPES, 'Unknown event type.').optional(),
  max_price: z.coerce.number('Use a number.').positive('Use a positive number.').max(1_000_000).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code.')
    .optional(),
});

/**
 * A keyset cursor in a URL: the list's update time (ms since the epoch, base 36) and its id,
 * `<time>.<id>`. Anything else is no cursor at all (the first page).
 */
export function encodeCursor(cursor: PublicListCursor): string {
  return `${Date.parse(cursor.updatedAt).toString(36)}.${cursor.id}`;
}

export function decodeCursor(value: unknown): PublicListCursor | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^([0-9a-z]{1,12})\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(value);
  if (!match) return undefined;
  const time = parseInt(match[1]!, 36);
  if (!Number.isSafeInteger(time) || time > 8.64e15) return undefined;
  return { updatedAt: new Date(time).toISOString(), id: match[2]!.toLowerCase() };
}

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * The browse page's query string (`?event=wedding&max_price=50&currency=EUR&after=…`). It is a
 * page anyone may open with any URL: a value that does not parse is dropped (the filter is off),
 * never an error page. A price without a currency means euros.
 */
export const publicBrowseQuerySchema = z
  .object({
    event: z.preprocess(firstValue, z.enum(WISHLIST_EVENT_TYPES).optional().catch(undefined)),
    max_price: z.preprocess(
      (value) => blankToUndefined(firstValue(value)),
      z.coerce.number().positive().max(1_000_000).transform((price) => Math.round(price * 100) / 100).optional().catch(undefined),
    ),
    currency: z.preprocess(
      (value) => {
        const first = firstValue(value);
        return typeof first === 'string' ? blankToUndefined(first.trim().toUpperCase()) : undefined;
      },
      z.string().regex(/^[A-Z]{3}$/).optional().catch(undefined),
    ),
    after: z.preprocess(firstValue, z.unknown()).transform(decodeCursor),
    before: z.preprocess(firstValue, z.unknown()).transform(decodeCursor),
  })
  .transform(({ event, max_price, currency, after, before }) => {
    const filter: PublicListFilter = {};
    if (event) filter.eventType = event;
    if (max_price !== undefined) {
      filter.maxPrice = max_price;
      filter.currency = currency ?? 'EUR';
    }
    // Both cursors at once is not a link the page makes: the "after" wins.
    return { filter, after, before: after ? undefined : before };
  });

export type PublicBrowseQuery = z.output<typeof publicBrowseQuerySchema>;
