import type { Metadata } from 'next';
import { ChannelDetail } from '@/components/channels/channel-detail';
import { periodParamSchema } from '@/lib/channels/schemas';
import { publishPostAction } from '../actions';

export const metadata: Metadata = { title: 'Channel' };

const actions = { publishPost: publishPostAction };

// A channel the viewer may not see is answered 404 by proxy.ts before anything streams.
export default function ChannelPage({ params, searchParams }: PageProps<'/channels/[id]'>) {
  return <ChannelDetail id={params.then((p) => p.id)} period={searchParams.then((p) => periodParamSchema.parse(p.period))} actions={actions} />;
}
