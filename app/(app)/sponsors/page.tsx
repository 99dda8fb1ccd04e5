import type { Metadata } from 'next';
import { ModulePlaceholder } from '@/components/shell/module-placeholder';
import { MODULES } from '@/components/shell/modules';

export const metadata: Metadata = { title: 'Sponsors' };

export default function SponsorsPage() {
  const module = MODULES.find((m) => m.href === '/sponsors')!;
  return <ModulePlaceholder title="Sponsors" summary={module.description} />;
}
