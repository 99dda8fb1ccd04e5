import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { loadActivityStats, loadUpcomingEvents } from '@/lib/wishlists/queries';
import type { ActivityCounts } from '@/lib/wishlists/types';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seed, seedDay } from './index';
import { DEMO_LISTENERS } from './leads';
import { DEMO_LISTS } from './wishlists';
import { demoListId } from './shared';

describe('the seed', () => {
  it('is idempotent and deterministic: a second run changes nothing', async () => {
    // Seeded rows only (ids the seed derives): other tests add rows of their own.
    const demoLists = DEMO_LISTS.map((list) => demoListId(list.key));
    const snapshot = async () => ({
      users: await prisma.user.findMany({ where: { id: { not: { startsWith: 'usr_t_' } }, email: { endsWith: '.test' } }, select: { id: true, name: true, email: true, role: true, createdAt: true }, orderBy: { id: 'asc' } }),
      connections: await prisma.connection.findMany({ select: { id: true, requesterId: true, addresseeId: true, status: true }, orderBy: { id: 'asc' } }),
      lists: await prisma.wishlist.findMany({ where: { id: { in: demoLists } }, select: { id: true, name: true, createdAt: true, updatedAt: true, eventDate: true }, orderBy: { id: 'asc' } }),
      activities: await prisma.activity.findMany({ where: { wishlistId: { in: demoLists } }, select: { id: true, kind: true, createdAt: true }, orderBy: { id: 'asc' } }),
      generated: await prisma.wishlist.findMany({ where: { ownerId: { startsWith: 'usr_0' } }, select: { id: true, createdAt: true, updatedAt: true, eventDate: true }, orderBy: { id: 'asc' }, take: 50 }),
    });
    const before = await snapshot();
    await seed({ scale: 'demo', log: () => {}, today: seedDay() });
    expect(await snapshot()).toEqual(before);
  });

  it('seeds again over an entry that a search run of the app stored first, under an id of its own', async () => {
    const owner = DEMO_LISTENERS[0]!.owner;
    const seeded = await prisma.lead.findFirstOrThrow({ where: { ownerId: owner }, include: { mention: true }, orderBy: { id: 'asc' } });
    const entry = { ownerId: owner, itemKey: seeded.mention.itemKey };
    // What a search run leaves when it found the entry first: its mention under a random id, no lead yet.
    const runMentionId = randomUUID();
    await prisma.lead.delete({ where: { id: seeded.id } });
    await prisma.mention.update({ where: { id: seeded.mentionId }, data: { id: runMentionId } });

    await seed({ scale: 'demo', log: () => {}, today: seedDay() });
    const leads = await prisma.lead.findMany({ where: { mention: entry }, select: { mentionId: true } });
    expect(leads).toEqual([{ mentionId: runMentionId }]);

    // The seeded rows back for the tests after this one.
    await prisma.mention.delete({ where: { id: runMentionId } });
    await seed({ scale: 'demo', log: () => {}, today: seedDay() });
    expect(await prisma.lead.findUnique({ where: { id: seeded.id }, select: { mentionId: true } })).toEqual({ mentionId: seeded.mentionId });
  });

  it('gives every demo account a password and exactly one admin', async () => {
    const accounts = await prisma.user.findMany({ where: { id: { in: DEMO_ACCOUNTS.map((a) => a.id) } }, include: { accounts: true } });
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(accounts.every((user) => user.accounts.some((a) => a.providerId === 'credential' && a.password))).toBe(true);
    expect(accounts.filter((user) => user.role === 'admin').map((user) => user.email)).toEqual(['admin@brisk.test']);
  });
});

describe('the demo data, on any day', () => {
  const total = (counts: ActivityCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);

  it('dates everything relative to the seeding day: nothing in the future, events ahead', async () => {
    const today = seedDay();
    const latest = await prisma.activity.aggregate({ _max: { createdAt: true } });
    expect(latest._max.createdAt!.getTime()).toBeLessThanOrEqual(Math.max(today.getTime(), Date.now()));
    const birthday = await prisma.wishlist.findUniqueOrThrow({ where: { id: demoListId('ada-birthday') } });
    expect(birthday.eventDate!.getTime()).toBe(today.getTime() + 21 * 86_400_000);
    // Created before their items, in the order of DEMO_LISTS.
    const lists = await prisma.wishlist.findMany({ where: { id: { in: DEMO_LISTS.map((list) => demoListId(list.key)) } }, select: { id: true, createdAt: true } });
    const created = DEMO_LISTS.map((list) => lists.find((row) => row.id === demoListId(list.key))!.createdAt.getTime());
    expect([...created].sort((a, b) => a - b)).toEqual(created);
  });

  it('shows Ada’s circle active this week (and more over the month), and events coming up', async () => {
    const stats = await loadActivityStats('usr_ada');
    expect(total(stats.week)).toBeGreaterThan(0);
    expect(stats.week.itemsAdded).toBeGreaterThan(0);
    expect(total(stats.month)).toBeGreaterThan(total(stats.week));
    const events = await loadUpcomingEvents('usr_ada');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((event) => event.daysAway >= 0)).toBe(true);
  });
});
