import { defineConfig } from 'prisma/config';

// The CLI reads DATABASE_URL only for migrate/introspect commands; `prisma generate` needs none.
export default defineConfig({
  schema: 'prisma/schema',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres:postgres@127.0.0.1:54329/postgres' },
});
