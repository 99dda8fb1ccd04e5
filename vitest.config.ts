import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };
// .next-*: the build folders of each purpose (BRISK_DIST_DIR: e2e, bench, lhci, dev) hold copies of
// packages with their own test files.
const ignored = ['node_modules/**', 'e2e/**', '.next/**', '.next-*/**', 'test/fixtures/**'];
// Tests that need servers beyond Node (redis-server, two `next start`) run with
// `npm run test:services`; `npm test` runs the unit and int projects and needs only Node and npm.
const services = ['**/*.redis.test.ts', '**/*.services.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/*.int.test.ts', ...services, ...ignored],
          environment: 'node',
          setupFiles: ['test/setup.ts'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'int',
          include: ['**/*.int.test.ts'],
          exclude: ignored,
          environment: 'node',
          setupFiles: ['test/setup.ts'],
          globalSetup: ['test/global-setup.ts'],
          // One database for the whole run; PGlite serialises queries anyway.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'services',
          include: services,
          exclude: ignored,
          environment: 'node',
          setupFiles: ['test/setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
