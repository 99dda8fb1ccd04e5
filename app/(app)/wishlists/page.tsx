import type { Metadata } from 'next';
import { ModulePlaceholder } from '@/components/shell/module-placeholder';
import { MODULES } from '@/components/shell/modules';

export const metadata: Metadata = { title: 'Wishlists' };

export default function WishlistsPage() {
  const info = MODULES.find((m) => m.href === '/wishlists')!;
  return <ModulePlaceholder title="Wishlists" summary={info.description} />;
}
