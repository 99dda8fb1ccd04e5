'use server';

import { redirect } from 'next/navigation';
import { formAction, viewerAction } from '@/lib/api/action';
import { createChannel, deleteChannel, publishPost, updateChannel } from '@/lib/channels/mutations';
import type { MutationResult } from '@/lib/validation';

// Thin wrappers (lib/api/action.ts): who is asking, the mutation, where to go next.

const CHANNEL_FIELDS = ['title', 'handle'] as const;

export const createChannelAction = formAction('createChannel', CHANNEL_FIELDS, (viewer, values) => createChannel(viewer.id, values), ({ id }) =>
  redirect(`/channels/${id}`),
);

export const updateChannelAction = formAction(
  'updateChannel',
  CHANNEL_FIELDS,
  (viewer, values, channelId: string) => updateChannel(viewer.id, channelId, values),
  (_value, channelId) => redirect(`/channels/${channelId}`),
);

export const deleteChannelAction = viewerAction('deleteChannel', async (viewer, channelId: string): Promise<MutationResult> => {
  const result = await deleteChannel(viewer.id, channelId);
  if (result.ok) redirect('/channels');
  return result;
});

export const publishPostAction = formAction('publishPost', ['text', 'publishedAt'], (viewer, values, channelId: string) => publishPost(viewer.id, channelId, values));
