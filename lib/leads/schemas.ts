import { z } from 'zod';
import { text } from '@/lib/validation';
import { LEAD_STATUSES } from './types';

/** A keyword or phrase to listen for: 2 to 80 characters, spaces collapsed. */
export const keywordInputSchema = z.object({
  text: z
    .string({ error: 'Type a keyword or a phrase.' })
    .transform((value) => value.replace(/\s+/g, ' ').trim())
    .pipe(text().min(2, 'Use at least 2 characters.').max(80, 'Use at most 80 characters.')),
});

export const leadStatusSchema = z.enum(LEAD_STATUSES, { error: 'Choose new, qualified, converted or lost.' });

export const thresholdInputSchema = z.object({
  threshold: z.coerce
    .number({ error: 'Give a score from 0 to 100.' })
    .int('Give a whole number.')
    .min(0, 'Give a score from 0 to 100.')
    .max(100, 'Give a score from 0 to 100.'),
});

/** A feed's address: an http(s) URL without credentials, at most 2,048 characters. */
export const feedUrlSchema = z
  .string({ error: 'Paste the address of an RSS, Atom or JSON feed.' })
  .trim()
  .min(1, 'Paste the address of an RSS, Atom or JSON feed.')
  .max(2048, 'That address is too long (2,048 characters at most).')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'Use a web address starting with http:// or https://.');

export const integrationInputSchema = z.object({
  url: feedUrlSchema,
  name: text()
    .trim()
    .max(120, 'Use at most 120 characters.')
    .optional()
    .transform((value) => (value ? value : undefined)),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-23.').refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'This is not a real date.');

/** The mentions page's filters, from its URL: all optional; an empty field means no filter. */
export const mentionFiltersSchema = z
  .object({
    keyword: z.guid('Not a keyword of yours.').optional(),
    source: z.guid('Not a source of yours.').optional(),
    from: isoDay.optional(),
    to: isoDay.optional(),
    after: z
      .string()
      .max(200)
      .refine((value) => decodeCursor(value) !== null, 'Not a page of your mentions: start again from the first page.')
      .optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'The start date is after the end date.', path: ['from'] });

export type MentionFilters = z.output<typeof mentionFiltersSchema>;

/** Drops empty strings (an empty <select> or date field) before validation. */
export function cleanParams(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).flatMap(([key, value]) => (typeof value === 'string' && value.trim() !== '' ? [[key, value.trim()]] : [])));
}

/** A page of mentions starts after this (published_at, id): opaque in URLs. */
export function encodeCursor(publishedAt: string, id: string): string {
  return Buffer.from(`${publishedAt}|${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { publishedAt: string; id: string } | null {
  if (!cursor) return null;
  const [publishedAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!publishedAt || !id || Number.isNaN(Date.parse(publishedAt)) || !z.guid().safeParse(id).success) return null;
  return { publishedAt, id };
}

/** API: /api/v1/leads/mentions takes the page's filters. */
export const mentionsApiQuerySchema = mentionFiltersSchema;

/** API: /api/v1/leads/leads?status=qualified. */
export const leadsApiQuerySchema = z.object({ status: leadStatusSchema.optional() });
