import type { Route } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { buttonClass } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { SelectField } from '@/components/ui/select-field';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDate } from '@/components/ui/format';
import { PUBLIC_PAGE_SIZE, getPublicListsPage } from '@/lib/wishlists/queries';
import { encodeCursor, publicBrowseQuerySchema, type PublicBrowseQuery } from '@/lib/wishlists/schemas';
import { WISHLIST_EVENT_TYPES, type PublicListCard, type PublicListCursor, type PublicListFilter } from '@/lib/wishlists/types';
import { EVENT_LABELS } from './format';

/*
 * The public lists' browse page, for everybody (signed out included): filters in the URL (a GET
 * form, no script), keyset pages ("Previous" / "Next page"), each list linking to its share page.
 */

type SearchParams = Record<string, string | string[] | undefined>;

export const parseBrowseQuery = (searchParams: SearchParams): PublicBrowseQuery => publicBrowseQuerySchema.parse(searchParams);

/** The filter form with the URL's values (a GET form: it works without JavaScript). */
export async function PublicBrowseFilters({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { filter } = parseBrowseQuery(await searchParams);
  // A new filter is a new form: the fields are uncontrolled, and a client navigation would
  // otherwise keep what was typed (or cleared) before.
  return <PublicBrowseFiltersView key={JSON.stringify(filter)} filter={filter} />;
}

const EVENT_OPTIONS = [{ value: '', label: 'Any occasion' }, ...WISHLIST_EVENT_TYPES.map((type) => ({ value: type, label: EVENT_LABELS[type] }))];

/** The same form, empty: the prerendered shell shows it while the URL's values are read (same size). */
export function PublicBrowseFiltersView({ filter = {} }: { filter?: PublicListFilter }) {
  return (
    <form action="/public/wishlists" method="get" aria-label="Filter public wishlists" className="flex flex-wrap items-start gap-x-4">
      <SelectField label="Occasion" name="event" options={EVENT_OPTIONS} defaultValue={filter.eventType ?? ''} className="w-44" />
      <Field label="Has an item up to" name="max_price" inputMode="decimal" placeholder="50" defaultValue={filter.maxPrice?.toString() ?? ''} className="w-36" />
      <Field label="Currency" name="currency" maxLength={3} placeholder="EUR" defaultValue={filter.maxPrice !== undefined ? filter.currency : ''} className="w-24" />
      <div className="flex gap-2 pt-7">
        <button type="submit" className={buttonClass('primary')}>
          Apply filters
        </button>
        <Link href="/public/wishlists" className={buttonClass('ghost')}>
          Clear
        </Link>
      </div>
    </form>
  );
}

// Fixed sizes: a page of results keeps the skeleton's height whatever it holds (no layout shift).
const ROW = 'h-[4.5rem]';
// A full page: the heading row (2.25 + 0.75 rem), 20 rows and the list's border.
const RESULTS = 'min-h-[calc(93rem+2px)]';

/** One page of public lists for the URL's filters and cursor (a cached read: one entry per filter and cursor). */
export async function PublicListResults({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { filter, after, before } = parseBrowseQuery(await searchParams);
  // Read per request, from the data cache: never in a prerender of the route (Next prerenders
  // pages with known search params for prefetches, and the data cache reads the clock).
  await connection();
  const page = await getPublicListsPage(filter, after, before);
  return (
    <section aria-labelledby="public-results-heading" className={RESULTS}>
      <div className="mb-3 flex h-9 items-center justify-between gap-3">
        <h2 id="public-results-heading" className="text-lg font-semibold">
          {page.lists.length === 0 ? 'No public lists' : 'Public lists'}
        </h2>
        <Pagination filter={filter} next={page.next} previous={page.previous} />
      </div>
      {page.lists.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-sm text-slate-600">
          No public list matches these filters.{' '}
          <Link href="/public/wishlists" className="font-medium text-brand-700 underline">
            Show them all
          </Link>
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="public-lists">
          {page.lists.map((list) => (
            <li key={list.id} className={`${ROW} flex flex-col justify-center px-4`}>
              <PublicListRow list={list} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PublicListRow({ list }: { list: PublicListCard }) {
  return (
    <>
      <p className="flex items-baseline justify-between gap-3">
        <Link href={`/public/wishlists/${list.id}`} className="truncate font-medium hover:underline">
          {list.name}
        </Link>
        <span className="shrink-0 text-sm text-slate-600">
          {list.itemCount} {list.itemCount === 1 ? 'item' : 'items'}
        </span>
      </p>
      <p className="truncate text-sm text-slate-600">
        by {list.ownerName}
        {list.eventType && ` · ${EVENT_LABELS[list.eventType]}`}
        {list.eventDate && ` · ${formatDate(list.eventDate)}`}
      </p>
    </>
  );
}

function browseHref(filter: PublicListFilter, cursor: { after?: PublicListCursor; before?: PublicListCursor }): Route {
  const query = new URLSearchParams();
  if (filter.eventType) query.set('event', filter.eventType);
  if (filter.maxPrice !== undefined) {
    query.set('max_price', String(filter.maxPrice));
    query.set('currency', filter.currency ?? 'EUR');
  }
  if (cursor.after) query.set('after', encodeCursor(cursor.after));
  if (cursor.before) query.set('before', encodeCursor(cursor.before));
  const search = query.toString();
  return `/public/wishlists${search ? `?${search}` : ''}` as Route;
}

function Pagination({ filter, next, previous }: { filter: PublicListFilter; next: PublicListCursor | null; previous: PublicListCursor | null }) {
  const link = 'rounded-md px-3 py-1.5 text-sm font-medium';
  return (
    <nav aria-label="Pages" className="flex gap-2">
      {previous ? (
        <Link href={browseHref(filter, { before: previous })} className={`${link} text-brand-700 hover:bg-slate-100`} rel="prev">
          Previous
        </Link>
      ) : (
        <span className={`${link} text-slate-400`} aria-disabled="true">
          Previous
        </span>
      )}
      {next ? (
        <Link href={browseHref(filter, { after: next })} className={`${link} text-brand-700 hover:bg-slate-100`} rel="next">
          Next page
        </Link>
      ) : (
        <span className={`${link} text-slate-400`} aria-disabled="true">
          Next page
        </span>
      )}
    </nav>
  );
}

export function PublicListResultsSkeleton() {
  return (
    <div className={RESULTS} aria-hidden="true">
      <div className="mb-3 flex h-9 items-center justify-between">
        <Skeleton className="h-7 w-36" />
        <Skeleton className="h-7 w-44" />
      </div>
      <div className="flex flex-col divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {Array.from({ length: PUBLIC_PAGE_SIZE }, (_, i) => (
          <div key={i} className={`${ROW} flex flex-col justify-center gap-2 px-4`}>
            <Skeleton className="h-5 w-1/2" />
            <Skeleton className="h-4 w-1/3" />
          </div>
        ))}
      </div>
    </div>
  );
}
