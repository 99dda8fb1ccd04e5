import type { Metadata } from 'next';
import { SponsorsHub } from '@/components/sponsors/pages';

export const metadata: Metadata = { title: 'Sponsors' };

export default function SponsorsPage() {
  return <SponsorsHub />;
}
