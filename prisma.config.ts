// Prisma CLI configuration (Prisma 7 keeps connection URLs out of schema.prisma).
// Migrations run through scripts/db.mjs (the offline schema engine), which reads DATABASE_URL
// itself; the URL here is only for CLI commands that need one, so `prisma generate` works
// without it.
import { defineConfig } from 'prisma/config';

const databaseUrl = process.env['DATABASE_URL'];

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  ...(databaseUrl ? { datasource: { url: databaseUrl } } : {}),
});
