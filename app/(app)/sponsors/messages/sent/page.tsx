import type { Metadata } from 'next';
import { MessagesPage } from '@/components/sponsors/pages';
import { markMessageReadAction } from '../../actions';

export const metadata: Metadata = { title: 'Sent messages' };

export default function SentPage({ searchParams }: PageProps<'/sponsors/messages/sent'>) {
  return <MessagesPage box="sent" search={searchParams} markRead={markMessageReadAction} />;
}
