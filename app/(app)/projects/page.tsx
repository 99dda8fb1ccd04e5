import type { Metadata } from 'next';
import { ModulePlaceholder } from '@/components/shell/module-placeholder';
import { MODULES } from '@/components/shell/modules';

export const metadata: Metadata = { title: 'Projects' };

export default function ProjectsPage() {
  const info = MODULES.find((m) => m.href === '/projects')!;
  return <ModulePlaceholder title="Projects" summary={info.description} />;
}
