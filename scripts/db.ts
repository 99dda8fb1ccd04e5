// Database commands: `migrate`, `status`, `seed [--scale demo|large]`.
import { EnvError, env } from '@/lib/env';
import { MigrationError, migrate, migrationStatus } from '@/lib/db/migrate';
import { withEmbeddedServer } from './lib/embedded-process';

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const config = env();
  await withEmbeddedServer(config, async () => {
    switch (command) {
      case 'migrate': {
        const applied = await migrate(config.databaseUrl, { log: (line) => console.log(line) });
        console.log(applied.length ? `applied ${applied.length} migration(s)` : 'database is up to date');
        return;
      }
      case 'status': {
        const status = await migrationStatus(config.databaseUrl);
        console.log(`applied (${status.applied.length}):`);
        for (const name of status.applied) console.log(`  ${name}${status.modified.includes(name) ? '  (modified since applied)' : ''}`);
        console.log(`pending (${status.pending.length}):`);
        for (const name of status.pending) console.log(`  ${name}`);
        console.log(`failed (${status.failed.length}):`);
        for (const failed of status.failed) console.log(`  ${failed.name}: ${failed.logs ?? 'no log'}`);
        if (status.failed.length) process.exitCode = 1;
        return;
      }
      case 'seed': {
        const scaleIndex = args.indexOf('--scale');
        const scaleArg = scaleIndex >= 0 ? args[scaleIndex + 1] : args.find((a) => a.startsWith('--scale='))?.split('=')[1];
        const scale = scaleArg ?? 'demo';
        if (scale !== 'demo' && scale !== 'large') throw new Error(`--scale must be demo or large, not "${scale}"`);
        const { seed } = await import('@/prisma/seed');
        await migrate(config.databaseUrl, { log: (line) => console.log(line) });
        await seed({ scale, log: (line) => console.log(line) });
        const { closeDatabase } = await import('@/lib/db/client');
        await closeDatabase();
        return;
      }
      default:
        throw new Error(`unknown command "${command ?? ''}": use migrate, status or seed`);
    }
  });
}

main().catch((error) => {
  console.error(error instanceof EnvError || error instanceof MigrationError ? error.message : error);
  process.exit(1);
});
