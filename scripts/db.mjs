#!/usr/bin/env node
// Database migrations without the Prisma CLI's native engine (see prisma/migration-engine.mjs).
//
//   node scripts/db.mjs migrate          apply prisma/migrations to DATABASE_URL (npm run db:migrate)
//   node scripts/db.mjs create <name>    new migration from schema.prisma changes (npm run db:migration:create -- <name>)
//   node scripts/db.mjs status           applied / pending migrations of DATABASE_URL
//   node scripts/db.mjs check            exit 1 when the migrations do not produce schema.prisma (CI)
//   node scripts/db.mjs resolve --rolled-back|--applied <migration>   after fixing a failed one
import {
  DatabaseUrlError,
  applyMigrations,
  createMigration,
  diffMigrationsToSchema,
  getMigrationStatus,
  parseDatabaseUrl,
  resolveMigration,
} from '../prisma/migration-engine.mjs';

const USAGE = `Usage: node scripts/db.mjs <command>

Commands:
  migrate         Apply pending migrations to the database in DATABASE_URL (creates it if missing).
  create <name>   Write prisma/migrations/<timestamp>_<name>/migration.sql for the changes in
                  prisma/schema.prisma. DATABASE_URL must point at a development server where
                  the role may CREATE DATABASE (a temporary shadow database is made and dropped).
  status          Show whether DATABASE_URL has every migration applied.
  check           Exit 1 if replaying the migrations does not produce schema.prisma (drift).
  resolve --rolled-back <migration>
                  After a migration failed and its effects were undone by hand: mark it rolled
                  back so \`migrate\` runs it (fixed) again.
  resolve --applied <migration>
                  After a failed migration was completed by hand: record it as applied.

Environment:
  DATABASE_URL    e.g. postgresql://postgres@127.0.0.1:5432/switchyard
  DB_LOG=1        print the schema engine's log lines to stderr`;

const log =
  process.env.DB_LOG === '1' ? (/** @type {string} */ line) => console.error(line) : undefined;

const COMMANDS = new Set(['migrate', 'create', 'status', 'check', 'resolve']);
const RESOLUTIONS = new Map([
  ['--rolled-back', /** @type {const} */ ('rolledBack')],
  ['--applied', /** @type {const} */ ('applied')],
]);

/** @param {string} command @param {string[]} args */
async function run(command, args) {
  if (!COMMANDS.has(command)) {
    console.error(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  if (command === 'create' && !args[0]) {
    console.error('Missing migration name: node scripts/db.mjs create <name>');
    return 2;
  }
  if (command === 'resolve' && (!RESOLUTIONS.has(args[0] ?? '') || !args[1])) {
    console.error(
      'Usage: node scripts/db.mjs resolve --rolled-back|--applied <migration folder name>',
    );
    return 2;
  }
  // Validated before any work so a missing or malformed URL fails with a message naming it.
  const { url, redacted } = parseDatabaseUrl(process.env.DATABASE_URL, 'DATABASE_URL');
  switch (command) {
    case 'migrate': {
      const { appliedMigrationNames, createdDatabase } = await applyMigrations(url, { log });
      if (createdDatabase) console.log(`Created database ${redacted}`);
      if (appliedMigrationNames.length === 0) {
        console.log(`No pending migrations: ${redacted} is up to date.`);
      } else {
        console.log(`Applied ${appliedMigrationNames.length} migration(s) to ${redacted}:`);
        for (const name of appliedMigrationNames) console.log(`  ${name}`);
      }
      return 0;
    }
    case 'create': {
      const result = await createMigration(url, /** @type {string} */ (args[0]), { log });
      if (!result.created) {
        console.log(
          'No schema changes: prisma/schema.prisma matches the migrations; nothing created.',
        );
      } else {
        console.log(`Created ${result.directory}/migration.sql`);
        console.log('Review it, then apply it with: npm run db:migrate');
      }
      return 0;
    }
    case 'status': {
      const status = await getMigrationStatus(url, { log });
      const { history } = status;
      if (!status.hasMigrationsTable)
        console.log(`${redacted} has no _prisma_migrations table yet.`);
      if (history === null) console.log('Migration history matches prisma/migrations.');
      else console.log(`Migration history: ${JSON.stringify(history, null, 2)}`);
      for (const name of status.failedMigrationNames) console.log(`Failed migration: ${name}`);
      for (const name of status.editedMigrationNames)
        console.log(`Edited after it was applied: ${name}`);
      return history === null && status.failedMigrationNames.length === 0 ? 0 : 1;
    }
    case 'check': {
      const drift = await diffMigrationsToSchema(url, { log });
      if (drift === '') {
        console.log('No drift: the migrations produce prisma/schema.prisma exactly.');
        return 0;
      }
      console.error('Drift: prisma/schema.prisma differs from the migrations. Missing SQL:\n');
      console.error(drift);
      console.error('Create a migration with: npm run db:migration:create -- <name>');
      return 1;
    }
    case 'resolve': {
      const [flag = '', migrationName = ''] = args;
      const resolution = /** @type {'rolledBack' | 'applied'} */ (RESOLUTIONS.get(flag));
      await resolveMigration(url, migrationName, resolution, { log });
      console.log(
        `Marked ${migrationName} as ${resolution === 'applied' ? 'applied' : 'rolled back'}.`,
      );
      return 0;
    }
    default:
      throw new Error(`unhandled command ${command}`);
  }
}

const [command = '', ...args] = process.argv.slice(2);
if (command === '--help' || command === '-h' || command === 'help') {
  console.log(USAGE);
} else {
  try {
    process.exitCode = await run(command, args);
  } catch (error) {
    if (error instanceof DatabaseUrlError) {
      console.error(error.message);
    } else {
      console.error(
        `db ${command} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    process.exitCode = 1;
  }
}
