import type { Metadata } from 'next';
import { MessagesPage } from '@/components/sponsors/pages';
import { markMessageReadAction } from '../actions';

export const metadata: Metadata = { title: 'Messages' };

export default function InboxPage({ searchParams }: PageProps<'/sponsors/messages'>) {
  return <MessagesPage box="inbox" search={searchParams} markRead={markMessageReadAction} />;
}
