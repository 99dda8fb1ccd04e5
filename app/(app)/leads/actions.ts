'use server';

import { formAction, viewerAction } from '@/lib/api/action';
import { refreshed } from '@/lib/api/refresh';
import {
  addIntegration,
  createKeyword,
  deleteKeyword,
  deleteMention,
  moveMention,
  promoteMention,
  removeIntegration,
  renameKeyword,
  searchNow,
  setIntegrationStatus,
  setLeadStatus,
  setThreshold,
} from '@/lib/leads/mutations';
import type { LeadStatus } from '@/lib/leads/types';

// Thin wrappers (lib/api/action.ts): who is asking, the mutation, and a refresh of the page.

export const createKeywordAction = formAction('leads.createKeyword', ['text'], (viewer, values) => createKeyword(viewer.id, values));

export const renameKeywordAction = formAction('leads.renameKeyword', ['text'], (viewer, values, keywordId: string) => renameKeyword(viewer.id, keywordId, values));

export const deleteKeywordAction = viewerAction('leads.deleteKeyword', async (viewer, keywordId: string) => refreshed(await deleteKeyword(viewer.id, keywordId)));

export const promoteMentionAction = viewerAction('leads.promoteMention', async (viewer, mentionId: string) => refreshed(await promoteMention(viewer.id, mentionId)));

export const moveMentionAction = formAction('leads.moveMention', ['keyword'], (viewer, values, mentionId: string) => moveMention(viewer.id, mentionId, values.keyword));

export const deleteMentionAction = viewerAction('leads.deleteMention', async (viewer, mentionId: string) => refreshed(await deleteMention(viewer.id, mentionId)));

export const setLeadStatusAction = viewerAction('leads.setLeadStatus', async (viewer, leadId: string, status: LeadStatus) => refreshed(await setLeadStatus(viewer.id, leadId, status)));

export const setThresholdAction = formAction('leads.setThreshold', ['threshold'], (viewer, values) => setThreshold(viewer.id, values));

export const addIntegrationAction = formAction('leads.addIntegration', ['url', 'name'], (viewer, values) => addIntegration(viewer.id, values));

export const setIntegrationStatusAction = viewerAction('leads.setIntegrationStatus', async (viewer, integrationId: string, status: 'active' | 'paused') =>
  refreshed(await setIntegrationStatus(viewer.id, integrationId, status)),
);

export const removeIntegrationAction = viewerAction('leads.removeIntegration', async (viewer, integrationId: string) => refreshed(await removeIntegration(viewer.id, integrationId)));

export const searchNowAction = viewerAction('leads.searchNow', async (viewer, integrationId: string) => refreshed(await searchNow(viewer.id, integrationId)));
