import { describe, expect, it } from 'vitest';
import { prisma } from '@/lib/db/client';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { seed } from './index';

describe('the seed', () => {
  it('is idempotent and deterministic: a second run changes nothing', async () => {
    const snapshot = async () => ({
      users: await prisma.user.findMany({ select: { id: true, name: true, email: true, role: true }, orderBy: { id: 'asc' } }),
      connections: await prisma.connection.findMany({ select: { id: true, requesterId: true, addresseeId: true, status: true }, orderBy: { id: 'asc' } }),
    });
    const before = await snapshot();
    await seed({ scale: 'demo', log: () => {} });
    expect(await snapshot()).toEqual(before);
  });

  it('gives every demo account a password and exactly one admin', async () => {
    const accounts = await prisma.user.findMany({ where: { id: { in: DEMO_ACCOUNTS.map((a) => a.id) } }, include: { accounts: true } });
    expect(accounts).toHaveLength(DEMO_ACCOUNTS.length);
    expect(accounts.every((user) => user.accounts.some((a) => a.providerId === 'credential' && a.password))).toBe(true);
    expect(accounts.filter((user) => user.role === 'admin').map((user) => user.email)).toEqual(['admin@brisk.test']);
  });
});
