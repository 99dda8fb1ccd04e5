import type { Metadata } from 'next';
import { ModulePlaceholder } from '@/components/shell/module-placeholder';
import { MODULES } from '@/components/shell/modules';

export const metadata: Metadata = { title: 'Leads' };

export default function LeadsPage() {
  const info = MODULES.find((m) => m.href === '/leads')!;
  return <ModulePlaceholder title="Leads" summary={info.description} />;
}
