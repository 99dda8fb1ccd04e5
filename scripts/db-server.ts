// The embedded PostgreSQL (PGlite) server, in a process of its own. `npm start` and `npm run dev`
// start it; run it alone with `npm run db:server` to use psql or a GUI against .data/.
import path from 'node:path';
import { startEmbeddedServer } from '@/lib/db/embedded';
import { EnvError, env } from '@/lib/env';

async function main() {
  const config = env();
  const dataDir = path.resolve(config.BRISK_DATA_DIR);
  const server = await startEmbeddedServer({ dataDir, port: config.EMBEDDED_DB_PORT });
  // The parent process waits for this exact line.
  console.log(`embedded database ready at ${server.url} (data in ${dataDir})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Stop with the parent: an orphaned server would hold the lock and the port.
  process.on('disconnect', stop);
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `embedded database failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
