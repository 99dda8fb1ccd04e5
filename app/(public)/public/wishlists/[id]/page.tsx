import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PublicWishlistView } from '@/components/wishlists/public-wishlist';
import { EVENT_LABELS } from '@/components/wishlists/format';
import { appOrigin } from '@/lib/env';
import { isUuid } from '@/lib/validation';
import { sharedList } from './shared-list';

/**
 * The share page of a public list: anyone may open it, signed out included (the manifest's
 * publicPaths). It reads nothing per visitor, so each list's page is rendered once and then
 * served whole from Next's cache until the list changes (ensureStatic = 'navigation': the first
 * request for a list waits for the complete page, which also lets a list that is not public
 * answer a real 404 instead of a streamed one).
 */
export const ensureStatic = 'navigation';

/**
 * `ensureStatic` needs one set of params at build time. No list is prerendered at build (the
 * build has no database); "none" is not a list id, so its page is a 404 that reads nothing.
 * Every list's page is made on its first request and kept.
 */
export function generateStaticParams() {
  return [{ id: 'none' }];
}

/** Lower-case UUIDs only: the id is the cache tag, and another spelling would be another page. */
const listId = async (params: PageProps<'/public/wishlists/[id]'>['params']) => {
  const { id } = await params;
  return isUuid(id) && id === id.toLowerCase() ? id : null;
};

export async function generateMetadata({ params }: PageProps<'/public/wishlists/[id]'>): Promise<Metadata> {
  const id = await listId(params);
  const list = id ? await sharedList(id) : null;
  if (!list) return { title: 'List not found', robots: { index: false } };
  const occasion = list.eventType ? ` for ${EVENT_LABELS[list.eventType].toLowerCase()}` : '';
  const description =
    list.description?.slice(0, 200) ?? `${list.ownerName}’s wishlist${occasion}: ${list.items.length} ${list.items.length === 1 ? 'item' : 'items'}.`;
  const url = `/public/wishlists/${list.id}`;
  return {
    metadataBase: new URL(appOrigin()),
    title: `${list.name} · ${list.ownerName}’s wishlist`,
    description,
    alternates: { canonical: url },
    openGraph: {
      type: 'website',
      siteName: 'Brisk',
      title: list.name,
      description,
      url,
      images: [{ url: '/og.png', alt: 'Brisk' }],
    },
    twitter: { card: 'summary_large_image', title: list.name, description },
  };
}

export default async function SharedWishlistPage({ params }: PageProps<'/public/wishlists/[id]'>) {
  const id = await listId(params);
  const list = id ? await sharedList(id) : null;
  if (!list) notFound();
  return <PublicWishlistView list={list} />;
}
