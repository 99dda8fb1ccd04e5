import type { Metadata } from 'next';
import { WishlistDashboard } from '@/components/wishlists/dashboard';
import { wishlistSortSchema } from '@/lib/wishlists/schemas';

export const metadata: Metadata = { title: 'Wishlists' };

export default function WishlistsPage({ searchParams }: PageProps<'/wishlists'>) {
  return <WishlistDashboard sort={searchParams.then((params) => wishlistSortSchema.parse(params.sort))} all={searchParams.then((params) => params.all === '1')} />;
}
