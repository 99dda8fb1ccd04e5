'use server';

import { redirect } from 'next/navigation';
import { formAction, viewerAction } from '@/lib/api/action';
import { refreshed } from '@/lib/api/refresh';
import {
  addDealer,
  addMember,
  assignCodes,
  distributeCode,
  generateCodes,
  markMessageRead,
  markThreadRead,
  redeemCode,
  removeMember,
  requestAnalysis,
  sendMessage,
} from '@/lib/sponsors/mutations';

// Thin wrappers (lib/api/action.ts): who is asking, the mutation, where to go next.

export const generateCodesAction = formAction('sponsors.generateCodes', ['count', 'tier', 'validDays'], (viewer, values, sponsorId: string) => generateCodes(viewer.id, sponsorId, values));

export const assignCodesAction = formAction('sponsors.assignCodes', ['dealerId', 'count'], (viewer, values, sponsorId: string) => assignCodes(viewer.id, sponsorId, values));

export const distributeCodeAction = viewerAction('sponsors.distributeCode', async (viewer, codeId: string) => refreshed(await distributeCode(viewer.id, codeId)));

export const redeemCodeAction = formAction('sponsors.redeemCode', ['code'], (viewer, values) => redeemCode(viewer.id, values));

export const requestAnalysisAction = formAction('sponsors.requestAnalysis', ['cropType', 'location', 'imageUrl'], (viewer, values) => requestAnalysis(viewer.id, values), ({ id }) =>
  redirect(`/sponsors/analyses/${id}`),
);

export const sendMessageAction = formAction('sponsors.sendMessage', ['body'], (viewer, values, analysisId: string) => sendMessage(viewer.id, analysisId, values));

export const markThreadReadAction = viewerAction('sponsors.markThreadRead', async (viewer, analysisId: string) => refreshed(await markThreadRead(viewer.id, analysisId)));

export const markMessageReadAction = viewerAction('sponsors.markMessageRead', async (viewer, messageId: string) => refreshed(await markMessageRead(viewer.id, messageId)));

export const addMemberAction = formAction('sponsors.addMember', ['email', 'role'], (viewer, values, sponsorId: string) => addMember(viewer.id, sponsorId, values));

export const removeMemberAction = viewerAction('sponsors.removeMember', async (viewer, sponsorId: string, userId: string) => refreshed(await removeMember(viewer.id, sponsorId, userId)));

export const addDealerAction = formAction('sponsors.addDealer', ['email', 'name', 'region'], (viewer, values, sponsorId: string) => addDealer(viewer.id, sponsorId, values));
