import { prisma } from '@/lib/db/client';
import { seedCore } from './core';
import { seedWishlists } from './wishlists';

export type SeedScale = 'demo' | 'large';

export interface SeedContext {
  scale: SeedScale;
  log: (line: string) => void;
}

/**
 * Seeds every module, in dependency order. Deterministic (fixed faker seed, fixed ids) and
 * idempotent (upserts and ON CONFLICT DO NOTHING): running it twice leaves the same data.
 * Each module issue adds its seeder here.
 */
export async function seed(context: SeedContext): Promise<void> {
  const started = Date.now();
  context.log(`seeding at ${context.scale} scale`);
  await seedCore(prisma, context);
  await seedWishlists(prisma, context);
  // Fresh statistics, so the planner (and the ops console's row estimates) know the new sizes.
  await prisma.$executeRawUnsafe('ANALYZE');
  context.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
