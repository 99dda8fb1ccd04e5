import type { Metadata } from 'next';
import { ChannelsDashboard } from '@/components/channels/dashboard';
import { periodParamSchema } from '@/lib/channels/schemas';

export const metadata: Metadata = { title: 'Channels' };

export default function ChannelsPage({ searchParams }: PageProps<'/channels'>) {
  return <ChannelsDashboard period={searchParams.then((params) => periodParamSchema.parse(params.period))} />;
}
