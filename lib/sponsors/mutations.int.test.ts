import { beforeEach, describe, expect, it, vi } from 'vitest';
import { prisma } from '@/lib/db/client';
import { settleInlineJobs } from '@/lib/jobs/inline';
import { countStatements } from '@/test/statements';
import { createSponsorFixture, growSponsor, type SponsorFixture } from '@/test/sponsors';
import { addDealer, addMember, assignCodes, distributeCode, generateCodes, markMessageRead, markThreadRead, redeemCode, removeMember, requestAnalysis, sendMessage } from './mutations';
import { dealerCodesRead, farmerAnalysesRead, getAnalysisDetail, getSponsorAccess, getSponsorAnalytics, getSubscription, messagesRead, sponsorCodesRead, sponsorRolesRead, sponsorTeamRead, unreadCountRead } from './queries';
import { sponsorsModule } from './module';
import { dayString, defaultRange } from './schemas';

let fixture: SponsorFixture;
beforeEach(async () => {
  fixture = await createSponsorFixture();
});

const user = (id: string) => ({ id, role: 'user' as const });
const range = () => defaultRange(dayString(new Date()));

/** Codes in the fixture's stock, as a manager would make them. */
async function stock(count: number, tier = 'small') {
  const result = await generateCodes(fixture.people.owner.id, fixture.sponsor.id, { count: String(count), tier, validDays: '90' });
  if (!result.ok) throw new Error(result.message);
  return prisma.sponsorshipCode.findMany({ where: { sponsorId: fixture.sponsor.id, dealerId: null, distributedAt: null, redeemedAt: null }, orderBy: { createdAt: 'asc' } });
}

describe('generating and handing out codes', () => {
  it('a manager’s new codes are in the sponsor’s list at once; analysts, dealers and strangers cannot make any', async () => {
    const { owner, manager, analyst, dealer, stranger } = fixture.people;
    const before = await sponsorCodesRead.get(fixture.sponsor.id, 'in_stock', null);
    expect(before.items).toEqual([]);
    expect(await generateCodes(manager.id, fixture.sponsor.id, { count: '5', tier: 'large', validDays: '60' })).toEqual({ ok: true, value: { created: 5 } });
    const after = await sponsorCodesRead.get(fixture.sponsor.id, 'in_stock', null);
    expect(after.items).toHaveLength(5);
    expect(after.items.every((code) => code.tier === 'large' && new RegExp(`^${fixture.sponsor.codePrefix}-[A-Z2-9]{4}-[A-Z2-9]{4}$`).test(code.code))).toBe(true);
    expect(await generateCodes(analyst.id, fixture.sponsor.id, { count: '5', tier: 'large', validDays: '60' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await generateCodes(dealer.id, fixture.sponsor.id, { count: '5', tier: 'large', validDays: '60' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await generateCodes(stranger.id, fixture.sponsor.id, { count: '5', tier: 'large', validDays: '60' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await generateCodes(owner.id, 'not-a-uuid', { count: '5', tier: 'large', validDays: '60' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.sponsorshipCode.count({ where: { sponsorId: fixture.sponsor.id, tier: 'large' } })).toBe(5);
  });

  it('rejects bad input with a message per field and writes nothing', async () => {
    const count = () => prisma.sponsorshipCode.count({ where: { sponsorId: fixture.sponsor.id } });
    const before = await count();
    expect(await generateCodes(fixture.people.owner.id, fixture.sponsor.id, { count: '0', tier: 'gold', validDays: 'soon' })).toMatchObject({
      ok: false,
      code: 'invalid',
      fieldErrors: { count: 'At least 1.', tier: 'Choose the subscription the codes give.', validDays: 'Say how many days the codes stay valid.' },
    });
    expect(await generateCodes(fixture.people.owner.id, fixture.sponsor.id, { count: '501', tier: 'small', validDays: '731' })).toMatchObject({
      ok: false,
      fieldErrors: { count: 'At most 500 at a time.', validDays: 'At most 730 days.' },
    });
    expect(await assignCodes(fixture.people.owner.id, fixture.sponsor.id, { dealerId: '', count: '2.5' })).toMatchObject({ ok: false, fieldErrors: { dealerId: 'Choose a dealer.', count: 'Use a whole number.' } });
    expect(await count()).toBe(before);
  });

  it('hands codes from the stock to a dealer, who sees them at once; only the sponsor’s own dealers', async () => {
    const { owner, analyst, dealer } = fixture.people;
    await stock(4);
    expect((await dealerCodesRead.get(dealer.id, null)).items.filter((code) => code.status === 'with_dealer')).toEqual([]);
    expect(await assignCodes(owner.id, fixture.sponsor.id, { dealerId: fixture.dealer.id, count: '3' })).toEqual({ ok: true, value: { assigned: 3 } });
    expect((await dealerCodesRead.get(dealer.id, null)).items.filter((code) => code.status === 'with_dealer')).toHaveLength(3);
    expect((await sponsorCodesRead.get(fixture.sponsor.id, 'in_stock', null)).items).toHaveLength(1);
    expect(await assignCodes(owner.id, fixture.sponsor.id, { dealerId: fixture.dealer.id, count: '5' })).toEqual({ ok: true, value: { assigned: 1 } });
    expect(await assignCodes(owner.id, fixture.sponsor.id, { dealerId: fixture.dealer.id, count: '1' })).toMatchObject({ ok: false, code: 'conflict' });
    const other = await createSponsorFixture();
    expect(await assignCodes(owner.id, fixture.sponsor.id, { dealerId: other.dealer.id, count: '1' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { dealerId: expect.any(String) } });
    expect(await assignCodes(analyst.id, fixture.sponsor.id, { dealerId: fixture.dealer.id, count: '1' })).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('two managers handing out codes at once never hand out one code twice', async () => {
    await stock(6);
    const second = await prisma.dealer.create({ data: { sponsorId: fixture.sponsor.id, userId: fixture.people.stranger.id, name: 'Second dealer' } });
    const results = await Promise.all([
      assignCodes(fixture.people.owner.id, fixture.sponsor.id, { dealerId: fixture.dealer.id, count: '4' }),
      assignCodes(fixture.people.manager.id, fixture.sponsor.id, { dealerId: second.id, count: '4' }),
    ]);
    const assigned = results.map((result) => (result.ok ? result.value.assigned : 0));
    expect(assigned[0]! + assigned[1]!).toBe(6);
    const held = await prisma.sponsorshipCode.groupBy({ by: ['dealerId'], where: { sponsorId: fixture.sponsor.id, distributedAt: null }, _count: true });
    expect(held.find((row) => row.dealerId === fixture.dealer.id)?._count).toBe(assigned[0]);
    expect(held.find((row) => row.dealerId === second.id)?._count).toBe(assigned[1]);
  });

  it('the dealer holding a code marks it sent; a code is sent once; others cannot', async () => {
    const [code] = await stock(1);
    await assignCodes(fixture.people.owner.id, fixture.sponsor.id, { dealerId: fixture.dealer.id, count: '1' });
    expect(await distributeCode(fixture.people.stranger.id, code!.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await distributeCode(fixture.people.analyst.id, code!.id)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await distributeCode(fixture.people.dealer.id, code!.id)).toEqual({ ok: true, value: { code: code!.code } });
    expect((await dealerCodesRead.get(fixture.people.dealer.id, null)).items.find((row) => row.id === code!.id)?.status).toBe('sent');
    expect(await distributeCode(fixture.people.dealer.id, code!.id)).toMatchObject({ ok: false, code: 'conflict', message: 'This code has already been sent.' });
    expect(await distributeCode(fixture.people.dealer.id, 'not-a-uuid')).toMatchObject({ ok: false, code: 'not_found' });
  });
});

describe('redeeming a code', () => {
  it('starts a subscription the farmer sees at once, and counts in the sponsor’s analytics at once', async () => {
    const { owner, stranger } = fixture.people;
    const [code] = await stock(1, 'large');
    const access = (await getSponsorAccess(user(owner.id), fixture.sponsor.id))!;
    const before = await getSponsorAnalytics(access, range());
    expect(await getSubscription(stranger.id)).toBeNull();
    const result = await redeemCode(stranger.id, { code: ` ${code!.code.toLowerCase().replace(/-/g, ' ')} ` });
    expect(result).toMatchObject({ ok: true, value: { code: code!.code, tier: 'large', sponsorName: fixture.sponsor.name } });
    expect(await getSubscription(stranger.id)).toMatchObject({ tier: 'large', sponsorName: fixture.sponsor.name });
    const after = await getSponsorAnalytics(access, range());
    expect(after.totals.codesRedeemed).toBe(before.totals.codesRedeemed + 1);
    expect(after.totals.codesDistributed).toBe(before.totals.codesDistributed + 1);
  });

  it('of two farmers redeeming one code at once, exactly one gets it', async () => {
    const [code] = await stock(1);
    const results = await Promise.all([redeemCode(fixture.people.stranger.id, { code: code!.code }), redeemCode(fixture.people.analyst.id, { code: code!.code })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ code: 'conflict', message: 'This code has already been used.' });
    expect(await prisma.userSubscription.count({ where: { sponsorshipCodeId: code!.id } })).toBe(1);
  });

  it('says clearly why a code cannot be redeemed, and writes nothing', async () => {
    const [used, expired, withdrawn] = await stock(3);
    await prisma.sponsorshipCode.update({ where: { id: expired!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await prisma.sponsorshipCode.update({ where: { id: withdrawn!.id }, data: { active: false } });
    expect((await redeemCode(fixture.people.stranger.id, { code: used!.code })).ok).toBe(true);
    const subscriptions = () => prisma.userSubscription.count();
    const before = await subscriptions();
    expect(await redeemCode(fixture.people.stranger.id, { code: used!.code })).toMatchObject({ ok: false, code: 'conflict', message: 'You have already redeemed this code.' });
    expect(await redeemCode(fixture.people.analyst.id, { code: used!.code })).toMatchObject({ ok: false, code: 'conflict', message: 'This code has already been used.' });
    expect(await redeemCode(fixture.people.analyst.id, { code: expired!.code })).toMatchObject({ ok: false, message: 'This code has expired.' });
    expect(await redeemCode(fixture.people.analyst.id, { code: withdrawn!.code })).toMatchObject({ ok: false, message: 'This code was withdrawn by its sponsor.' });
    expect(await redeemCode(fixture.people.analyst.id, { code: 'ZZZ-0000-0000' })).toMatchObject({ ok: false, code: 'not_found', fieldErrors: { code: 'There is no such code: check it for typos.' } });
    expect(await redeemCode(fixture.people.analyst.id, { code: 'hello' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { code: 'Codes look like GRN-7KQ2-M9PX.' } });
    expect(await redeemCode(fixture.people.analyst.id, {})).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { code: 'Type the code you were given.' } });
    expect(await subscriptions()).toBe(before);
  });

  it('a second code extends a running subscription instead of overlapping it', async () => {
    const [first, second] = await stock(2);
    const one = await redeemCode(fixture.people.stranger.id, { code: first!.code });
    const two = await redeemCode(fixture.people.stranger.id, { code: second!.code });
    expect(one.ok && two.ok).toBe(true);
    if (one.ok && two.ok) expect(two.value.startDate).toBe(one.value.endDate);
  });
});

describe('analyses and messages', () => {
  it('a farmer’s request is listed at once as pending, and the job completes it with its documents', async () => {
    const { farmer, owner } = fixture.people;
    expect((await farmerAnalysesRead.get(farmer.id, null)).items).toEqual([]);
    // The analysis job waits until the pending state has been read (it runs right after the write).
    const job = sponsorsModule.jobs!.find((candidate) => candidate.name === 'sponsors/analyse-plant')!;
    const analyse = job.run.bind(job);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const run = vi.spyOn(job, 'run').mockImplementation(async (payload) => {
      await held;
      return analyse(payload);
    });
    let id = '';
    try {
      const result = await requestAnalysis(farmer.id, { cropType: 'pepper', location: 'Greenhouse 3', imageUrl: 'https://photos.example/pepper.jpg' });
      expect(result.ok).toBe(true);
      if (result.ok) id = result.value.id;
      expect((await farmerAnalysesRead.get(farmer.id, null)).items).toEqual([expect.objectContaining({ id, status: 'pending', cropType: 'pepper', sponsorName: fixture.sponsor.name, dealerName: fixture.dealer.name })]);
      expect((await getAnalysisDetail(owner.id, id))?.status).toBe('pending');
      release();
      await settleInlineJobs();
      expect(run).toHaveBeenCalledTimes(1);
    } finally {
      release();
      run.mockRestore();
    }
    const detail = await getAnalysisDetail(farmer.id, id);
    expect(detail).toMatchObject({ status: 'completed', cropType: 'pepper' });
    expect(detail!.overallHealthScore).toBeGreaterThan(0);
    expect(detail!.documents.recommendations).toHaveProperty('immediate');
    // The sponsor's member sees the finished analysis at once too.
    expect((await getAnalysisDetail(owner.id, id))?.status).toBe('completed');
  });

  it('needs a running subscription and keeps to the tier’s daily allowance; bad input writes nothing', async () => {
    const { stranger, farmer } = fixture.people;
    expect(await requestAnalysis(stranger.id, { cropType: 'pepper' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await requestAnalysis(farmer.id, { cropType: 'banana', imageUrl: 'ftp://x' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { cropType: 'Choose the crop in the photo.', imageUrl: expect.stringContaining('http') } });
    await prisma.userSubscription.create({ data: { userId: stranger.id, tier: 'trial', startDate: new Date(Date.now() - 1000), endDate: new Date(Date.now() + 86_400_000) } });
    expect((await requestAnalysis(stranger.id, { cropType: 'wheat' })).ok).toBe(true);
    expect(await requestAnalysis(stranger.id, { cropType: 'wheat' })).toMatchObject({ ok: false, code: 'conflict', message: expect.stringContaining('1 analyses a day') });
    expect(await prisma.plantAnalysis.count({ where: { farmerId: { in: [stranger.id, farmer.id] } } })).toBe(1);
    await settleInlineJobs();
  });

  it('a farmer’s message reaches the sponsor’s inbox at once, and the answer the farmer’s; outsiders cannot write', async () => {
    const { analysisIds } = await growSponsor(fixture, 1);
    const analysisId = analysisIds[0]!;
    const { farmer, owner, manager, stranger, dealer } = fixture.people;
    // Warm first: the writes must reach cached inboxes and threads.
    const [ownerUnread, farmerUnread] = [await unreadCountRead.get(owner.id), await unreadCountRead.get(farmer.id)];
    await getAnalysisDetail(farmer.id, analysisId);
    expect(await sendMessage(farmer.id, analysisId, { body: '  Are the spots serious?  ' })).toMatchObject({ ok: true });
    expect(await unreadCountRead.get(owner.id)).toBe(ownerUnread + 1);
    expect((await messagesRead.get(owner.id, 'inbox', null)).items[0]).toMatchObject({ preview: 'Are the spots serious?', otherName: farmer.name, read: false });
    expect((await messagesRead.get(farmer.id, 'sent', null)).items[0]).toMatchObject({ preview: 'Are the spots serious?' });
    expect((await getAnalysisDetail(farmer.id, analysisId))!.messages.at(-1)).toMatchObject({ body: 'Are the spots serious?', senderRole: 'farmer' });
    expect(await sendMessage(manager.id, analysisId, { body: 'Not yet: spray this week.' })).toMatchObject({ ok: true });
    expect(await unreadCountRead.get(farmer.id)).toBe(farmerUnread + 1);
    // The farmer answers the member who wrote last.
    expect(await sendMessage(farmer.id, analysisId, { body: 'Thanks!' })).toMatchObject({ ok: true });
    expect((await messagesRead.get(manager.id, 'inbox', null)).items[0]).toMatchObject({ preview: 'Thanks!' });
    for (const outsider of [stranger, dealer]) expect(await sendMessage(outsider.id, analysisId, { body: 'Hello' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await sendMessage(farmer.id, analysisId, { body: '   ' })).toMatchObject({ ok: false, code: 'invalid', fieldErrors: { body: 'Write a message.' } });
    expect(await sendMessage(farmer.id, analysisId, { body: 'x'.repeat(2001) })).toMatchObject({ ok: false, fieldErrors: { body: 'Use at most 2,000 characters.' } });
    expect(await prisma.analysisMessage.count({ where: { analysisId, body: { in: ['Hello', '   '] } } })).toBe(0);
  });

  it('reading a conversation clears its unread messages at once, in the count and the thread', async () => {
    const { analysisIds } = await growSponsor(fixture, 1);
    const analysisId = analysisIds[0]!;
    const { farmer, owner } = fixture.people;
    const unread = await unreadCountRead.get(farmer.id);
    expect(unread).toBeGreaterThan(0);
    expect((await getAnalysisDetail(farmer.id, analysisId))!.messages.some((message) => message.unreadByViewer)).toBe(true);
    expect(await markThreadRead(farmer.id, analysisId)).toEqual({ ok: true, value: { marked: 1 } });
    expect(await unreadCountRead.get(farmer.id)).toBe(unread - 1);
    expect((await getAnalysisDetail(farmer.id, analysisId))!.messages.some((message) => message.unreadByViewer)).toBe(false);
    const [message] = (await messagesRead.get(owner.id, 'inbox', null)).items;
    expect(await markMessageRead(farmer.id, message!.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await markMessageRead(owner.id, message!.id)).toMatchObject({ ok: true });
    expect((await messagesRead.get(owner.id, 'inbox', null)).items[0]).toMatchObject({ id: message!.id, read: true });
    expect(await markMessageRead(owner.id, message!.id)).toMatchObject({ ok: true });
  });
});

describe('the team', () => {
  it('a new member sees the sponsor at once, and loses it (and its analyses) at once when removed', async () => {
    const { owner, stranger, manager } = fixture.people;
    const { analysisIds } = await growSponsor(fixture, 1);
    // Cached refusals first: the membership change must drop them.
    expect(await getSponsorAccess(user(stranger.id), fixture.sponsor.id)).toBeNull();
    expect(await getAnalysisDetail(stranger.id, analysisIds[0]!)).toBeNull();
    expect((await sponsorRolesRead.get(stranger.id)).memberships).toEqual([]);
    expect(await addMember(manager.id, fixture.sponsor.id, { email: stranger.email, role: 'analyst' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await addMember(owner.id, fixture.sponsor.id, { email: stranger.email.toUpperCase(), role: 'analyst' })).toEqual({ ok: true, value: { userId: stranger.id } });
    expect(await getSponsorAccess(user(stranger.id), fixture.sponsor.id)).toMatchObject({ role: 'analyst' });
    expect(await getAnalysisDetail(stranger.id, analysisIds[0]!)).not.toBeNull();
    expect((await sponsorRolesRead.get(stranger.id)).memberships.map((membership) => membership.sponsorId)).toEqual([fixture.sponsor.id]);
    expect((await sponsorTeamRead.get(fixture.sponsor.id)).members.map((member) => member.userId)).toContain(stranger.id);
    expect(await removeMember(owner.id, fixture.sponsor.id, stranger.id)).toEqual({ ok: true, value: undefined });
    expect(await getSponsorAccess(user(stranger.id), fixture.sponsor.id)).toBeNull();
    expect(await getAnalysisDetail(stranger.id, analysisIds[0]!)).toBeNull();
    expect(await removeMember(owner.id, fixture.sponsor.id, stranger.id)).toMatchObject({ ok: false, code: 'not_found' });
    expect(await removeMember(owner.id, fixture.sponsor.id, owner.id)).toMatchObject({ ok: false, code: 'invalid' });
    expect(await removeMember(manager.id, fixture.sponsor.id, owner.id)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('refuses unknown people, a change of one’s own role and bad roles, clearly', async () => {
    const { owner, stranger } = fixture.people;
    expect(await addMember(owner.id, fixture.sponsor.id, { email: 'nobody@example.com', role: 'analyst' })).toMatchObject({ ok: false, fieldErrors: { email: 'Nobody has signed up with this address.' } });
    expect(await addMember(owner.id, fixture.sponsor.id, { email: owner.email, role: 'analyst' })).toMatchObject({ ok: false, fieldErrors: { email: 'You cannot change your own role.' } });
    expect(await addMember(owner.id, fixture.sponsor.id, { email: 'not an address', role: 'boss' })).toMatchObject({ ok: false, fieldErrors: { email: 'Use an e-mail address.', role: 'Choose a role.' } });
    expect(await addMember(stranger.id, fixture.sponsor.id, { email: stranger.email, role: 'owner' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await prisma.sponsorMember.count({ where: { sponsorId: fixture.sponsor.id } })).toBe(3);
  });

  it('a new dealer is on the team and in the dealer list of the analytics at once, and sees the codes handed to them', async () => {
    const { owner, stranger } = fixture.people;
    const access = (await getSponsorAccess(user(owner.id), fixture.sponsor.id))!;
    await getSponsorAnalytics(access, range());
    const added = await addDealer(owner.id, fixture.sponsor.id, { email: stranger.email, name: 'Village Co-op', region: '' });
    expect(added.ok).toBe(true);
    expect((await sponsorTeamRead.get(fixture.sponsor.id)).dealers.map((dealer) => dealer.name)).toContain('Village Co-op');
    expect((await getSponsorAnalytics(access, range())).dealers.map((dealer) => dealer.name)).toContain('Village Co-op');
    expect((await sponsorRolesRead.get(stranger.id)).dealerships).toEqual([expect.objectContaining({ dealerName: 'Village Co-op' })]);
    await stock(2);
    expect(await assignCodes(owner.id, fixture.sponsor.id, { dealerId: added.ok ? added.value.dealerId : '', count: '2' })).toMatchObject({ ok: true });
    expect((await dealerCodesRead.get(stranger.id, null)).items).toHaveLength(2);
    expect(await addDealer(owner.id, fixture.sponsor.id, { email: stranger.email, name: '' })).toMatchObject({ ok: false, fieldErrors: { name: 'Give the dealership a name.' } });
  });
});

describe('statement budgets of the writes', () => {
  /** Runs every write once for a fresh sponsor with `size` of everything, and returns the statements each took. */
  async function writeCosts(size: number) {
    const local = await createSponsorFixture();
    const { analysisIds } = await growSponsor(local, size);
    const { owner, manager, dealer, farmer, stranger } = local.people;
    const costs: Record<string, number> = {};
    const measure = async <T>(name: string, write: () => Promise<T>) => {
      const { result, statements } = await countStatements(write, `write:${name}`);
      costs[name] = statements;
      return result;
    };
    await measure('generateCodes', () => generateCodes(manager.id, local.sponsor.id, { count: '3', tier: 'small', validDays: '30' }));
    await measure('assignCodes', () => assignCodes(manager.id, local.sponsor.id, { dealerId: local.dealer.id, count: '2' }));
    const [held] = await prisma.sponsorshipCode.findMany({ where: { dealerId: local.dealer.id, distributedAt: null } });
    await measure('distributeCode', () => distributeCode(dealer.id, held!.id));
    await measure('redeemCode', () => redeemCode(stranger.id, { code: held!.code }));
    await measure('requestAnalysis', () => requestAnalysis(farmer.id, { cropType: 'tomato' }));
    await measure('sendMessage', () => sendMessage(owner.id, analysisIds[0]!, { body: 'Hello' }));
    await measure('markThreadRead', () => markThreadRead(farmer.id, analysisIds[0]!));
    const [inbox] = (await messagesRead.load(owner.id, 'inbox', null)).items;
    await measure('markMessageRead', () => markMessageRead(owner.id, inbox!.id));
    await measure('addMember', () => addMember(owner.id, local.sponsor.id, { email: stranger.email, role: 'analyst' }));
    await measure('removeMember', () => removeMember(owner.id, local.sponsor.id, stranger.id));
    await measure('addDealer', () => addDealer(owner.id, local.sponsor.id, { email: stranger.email, name: 'Co-op' }));
    await settleInlineJobs();
    return costs;
  }

  it('each write costs a fixed number of statements, the same for a sponsor with eight times the data', async () => {
    const few = await writeCosts(2);
    const many = await writeCosts(16);
    expect(many).toEqual(few);
    // One statement each, the permission inside it; the analysis request also queues its job
    // (one job_runs row); team changes first look the person up by e-mail.
    expect(few).toEqual({
      generateCodes: 1,
      assignCodes: 1,
      distributeCode: 1,
      redeemCode: 1,
      requestAnalysis: 2,
      sendMessage: 1,
      markThreadRead: 1,
      markMessageRead: 1,
      addMember: 2,
      removeMember: 1,
      addDealer: 2,
    });
  });
});
