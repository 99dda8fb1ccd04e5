import type { Metadata } from 'next';
import { ModulePlaceholder } from '@/components/shell/module-placeholder';
import { MODULES } from '@/components/shell/modules';

export const metadata: Metadata = { title: 'Channels' };

export default function ChannelsPage() {
  const info = MODULES.find((m) => m.href === '/channels')!;
  return <ModulePlaceholder title="Channels" summary={info.description} />;
}
