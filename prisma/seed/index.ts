import { prisma as appPrisma } from '@/lib/db/client';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { installedModules } from '@/lib/modules/registry';
import type { SeedContext } from '@/lib/modules/manifest';
import '@/modules';
import { seedCore } from './core';

export type { SeedContext } from '@/lib/modules/manifest';
export type SeedScale = SeedContext['scale'];

/** Midnight UTC of the day the seed runs: seeded dates are relative to it, so the demo looks alive on any day. */
export function seedDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Seeds the users, then every module in registry order (modules.ts). Deterministic for a given
 * day (fixed faker seed, fixed ids; dates relative to the day) and idempotent (upserts and ON
 * CONFLICT DO NOTHING): running it twice leaves the same data. On a later day it keeps what is
 * there, rows the app stored itself included, and adds what the new day brings.
 */
export async function seed(options: { scale: SeedScale; log: (line: string) => void; today?: Date; prisma?: PrismaClient }): Promise<void> {
  const context: SeedContext = { scale: options.scale, log: options.log, today: options.today ?? seedDay() };
  // The app's database, or another one (tests seed databases of their own).
  const prisma = options.prisma ?? appPrisma;
  const started = Date.now();
  context.log(`seeding at ${context.scale} scale, dates relative to ${context.today.toISOString().slice(0, 10)}`);
  await seedCore(prisma, context);
  for (const manifest of installedModules()) {
    if (!manifest.seed) continue;
    const seeder = await manifest.seed();
    await seeder(prisma, context);
  }
  // Fresh statistics, so the planner (and the ops console's row estimates) know the new sizes.
  await prisma.$executeRawUnsafe('ANALYZE');
  context.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
