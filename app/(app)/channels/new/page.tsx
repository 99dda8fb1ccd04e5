import type { Metadata } from 'next';
import { NewChannel } from '@/components/channels/new-channel';
import { createChannelAction } from '../actions';

export const metadata: Metadata = { title: 'New channel' };

export default function NewChannelPage() {
  return <NewChannel create={createChannelAction} />;
}
