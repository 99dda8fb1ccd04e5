'use server';

import { refresh } from 'next/cache';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/mutations';
import type { CreatedToken } from '@/lib/api-tokens/types';
import { requireViewer } from '@/lib/auth/viewer';
import { measure } from '@/lib/metrics/request';
import { formValues, type FormState } from '@/lib/validation';

// Thin wrappers, as in the other modules: who is asking, the mutation, a refreshed list.

export async function createApiTokenAction(_previous: FormState<CreatedToken>, formData: FormData): Promise<FormState<CreatedToken>> {
  const viewer = await requireViewer();
  const values = formValues(formData, ['name', 'lifetime']);
  const { result } = await measure('action:createApiToken', 'action', () => createApiToken(viewer.id, values));
  if (!result.ok) return { ...result, values };
  refresh();
  return result;
}

export async function revokeApiTokenAction(tokenId: string): Promise<FormState> {
  const viewer = await requireViewer();
  const { result } = await measure('action:revokeApiToken', 'action', () => revokeApiToken(viewer.id, tokenId));
  if (result.ok) refresh();
  return result;
}
