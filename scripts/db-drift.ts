// Offline drift check between prisma/schema and prisma/migrations (needs no database server).
//   tsx scripts/db-drift.ts           the differences, then the SQL a new migration would need
//   tsx scripts/db-drift.ts --script  only that SQL, e.g. to start a migration.sql from it
//   --schema DIR / --migrations DIR   other folders than prisma/schema and prisma/migrations
// Exit code: 0 when they agree, 1 on drift, 2 when the check itself could not run.
import { checkDrift } from '@/lib/db/drift';
import '@/modules';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const scriptOnly = args.includes('--script');
  const report = await checkDrift({ schemaDir: option('--schema'), migrationsDir: option('--migrations') });
  if (scriptOnly) {
    if (report.script) console.log(report.script);
    return report.differences.length > 0 ? 1 : 0;
  }
  if (report.differences.length === 0) {
    console.log('prisma/schema and prisma/migrations agree');
    return 0;
  }
  console.log(`prisma/schema and prisma/migrations differ (${report.differences.length}):`);
  for (const difference of report.differences) console.log(`  - ${difference}`);
  if (report.script) console.log(`\nSQL a new migration would need:\n\n${report.script}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
