'use server';

import { formAction, viewerAction } from '@/lib/api/action';
import { refreshed } from '@/lib/api/refresh';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens/mutations';

// Thin wrappers (lib/api/action.ts), as in the other modules: who is asking, the mutation, a refreshed list.

export const createApiTokenAction = formAction('createApiToken', ['name', 'lifetime'], (viewer, values) => createApiToken(viewer.id, values));

export const revokeApiTokenAction = viewerAction('revokeApiToken', async (viewer, tokenId: string) => refreshed(await revokeApiToken(viewer.id, tokenId)));
