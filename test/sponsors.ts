import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { prisma } from '@/lib/db/client';
import { countStatements } from './statements';

/**
 * A sponsor of its own for a test that writes, so that the demo data stays as other tests expect
 * it: an owner, a manager, an analyst, a dealer, two farmers with running subscriptions from its
 * codes, and a stranger. Codes, analyses and messages come with `grow`.
 */
export async function createSponsorFixture() {
  const tag = Math.random().toString(36).slice(2, 8);
  const roles = ['owner', 'manager', 'analyst', 'dealer', 'farmer', 'otherFarmer', 'stranger'] as const;
  const users = await Promise.all(
    roles.map((role) => prisma.user.create({ data: { id: `usr_t_${tag}_${role}`, name: `${role} ${tag}`, email: `${role}-${tag}@example.com` }, select: { id: true, name: true, email: true } })),
  );
  const people = Object.fromEntries(roles.map((role, i) => [role, users[i]!])) as Record<(typeof roles)[number], (typeof users)[number]>;
  const prefix = `T${tag.slice(0, 2).toUpperCase().replace(/[^A-Z0-9]/g, 'X')}`;
  const sponsor = await prisma.sponsor.create({ data: { name: `Sponsor ${tag}`, codePrefix: prefix.slice(0, 3) }, select: { id: true, name: true, codePrefix: true } });
  await prisma.sponsorMember.createMany({
    data: [
      { sponsorId: sponsor.id, userId: people.owner.id, role: 'owner' },
      { sponsorId: sponsor.id, userId: people.manager.id, role: 'manager' },
      { sponsorId: sponsor.id, userId: people.analyst.id, role: 'analyst' },
    ],
  });
  const dealer = await prisma.dealer.create({ data: { sponsorId: sponsor.id, userId: people.dealer.id, name: `Dealer ${tag}`, region: 'Aegean' }, select: { id: true, name: true } });
  const now = Date.now();
  for (const farmer of [people.farmer, people.otherFarmer]) {
    const code = await prisma.sponsorshipCode.create({
      data: { code: `${sponsor.codePrefix}-${tag.slice(0, 4).toUpperCase()}-${farmer === people.farmer ? 'AAAA' : 'BBBB'}`.replace(/[^A-Z0-9-]/g, 'X'), sponsorId: sponsor.id, dealerId: dealer.id, tier: 'medium', distributedAt: new Date(now - 5 * 86_400_000), redeemedAt: new Date(now - 4 * 86_400_000), redeemedById: farmer.id, expiresAt: new Date(now + 300 * 86_400_000) },
    });
    await prisma.userSubscription.create({ data: { userId: farmer.id, tier: 'medium', startDate: new Date(now - 4 * 86_400_000), endDate: new Date(now + 26 * 86_400_000), sponsorId: sponsor.id, sponsorshipCodeId: code.id } });
  }
  return { tag, people, sponsor, dealer };
}

export type SponsorFixture = Awaited<ReturnType<typeof createSponsorFixture>>;

const DAY = 86_400_000;

/**
 * Adds `count` of everything to a fixture's sponsor, inside the last 60 days: codes (some with the
 * dealer, sent and redeemed), analyses of its farmer with JSON documents, and a two-message
 * conversation on each analysis. Plain SQL, not the mutations: the caller drops the caches.
 */
export async function growSponsor(fixture: SponsorFixture, count: number): Promise<{ analysisIds: string[] }> {
  const { sponsor, dealer, people } = fixture;
  const batch = randomUUID().slice(0, 6).toUpperCase().replace(/[^A-Z0-9]/g, 'X');
  const now = Date.now();
  const analysisIds: string[] = [];
  for (let n = 0; n < count; n++) {
    const at = new Date(now - (1 + (n % 50)) * DAY - n * 60_000);
    await prisma.sponsorshipCode.create({
      data: {
        code: `${sponsor.codePrefix}-${batch.slice(0, 4)}-${String(n).padStart(4, '0')}`,
        sponsorId: sponsor.id,
        dealerId: n % 2 ? dealer.id : null,
        tier: 'small',
        createdAt: new Date(at.getTime() - DAY),
        distributedAt: at,
        redeemedAt: n % 3 ? new Date(at.getTime() + 3_600_000) : null,
        redeemedById: n % 3 ? people.otherFarmer.id : null,
        expiresAt: new Date(now + 300 * DAY),
      },
    });
    const id = randomUUID();
    analysisIds.push(id);
    await prisma.plantAnalysis.create({
      data: {
        id,
        analysisDate: at,
        farmerId: people.farmer.id,
        sponsorId: sponsor.id,
        dealerId: n % 2 ? dealer.id : null,
        status: 'completed',
        cropType: n % 2 ? 'tomato' : 'wheat',
        overallHealthScore: 50 + (n % 40),
        location: 'Test field',
        detailedAnalysis: { overallAssessment: 'x'.repeat(2000) },
        recommendations: { immediate: [{ action: 'Water', details: 'y'.repeat(1000) }] },
      },
    });
    await prisma.analysisMessage.createMany({
      data: [
        { analysisId: id, analysisDate: at, sentAt: new Date(at.getTime() + 60_000), sponsorId: sponsor.id, fromUserId: people.farmer.id, toUserId: people.owner.id, senderRole: 'farmer', body: `Question ${n}` },
        { analysisId: id, analysisDate: at, sentAt: new Date(at.getTime() + 120_000), sponsorId: sponsor.id, fromUserId: people.owner.id, toUserId: people.farmer.id, senderRole: 'sponsor', body: `Answer ${n}` },
      ],
    });
  }
  return { analysisIds };
}

/**
 * Asserts that a page's reads cost exactly `cold` statements on a first call (one cache miss per
 * read) and none on a second that returns the same value (all hits), before and after `grow` adds
 * data for them, and that the second round really showed more (`size`): the count must not grow
 * with the data. Like test/statements.ts's expectFlatStatementBudget, for pages of several reads.
 */
export async function expectFlatPageBudget<T>(cold: number, read: () => Promise<T>, size: (value: T) => number, grow: () => Promise<void>): Promise<void> {
  const sizes: number[] = [];
  for (const round of [0, 1]) {
    if (round === 1) await grow();
    const first = await countStatements(read);
    expect(first.statements, `statements run: ${[...first.metrics.shapes.keys()].join(' | ')}`).toBe(cold);
    expect(first.metrics.cache.misses).toBeGreaterThan(0);
    const again = await countStatements(read);
    expect(again.statements).toBe(0);
    expect(again.metrics.cache.misses).toBe(0);
    expect(again.metrics.cache.hits).toBe(first.metrics.cache.misses + first.metrics.cache.hits);
    expect(again.result).toEqual(first.result);
    sizes.push(size(first.result));
  }
  expect(sizes[1]).toBeGreaterThan(sizes[0]!);
}
